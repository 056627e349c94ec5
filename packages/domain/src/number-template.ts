import { luhnCheckDigit } from './check-digits.js';
import { DomainError, ErrorCode } from './error-codes.js';
import type { SerialFormat } from './serial-format-engine.js';
import { SERIAL_MAX_LENGTH, validateSerialNumber } from './serial-number.js';

/**
 * A product's number template: how serial numbers are made for units that arrive without one
 * (`TOOL-{YYYY}-{SEQ:6}` → `TOOL-2026-000045`). Grammar, read left to right:
 *
 * - `{SEQ:n}` (exactly once): the product's counter, zero-padded to n digits (1 to 15). A counter
 *   that outgrows n digits is refused, never widened, so every number keeps one shape.
 * - `{YYYY}` / `{YY}`: the year (UTC) of the posting date, or of the day numbers were reserved.
 * - `{CHECK}` (at most once): a Luhn (mod-10) check digit over every digit written before it.
 * - anything else is fixed text, copied as is: no braces, no whitespace or control characters.
 *
 * Tokens are upper case. A template is at most 100 characters and its numbers at most 64.
 * The counter is kept per (product, template text with the year filled in and the counter and check
 * digit left out): a new year starts again at 1; a change of width or check digit continues.
 */
export const NUMBER_TEMPLATE_MAX_LENGTH = 100;

/** Widest counter: 15 digits stay exact in a JavaScript number and in PostgreSQL's bigint. */
export const NUMBER_TEMPLATE_MAX_SEQ_WIDTH = 15;

/** One piece of a parsed template. */
export type NumberTemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'year4' }
  | { kind: 'year2' }
  | { kind: 'seq'; width: number }
  | { kind: 'check' };

/** A template that passed {@link parseNumberTemplate}. */
export interface NumberTemplate {
  readonly source: string;
  readonly parts: readonly NumberTemplatePart[];
  /** Digits of the counter. */
  readonly seqWidth: number;
  /** The largest counter value the template can write (10^width − 1). */
  readonly maxSeq: number;
}

const TOKEN = /^(YYYY|YY|CHECK|SEQ:(\d{1,2}))$/;
// The same characters a serial number may not hold (serial-number.ts), plus the braces.
const BAD_TEXT = /[\s\p{Zs}\p{Cc}\p{Cf}\p{Cs}{}]/u;

/** Parses and checks a template; refuses it with BAD_USER_INPUT (details.field = "numberTemplate") naming the problem. */
export function parseNumberTemplate(source: string): NumberTemplate {
  if (source.length === 0) throw invalidTemplate('it is empty (use null for no template)');
  if (source.length > NUMBER_TEMPLATE_MAX_LENGTH)
    throw invalidTemplate(`it is longer than ${NUMBER_TEMPLATE_MAX_LENGTH} characters`);
  const parts: NumberTemplatePart[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{', at);
    const textEnd = open < 0 ? source.length : open;
    if (textEnd > at) parts.push(fixedText(source.slice(at, textEnd)));
    if (open < 0) break;
    const close = source.indexOf('}', open);
    if (close < 0) throw invalidTemplate(`"{" at position ${open + 1} is never closed`);
    parts.push(token(source.slice(open + 1, close)));
    at = close + 1;
  }
  const seqs = parts.filter((p): p is { kind: 'seq'; width: number } => p.kind === 'seq');
  if (seqs.length !== 1)
    throw invalidTemplate(
      seqs.length === 0 ? 'it has no {SEQ:n} counter' : 'it has more than one {SEQ:n} counter',
    );
  if (parts.filter((p) => p.kind === 'check').length > 1)
    throw invalidTemplate('it has more than one {CHECK} digit');
  const width = seqs[0]!.width;
  const longest = parts.reduce((n, p) => n + partLength(p, width), 0);
  if (longest > SERIAL_MAX_LENGTH)
    throw invalidTemplate(`its numbers would be ${longest} characters long, more than ${SERIAL_MAX_LENGTH}`);
  return { source, parts, seqWidth: width, maxSeq: 10 ** width - 1 };
}

/** Why `source` is not a valid template, or null when it is (for forms that preview as you type). */
export function numberTemplateProblem(source: string): string | null {
  try {
    parseNumberTemplate(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The counter a number made on `date` draws from: the template with the year filled in, counter and check digit left out. */
export function numberTemplateCounterKey(template: NumberTemplate, date: Date): string {
  return template.parts
    .map((p) => (p.kind === 'seq' ? '{SEQ}' : p.kind === 'check' ? '' : renderFixed(p, date)))
    .join('');
}

/** The number `seq` (1 … maxSeq) of the template on `date`. */
export function formatTemplateNumber(template: NumberTemplate, date: Date, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > template.maxSeq)
    throw new RangeError(`Counter value ${seq} is outside 1…${template.maxSeq}.`);
  let out = '';
  for (const p of template.parts) {
    if (p.kind === 'seq') out += String(seq).padStart(p.width, '0');
    else if (p.kind === 'check') out += String(luhnCheckDigit(out.replace(/\D/g, '')));
    else out += renderFixed(p, date);
  }
  return out;
}

/**
 * Numbers seq, seq+1, … of the template on `date` that `format` (a product's serialFormat) refuses,
 * sampled at the counter's first, last and a few values between: a template whose numbers a
 * product's own format refuses cannot be saved beside it.
 */
export function templateFormatMismatch(
  template: NumberTemplate,
  format: SerialFormat,
  date: Date = new Date(),
): string | null {
  const samples = new Set([1, 2, 9, 10, 99, 100, template.maxSeq - 1, template.maxSeq]);
  for (const seq of samples) {
    if (seq < 1 || seq > template.maxSeq) continue;
    const number = formatTemplateNumber(template, date, seq);
    if (validateSerialNumber(number, format) !== null) return number;
  }
  return null;
}

function fixedText(text: string): NumberTemplatePart {
  const bad = BAD_TEXT.exec(text);
  if (bad) {
    const what =
      bad[0] === '}' ? '"}" without "{"' : `the character U+${hex(bad[0])} (whitespace or control)`;
    throw invalidTemplate(`its fixed text "${text}" holds ${what}`);
  }
  return { kind: 'text', text };
}

function token(body: string): NumberTemplatePart {
  const m = TOKEN.exec(body);
  if (!m)
    throw invalidTemplate(
      `{${body.length > 20 ? `${body.slice(0, 20)}…` : body}} is not a token (use {YYYY}, {YY}, {SEQ:n}, {CHECK})`,
    );
  if (m[1] === 'YYYY') return { kind: 'year4' };
  if (m[1] === 'YY') return { kind: 'year2' };
  if (m[1] === 'CHECK') return { kind: 'check' };
  const width = Number(m[2]);
  if (width < 1 || width > NUMBER_TEMPLATE_MAX_SEQ_WIDTH)
    throw invalidTemplate(`{SEQ:${m[2]}} must have a width from 1 to ${NUMBER_TEMPLATE_MAX_SEQ_WIDTH}`);
  return { kind: 'seq', width };
}

function renderFixed(p: NumberTemplatePart, date: Date): string {
  if (p.kind === 'text') return p.text;
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  if (p.kind === 'year4') return year;
  if (p.kind === 'year2') return year.slice(-2);
  throw new Error(`Not a fixed part: ${p.kind}`);
}

function partLength(p: NumberTemplatePart, width: number): number {
  switch (p.kind) {
    case 'text':
      return [...p.text].length;
    case 'year4':
      return 4;
    case 'year2':
      return 2;
    case 'seq':
      return width;
    case 'check':
      return 1;
  }
}

function hex(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

function invalidTemplate(reason: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `numberTemplate is not valid: ${reason}.`, undefined, {
    field: 'numberTemplate',
  });
}
