import { describe, expect, it } from 'vitest';
import { DOCUMENT_NUMBER_PREFIX, formatDocumentNumber } from './document-number.js';

describe('formatDocumentNumber', () => {
  it('writes the type prefix and a six-digit sequence', () => {
    expect(formatDocumentNumber('RECEIPT', 1)).toBe('RCV-000001');
    expect(formatDocumentNumber('SERIAL_CORRECTION', 42)).toBe('COR-000042');
  });

  it('grows past 999999 instead of truncating', () => {
    expect(formatDocumentNumber('SHIPMENT', 999_999)).toBe('SHP-999999');
    expect(formatDocumentNumber('SHIPMENT', 1_000_000)).toBe('SHP-1000000');
  });

  it('has a distinct prefix for every document type', () => {
    const prefixes = Object.values(DOCUMENT_NUMBER_PREFIX);
    expect(prefixes).toHaveLength(10);
    expect(new Set(prefixes).size).toBe(10);
  });

  it('refuses a sequence that is not a positive integer', () => {
    for (const seq of [0, -1, 1.5, Number.NaN])
      expect(() => formatDocumentNumber('HOLD', seq)).toThrow(RangeError);
  });
});
