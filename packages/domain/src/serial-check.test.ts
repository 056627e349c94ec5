import { describe, expect, it } from 'vitest';
import { DomainError } from './error-codes.js';
import { assertSerialsWellFormed, checkSerialsLocally } from './serial-check.js';
import { compileSerialFormat } from './serial-format.js';

describe('checkSerialsLocally', () => {
  it('gives one verdict per input, in order, with numbers normalized', () => {
    expect(checkSerialsLocally([' A1 ', 'A2'])).toEqual([
      { number: 'A1', issue: null, problem: null },
      { number: 'A2', issue: null, problem: null },
    ]);
  });

  it('accepts the first occurrence and flags later ones, ignoring case', () => {
    expect(checkSerialsLocally(['A1', 'B1', 'a1', 'A1']).map((check) => check.issue)).toEqual([
      null,
      null,
      'DUPLICATE_IN_INPUT',
      'DUPLICATE_IN_INPUT',
    ]);
  });

  it('reports an invalid format before a repeat, saying why', () => {
    expect(checkSerialsLocally(['a b', 'a b'])).toEqual([
      { number: 'a b', issue: 'INVALID_FORMAT', problem: 'WHITESPACE' },
      { number: 'a b', issue: 'INVALID_FORMAT', problem: 'WHITESPACE' },
    ]);
  });

  it('accepts the corrected scan after an invalid one rather than calling it a repeat', () => {
    const format = compileSerialFormat('[A-Z]\\d');
    expect(checkSerialsLocally(['a1', 'A1'], format).map((check) => check.issue)).toEqual([
      'INVALID_FORMAT',
      null,
    ]);
  });

  it('flags empty tokens as invalid', () => {
    expect(checkSerialsLocally(['   '])[0]).toEqual({
      number: '',
      issue: 'INVALID_FORMAT',
      problem: 'EMPTY',
    });
  });

  it('checks 10,000 numbers with repeats quickly', () => {
    const numbers = Array.from({ length: 10_000 }, (_, i) => `SN-${i % 9_000}`);
    const started = Date.now();
    const checks = checkSerialsLocally(numbers, compileSerialFormat('SN-\\d+'));
    expect(Date.now() - started).toBeLessThan(500);
    expect(checks.filter((check) => check.issue === 'DUPLICATE_IN_INPUT')).toHaveLength(1_000);
  });
});

describe('assertSerialsWellFormed', () => {
  it('accepts distinct valid numbers', () => {
    expect(() => assertSerialsWellFormed(['A1', 'A2'])).not.toThrow();
  });

  it('refuses with INVALID_SERIAL_FORMAT naming every invalid number', () => {
    try {
      assertSerialsWellFormed(['A1', 'a b', 'A1', '', 'ok']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'INVALID_SERIAL_FORMAT', serials: ['a b', ''] });
    }
  });

  it('refuses with DUPLICATE_SERIAL naming every repeated number once', () => {
    try {
      assertSerialsWellFormed(['A1', 'B1', 'a1', 'b1', 'C1']);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'DUPLICATE_SERIAL', serials: ['A1', 'B1'] });
    }
  });
});
