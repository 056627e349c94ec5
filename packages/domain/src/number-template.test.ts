import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './check-digits.js';
import { compileSerialFormat } from './serial-format.js';
import {
  formatTemplateNumber,
  numberTemplateCounterKey,
  numberTemplateProblem,
  parseNumberTemplate,
  templateFormatMismatch,
} from './number-template.js';

const day = new Date('2026-03-15T12:00:00Z');

describe('parseNumberTemplate / formatTemplateNumber', () => {
  it('writes fixed text, the UTC year and the zero-padded counter', () => {
    const t = parseNumberTemplate('TOOL-{YYYY}-{SEQ:6}');
    expect(formatTemplateNumber(t, day, 45)).toBe('TOOL-2026-000045');
    expect(formatTemplateNumber(parseNumberTemplate('T{YY}{SEQ:3}'), day, 7)).toBe('T26007');
    // 23:30 on 31 December in New York is already the next year in UTC.
    expect(formatTemplateNumber(t, new Date('2027-01-01T00:30:00Z'), 1)).toBe('TOOL-2027-000001');
  });

  it('appends a Luhn check digit over the digits before it', () => {
    const t = parseNumberTemplate('{SEQ:14}{CHECK}');
    // 49015420323751 + 8 is a textbook valid IMEI.
    expect(formatTemplateNumber(t, day, 49015420323751)).toBe('490154203237518');
    const tool = parseNumberTemplate('TOOL-{YYYY}-{SEQ:6}-{CHECK}');
    expect(formatTemplateNumber(tool, day, 45)).toBe(`TOOL-2026-000045-${luhnCheckDigit('2026000045')}`);
  });

  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('')).toBe(0);
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
  });

  it('refuses a counter outside 1…10^width−1 instead of widening the number', () => {
    const t = parseNumberTemplate('A{SEQ:2}');
    expect(t.maxSeq).toBe(99);
    expect(formatTemplateNumber(t, day, 99)).toBe('A99');
    expect(() => formatTemplateNumber(t, day, 100)).toThrow(RangeError);
    expect(() => formatTemplateNumber(t, day, 0)).toThrow(RangeError);
  });

  it('keys the counter by the text and year, not by width or check digit', () => {
    const key = (s: string, d = day) => numberTemplateCounterKey(parseNumberTemplate(s), d);
    expect(key('TOOL-{YYYY}-{SEQ:6}')).toBe('TOOL-2026-{SEQ}');
    expect(key('TOOL-{YYYY}-{SEQ:8}{CHECK}')).toBe('TOOL-2026-{SEQ}');
    expect(key('TOOL-{YYYY}-{SEQ:6}', new Date('2027-02-01Z'))).toBe('TOOL-2027-{SEQ}');
  });

  it.each([
    ['', 'empty'],
    ['TOOL-{YYYY}', 'no {SEQ:n} counter'],
    ['{SEQ:3}{SEQ:3}', 'more than one {SEQ:n}'],
    ['{SEQ:3}{CHECK}{CHECK}', 'more than one {CHECK}'],
    ['{SEQ:0}', 'width from 1 to 15'],
    ['{SEQ:16}', 'width from 1 to 15'],
    ['{SEQ}', '{SEQ} is not a token'],
    ['{yyyy}{SEQ:3}', '{yyyy} is not a token'],
    ['A{SEQ:3', 'never closed'],
    ['A}{SEQ:3}', '"}" without "{"'],
    ['TOOL {SEQ:3}', 'U+0020'],
    ['A\u200b{SEQ:3}', 'U+200B'],
    [`${'A'.repeat(60)}{SEQ:6}`, 'would be 66 characters long'],
    [`${'A'.repeat(101)}`, 'longer than 100'],
  ])('refuses %j naming the problem (%s)', (source, problem) => {
    expect(() => parseNumberTemplate(source)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'numberTemplate' } }),
    );
    expect(numberTemplateProblem(source)).toContain(problem);
  });

  it('accepts a valid template', () => {
    expect(numberTemplateProblem('TOOL-{YYYY}-{SEQ:6}{CHECK}')).toBeNull();
  });
});

describe('templateFormatMismatch', () => {
  it('names a sample number the product’s serialFormat refuses', () => {
    const t = parseNumberTemplate('TOOL-{YYYY}-{SEQ:6}');
    expect(templateFormatMismatch(t, compileSerialFormat('TOOL-\\d{4}-\\d{6}'), day)).toBeNull();
    expect(templateFormatMismatch(t, compileSerialFormat('TOOL-\\d{4}-\\d{5}'), day)).toBe(
      'TOOL-2026-000001',
    );
    // Only the largest counter values break a format that wants a leading zero.
    expect(templateFormatMismatch(t, compileSerialFormat('TOOL-\\d{4}-0\\d{5}'), day)).toBe(
      'TOOL-2026-999998',
    );
  });
});
