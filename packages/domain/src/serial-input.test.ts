import { describe, expect, it } from 'vitest';
import { DomainError } from './error-codes.js';
import { expandSerialRange, parseSerialInput, tokenizeSerialInput } from './serial-input.js';

describe('tokenizeSerialInput', () => {
  it('splits on newlines, commas, semicolons, tabs and spaces, dropping empties', () => {
    expect(tokenizeSerialInput('A1\nA2,A3;A4\tA5 A6\r\n\n, ;A7  ')).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A5',
      'A6',
      'A7',
    ]);
  });

  it('returns nothing for blank input', () => {
    expect(tokenizeSerialInput('  \n\t ,; ')).toEqual([]);
  });
});

describe('expandSerialRange', () => {
  it('expands an inclusive range keeping prefix and zero padding', () => {
    expect(expandSerialRange('DEV-00121..DEV-00125')).toEqual([
      'DEV-00121',
      'DEV-00122',
      'DEV-00123',
      'DEV-00124',
      'DEV-00125',
    ]);
  });

  it('increments only the last digit group, keeping the suffix', () => {
    expect(expandSerialRange('alpha-012-345-beta..alpha-012-347-beta')).toEqual([
      'alpha-012-345-beta',
      'alpha-012-346-beta',
      'alpha-012-347-beta',
    ]);
  });

  it('expands "+n" to that number and n more', () => {
    expect(expandSerialRange('DEV-00121+4')).toEqual([
      'DEV-00121',
      'DEV-00122',
      'DEV-00123',
      'DEV-00124',
      'DEV-00125',
    ]);
    expect(expandSerialRange('X7-B+0')).toEqual(['X7-B']);
  });

  it('keeps counting past the padded width instead of truncating', () => {
    expect(expandSerialRange('A-99+2')).toEqual(['A-99', 'A-100', 'A-101']);
    expect(expandSerialRange('A-098..A-100')).toEqual(['A-098', 'A-099', 'A-100']);
    expect(expandSerialRange('A-9..A-11')).toEqual(['A-9', 'A-10', 'A-11']);
  });

  it('counts exactly beyond 2^53, as long IMEI-like numbers need', () => {
    expect(expandSerialRange('99999999999999999+1')).toEqual(['99999999999999999', '100000000000000000']);
  });

  it('treats a range of one as that single serial', () => {
    expect(expandSerialRange('A-5..A-5')).toEqual(['A-5']);
  });

  it('returns null for ordinary serials, including ones containing "+" or ".."', () => {
    for (const token of [
      'DEV-00121',
      'ABC+X',
      'ABC+4',
      '+4',
      'A1+',
      'A..B',
      'A1..',
      '..A1',
      'A1..A2..A3',
      'A1+2+3',
      'v1.2',
    ]) {
      expect(expandSerialRange(token)).toBeNull();
    }
  });

  it('refuses a descending range', () => {
    expect(() => expandSerialRange('DEV-00125..DEV-00121')).toThrow(/descending/);
  });

  it('refuses a range whose ends differ in prefix or suffix', () => {
    expect(() => expandSerialRange('DEV-001..DEX-005')).toThrow(/same prefix and suffix/);
    expect(() => expandSerialRange('A-1-x..A-5-y')).toThrow(/same prefix and suffix/);
    expect(() => expandSerialRange('dev-001..DEV-005')).toThrow(DomainError);
  });

  it('refuses a range whose ends are padded differently rather than rewriting the end', () => {
    expect(() => expandSerialRange('A-0099..A-100')).toThrow(/zero padding/);
    expect(() => expandSerialRange('A-1..A-05')).toThrow(/zero padding/);
  });

  it('refuses a range longer than the limit with BAD_USER_INPUT, and accepts one exactly at it', () => {
    expect(expandSerialRange('S-1..S-10000')).toHaveLength(10_000);
    expect(() => expandSerialRange('S-1..S-10001')).toThrow(/more than the limit of 10000/);
    expect(() => expandSerialRange('S-1+99999999999999999999')).toThrow(DomainError);
    expect(expandSerialRange('S-1+2', 3)).toHaveLength(3);
    try {
      expandSerialRange('S-1+3', 3);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { range: 'S-1+3' } });
    }
  });
});

describe('parseSerialInput', () => {
  it('expands ranges and keeps plain serials, in input order', () => {
    expect(parseSerialInput('X-1\nDEV-01..DEV-03, ABC+X; Y-9+1')).toEqual([
      'X-1',
      'DEV-01',
      'DEV-02',
      'DEV-03',
      'ABC+X',
      'Y-9',
      'Y-10',
    ]);
  });

  it('keeps repeats so the check can flag them', () => {
    expect(parseSerialInput('A1 a1 A1')).toEqual(['A1', 'a1', 'A1']);
  });

  it('passes the limit to every range', () => {
    expect(() => parseSerialInput('A-1+5', 5)).toThrow(DomainError);
  });
});
