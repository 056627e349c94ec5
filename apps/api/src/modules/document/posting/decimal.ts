/** Exact decimal sums and averages for unit costs (strings in, strings out; never floats). */
const SCALE = 6n;
const FACTOR = 10n ** SCALE;

function toScaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = value.replace('-', '').split('.');
  const scaled = BigInt(int) * FACTOR + BigInt(frac.padEnd(Number(SCALE), '0').slice(0, Number(SCALE)));
  return negative ? -scaled : scaled;
}

function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const frac = (abs % FACTOR).toString().padStart(Number(SCALE), '0');
  return `${negative ? '-' : ''}${abs / FACTOR}.${frac}`;
}

/** Sum and per-unit average of the known costs; null when no unit has a cost. */
export function costTotals(costs: readonly (string | null)[]): {
  total: string | null;
  average: string | null;
} {
  const known = costs.filter((c): c is string => c != null);
  if (known.length === 0 || known.length !== costs.length) return { total: null, average: null };
  // Units of one receipt line share their cost: one multiplication instead of a sum over every unit.
  if (known.every((c) => c === known[0])) {
    const each = toScaled(known[0]!);
    return { total: fromScaled(each * BigInt(known.length)), average: fromScaled(each) };
  }
  const total = known.reduce((sum, c) => sum + toScaled(c), 0n);
  const n = BigInt(known.length);
  return { total: fromScaled(total), average: fromScaled((total * 2n + n) / (2n * n)) };
}

export function multiplyCost(unitCost: string | null, quantity: number): string | null {
  return unitCost == null ? null : fromScaled(toScaled(unitCost) * BigInt(quantity));
}
