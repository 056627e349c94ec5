import { describe, expect, it } from 'vitest';
import { DomainError } from './error-codes.js';
import { compileSerialFormat } from './serial-format.js';

describe('compileSerialFormat', () => {
  it('matches the whole number, not a part of it', () => {
    const format = compileSerialFormat('\\d{3}');
    expect(format.test('123')).toBe(true);
    expect(format.test('x123')).toBe(false);
    expect(format.test('1234')).toBe(false);
  });

  it('keeps alternatives anchored on both ends', () => {
    const format = compileSerialFormat('A\\d|B\\d');
    expect(format.test('A1')).toBe(true);
    expect(format.test('B1')).toBe(true);
    expect(format.test('A1zzz')).toBe(false);
    expect(format.test('zzzB1')).toBe(false);
  });

  it('compiles in unicode mode', () => {
    expect(compileSerialFormat('\\p{Lu}\\d').test('Ä1')).toBe(true);
    expect(compileSerialFormat('.').test('😀')).toBe(true);
  });

  it('refuses an invalid pattern with BAD_USER_INPUT, explaining why', () => {
    expect(() => compileSerialFormat('[A-Z')).toThrow(/^serialFormat is not a valid regular expression: /);
    try {
      compileSerialFormat('(abc');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('refuses a pattern that would only become valid by breaking out of the anchoring group', () => {
    expect(() => compileSerialFormat('a)|(b')).toThrow(DomainError);
  });

  it('accepts 200 characters and refuses a pattern over 200 characters', () => {
    expect(() => compileSerialFormat('a'.repeat(200))).not.toThrow();
    expect(() => compileSerialFormat('a'.repeat(201))).toThrow(/longer than 200 characters/);
  });

  it('refuses an empty pattern, which would refuse every serial', () => {
    expect(() => compileSerialFormat('')).toThrow(/empty/);
  });

  it('runs in linear time: a pattern that backtracks catastrophically in JavaScript judges 64 characters at once', () => {
    const format = compileSerialFormat('^(a+)+$');
    const started = Date.now();
    expect(format.test(`${'a'.repeat(63)}b`)).toBe(false);
    // Coarse: a backtracking engine needs hours here; RE2 needs well under a millisecond.
    expect(Date.now() - started).toBeLessThan(500);
    expect(format.test('a'.repeat(64))).toBe(true);
  });

  it.each([
    ['a lookahead', '(?=A)A\\d'],
    ['a negative lookahead', '(?!B)\\w+'],
    ['a lookbehind', '(?<=A)\\d'],
    ['a backreference', '(\\d)\\1'],
    ['a JavaScript \\u escape', '\\u0041'],
    ['a repeat count over 1000', 'a{1001}'],
  ])('refuses %s (RE2 cannot run it) with BAD_USER_INPUT naming the field', (_what, pattern) => {
    try {
      compileSerialFormat(pattern);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'serialFormat' } });
      expect((error as Error).message).toMatch(/^serialFormat is not a valid regular expression: .*RE2/);
    }
  });

  it('refuses a pattern too complex to match quickly, naming the limit', () => {
    expect(() => compileSerialFormat('\\p{L}{600}')).toThrow(/too complex .* at most 500/);
    expect(() => compileSerialFormat('\\p{L}{400}')).not.toThrow();
  });

  it('accepts RE2 spellings: inline flags, \\x{…} code points, named groups, Unicode classes', () => {
    expect(compileSerialFormat('(?i)dev-\\d+').test('DEV-1')).toBe(true);
    expect(compileSerialFormat('\\x{41}\\d').test('A1')).toBe(true);
    expect(compileSerialFormat('(?P<prefix>[A-Z]{2})-\\d{4}').test('AB-1234')).toBe(true);
    expect(compileSerialFormat('\\p{Han}+\\d').test('字1')).toBe(true);
  });
});
