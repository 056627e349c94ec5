import type { SerialFormat } from './serial-format-engine.js';

/** The longest serial number accepted, in Unicode code points (64). */
export const SERIAL_MAX_LENGTH = 64;

/** Why a serial number is not acceptable. */
export type SerialFormatProblem =
  'EMPTY' | 'TOO_LONG' | 'WHITESPACE' | 'CONTROL_CHAR' | 'FORMAT_MISMATCH' | 'CHECK_DIGIT';

// \s already covers U+2028/2029 and most spaces; \p{Zs} adds any space separator \s may miss.
const WHITESPACE = /[\s\p{Zs}]/u;
// Cf catches zero-width and bidi marks that make two labels look identical; Cs catches lone
// surrogates, which are not valid text and cannot be stored.
const CONTROL_CHAR = /[\p{Cc}\p{Cf}\p{Cs}]/u;

/**
 * The number as it will be recorded: surrounding whitespace trimmed, case and inner characters kept as
 * printed, unless the product's format has one spelling (a MAC-48 preset records AA:BB:CC:DD:EE:FF).
 */
export function normalizeSerial(raw: string, format?: SerialFormat | null): string {
  const trimmed = raw.trim();
  return format?.normalize ? format.normalize(trimmed) : trimmed;
}

/** The case-insensitive identity of a serial number ("abc1" and "ABC1" are the same label misread). */
export function serialKey(number: string): string {
  // Must agree with the database's unique index on lower(number).
  return number.toLowerCase();
}

/** The first problem with an already normalized serial number, or null when it is acceptable; format is optional. */
export function validateSerialNumber(
  number: string,
  format?: SerialFormat | null,
): SerialFormatProblem | null {
  if (number.length === 0) return 'EMPTY';
  if (codePointLength(number) > SERIAL_MAX_LENGTH) return 'TOO_LONG';
  if (WHITESPACE.test(number)) return 'WHITESPACE';
  if (CONTROL_CHAR.test(number)) return 'CONTROL_CHAR';
  if (format?.check) return format.check(number);
  if (format && !matchesFormat(number, format)) return 'FORMAT_MISMATCH';
  return null;
}

/** Every number appearing more than once case-insensitively, each once, as first written, in order of first appearance. */
export function findDuplicateSerials(numbers: readonly string[], format?: SerialFormat | null): string[] {
  const seen = new Map<string, { first: string; repeated: boolean }>();
  for (const number of numbers) {
    const key = serialKey(normalizeSerial(number, format));
    const entry = seen.get(key);
    if (entry) entry.repeated = true;
    else seen.set(key, { first: number, repeated: false });
  }
  // A Map iterates in insertion order, which is the order of first appearance.
  return [...seen.values()].filter((entry) => entry.repeated).map((entry) => entry.first);
}

/** Every number (as given) that fails {@link validateSerialNumber} after normalizing, in input order. */
export function findInvalidSerials(numbers: readonly string[], format?: SerialFormat | null): string[] {
  return numbers.filter((number) => validateSerialNumber(normalizeSerial(number, format), format) !== null);
}

function codePointLength(text: string): number {
  let length = 0;
  // The string iterator walks code points, so an emoji or CJK extension character counts once.
  for (const _ of text) length++;
  return length;
}

function matchesFormat(number: string, format: SerialFormat): boolean {
  // A caller's own global or sticky RegExp remembers lastIndex between test() calls and would skip numbers.
  if (format instanceof RegExp && (format.global || format.sticky)) format.lastIndex = 0;
  return format.test(number);
}
