import { describe, expect, it } from 'vitest';
import { addMonths, isWarrantyActive, warrantyFromSale } from './warranty.js';

const utc = (iso: string) => new Date(iso);

describe('addMonths', () => {
  it('adds calendar months in UTC keeping the time of day', () => {
    expect(addMonths(utc('2026-03-15T10:30:00.000Z'), 24).toISOString()).toBe('2028-03-15T10:30:00.000Z');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths(utc('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(utc('2028-01-31T12:00:00Z'), 1).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMonths(utc('2026-08-31T00:00:00Z'), 1).toISOString()).toBe('2026-09-30T00:00:00.000Z');
  });

  it('crosses year boundaries in both directions', () => {
    expect(addMonths(utc('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(utc('2026-01-15T00:00:00Z'), -2).toISOString()).toBe('2025-11-15T00:00:00.000Z');
  });

  it('does not modify the date it is given', () => {
    const date = utc('2026-01-31T00:00:00Z');
    addMonths(date, 1);
    expect(date.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it('refuses fractional months and invalid dates', () => {
    expect(() => addMonths(utc('2026-01-01T00:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addMonths(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('warrantyFromSale', () => {
  it('starts at the sale and ends the given months later', () => {
    const warranty = warrantyFromSale(utc('2026-02-10T09:00:00Z'), 12);
    expect(warranty?.startsAt.toISOString()).toBe('2026-02-10T09:00:00.000Z');
    expect(warranty?.endsAt.toISOString()).toBe('2027-02-10T09:00:00.000Z');
  });

  it('gives no warranty when the product has none', () => {
    const sale = utc('2026-02-10T09:00:00Z');
    expect(warrantyFromSale(sale, null)).toBeNull();
    expect(warrantyFromSale(sale, undefined)).toBeNull();
    expect(warrantyFromSale(sale, 0)).toBeNull();
  });

  it('refuses a negative or fractional warranty length', () => {
    expect(() => warrantyFromSale(utc('2026-02-10T09:00:00Z'), -1)).toThrow(RangeError);
    expect(() => warrantyFromSale(utc('2026-02-10T09:00:00Z'), 2.5)).toThrow(RangeError);
  });
});

describe('isWarrantyActive', () => {
  const warranty = { endsAt: utc('2027-02-10T09:00:00Z') };

  it('is active until just before the end', () => {
    expect(isWarrantyActive(warranty, utc('2027-02-10T08:59:59.999Z'))).toBe(true);
  });

  it('has expired at the end instant and after', () => {
    expect(isWarrantyActive(warranty, utc('2027-02-10T09:00:00Z'))).toBe(false);
    expect(isWarrantyActive(warranty, utc('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
