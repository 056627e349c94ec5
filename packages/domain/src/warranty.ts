/** A warranty period: covered from startsAt (inclusive) until endsAt (exclusive). */
export interface WarrantyPeriod {
  startsAt: Date;
  endsAt: Date;
}

/** The date `months` calendar months later (earlier when negative) in UTC, clamped to month end: Jan 31 + 1 → Feb 28/29. */
export function addMonths(date: Date, months: number): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError('addMonths needs a valid date');
  if (!Number.isInteger(months))
    throw new RangeError(`addMonths needs a whole number of months, got ${months}`);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  // Day 0 of the following month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  // Set the whole date at once: setting the month first could overflow into the next month.
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}

/** The warranty of a unit sold at saleAt; null when the product has no warranty (months null, undefined or 0). */
export function warrantyFromSale(saleAt: Date, months: number | null | undefined): WarrantyPeriod | null {
  if (months === null || months === undefined || months === 0) return null;
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`Warranty months must be a non-negative integer, got ${months}`);
  }
  return { startsAt: new Date(saleAt.getTime()), endsAt: addMonths(saleAt, months) };
}

/** True while `now` is before the warranty's end; the end instant itself is no longer covered. */
export function isWarrantyActive(warranty: { endsAt: Date }, now: Date): boolean {
  return now.getTime() < warranty.endsAt.getTime();
}
