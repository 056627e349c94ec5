import { describe, expect, it } from 'vitest';
import {
  SERIAL_MAX_LENGTH,
  findDuplicateSerials,
  findInvalidSerials,
  normalizeSerial,
  serialKey,
  validateSerialNumber,
} from './serial-number.js';
import { compileSerialFormat } from './serial-format.js';

describe('normalizeSerial', () => {
  it('trims surrounding whitespace but keeps the case and inner characters as printed', () => {
    expect(normalizeSerial('  LTP-2026-000124\t\n')).toBe('LTP-2026-000124');
    expect(normalizeSerial('device-00123')).toBe('device-00123');
  });
});

describe('serialKey', () => {
  it('treats numbers differing only in case as the same unit', () => {
    expect(serialKey('ABC1')).toBe(serialKey('abc1'));
    expect(serialKey('ABC1')).not.toBe(serialKey('ABC2'));
  });
});

describe('validateSerialNumber', () => {
  it('accepts typical serials: prefixes, zero padding, IMEI digits, MAC addresses', () => {
    for (const number of [
      'LTP-2026-000124',
      'device-00123',
      '356938035643809',
      '00:1A:2B:3C:4D:5E',
      'Ä-ü-1',
    ]) {
      expect(validateSerialNumber(number)).toBeNull();
    }
  });

  it('refuses an empty number', () => {
    expect(validateSerialNumber('')).toBe('EMPTY');
  });

  it('accepts 64 characters and refuses 65', () => {
    expect(validateSerialNumber('x'.repeat(SERIAL_MAX_LENGTH))).toBeNull();
    expect(validateSerialNumber('x'.repeat(SERIAL_MAX_LENGTH + 1))).toBe('TOO_LONG');
  });

  it('counts length in code points, so 64 emoji are not too long', () => {
    expect(validateSerialNumber('😀'.repeat(64))).toBeNull();
    expect(validateSerialNumber('😀'.repeat(65))).toBe('TOO_LONG');
  });

  it('refuses whitespace inside, including tabs and Unicode spaces', () => {
    for (const number of ['AB 12', 'AB\t12', 'AB\u00a012', 'AB\u300012', 'AB\u202812', 'AB\ufeff12']) {
      expect(validateSerialNumber(number)).toBe('WHITESPACE');
    }
  });

  it('refuses control and invisible format characters that make labels look alike', () => {
    for (const number of [
      'AB\u000012',
      'AB\u007f12',
      'AB\u200b12',
      'AB\u200e12',
      'AB\u206012',
      'AB\ud80012',
    ]) {
      expect(validateSerialNumber(number)).toBe('CONTROL_CHAR');
    }
  });

  it("refuses a number not matching the product's format, and accepts one that does", () => {
    const format = compileSerialFormat('[A-Z]{3}-\\d{5}');
    expect(validateSerialNumber('DEV-00121', format)).toBeNull();
    expect(validateSerialNumber('dev-00121', format)).toBe('FORMAT_MISMATCH');
    expect(validateSerialNumber('DEV-00121X', format)).toBe('FORMAT_MISMATCH');
  });

  it('ignores a null format', () => {
    expect(validateSerialNumber('anything', null)).toBeNull();
  });

  it('gives the same verdict every time with a global regular expression', () => {
    const format = /^A\d$/g;
    expect([1, 2, 3].map(() => validateSerialNumber('A1', format))).toEqual([null, null, null]);
  });
});

describe('findDuplicateSerials', () => {
  it('names every repeated number once, as first written, in input order', () => {
    expect(findDuplicateSerials(['b2', 'A1', 'a1', 'B2', 'C3', 'A1', 'b2'])).toEqual(['b2', 'A1']);
  });

  it('finds nothing in a list of distinct numbers', () => {
    expect(findDuplicateSerials(['A1', 'A2', 'A10'])).toEqual([]);
    expect(findDuplicateSerials([])).toEqual([]);
  });

  it('treats numbers differing only by surrounding whitespace as the same', () => {
    expect(findDuplicateSerials(['A1', ' A1 '])).toEqual(['A1']);
  });
});

describe('findInvalidSerials', () => {
  it('names every invalid number as given, not only the first', () => {
    expect(findInvalidSerials(['OK-1', '', 'a b', 'OK-2', 'x'.repeat(65)])).toEqual([
      '',
      'a b',
      'x'.repeat(65),
    ]);
  });

  it('applies the product format', () => {
    expect(findInvalidSerials(['A1', 'B1', 'A2'], compileSerialFormat('A\\d'))).toEqual(['B1']);
  });

  it('accepts numbers that only need trimming', () => {
    expect(findInvalidSerials(['  A1  '])).toEqual([]);
  });
});
