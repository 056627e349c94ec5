import { DomainError, ErrorCode } from './error-codes.js';
import { normalizeSerial } from './serial-number.js';

/** The most serials one range may expand to by default (10,000). */
export const SERIAL_RANGE_MAX = 10_000;

// Serials never contain whitespace, so any of it (and commas, semicolons) separates scanned tokens.
const SEPARATORS = /[\s,;]+/u;
// prefix, last digit group, suffix without digits: "alpha-012-345-beta" → "alpha-012-", "345", "-beta".
const LAST_DIGIT_GROUP = /^(.*?)(\d+)(\D*)$/su;
const PLUS_RANGE = /^(.*?)(\d+)(\D*)\+(\d+)$/su;

/** Splits scanned or pasted text into tokens on newlines, commas, semicolons, tabs and spaces; empty tokens are dropped. */
export function tokenizeSerialInput(text: string): string[] {
  return text.split(SEPARATORS).filter((token) => token.length > 0);
}

/**
 * Expands `DEV-00121..DEV-00125` (inclusive) or `DEV-00121+4` (that one and 4 more) keeping prefix,
 * suffix and zero padding; null when the token is not a range. Throws BAD_USER_INPUT for a descending,
 * mismatched or padding-inconsistent range, or one longer than `max` (default 10,000).
 */
export function expandSerialRange(token: string, max = SERIAL_RANGE_MAX): string[] | null {
  const range = parseDotRange(token) ?? parsePlusRange(token);
  if (!range) return null;
  const count = range.last - range.first + 1n;
  if (count > BigInt(max)) {
    throw rangeError(token, `it would create ${count} serials, more than the limit of ${max}`);
  }
  const serials: string[] = [];
  for (let value = range.first; value <= range.last; value++) {
    // padStart never truncates, so A-99+2 grows to A-100 rather than wrapping to A-00.
    serials.push(`${range.prefix}${value.toString().padStart(range.width, '0')}${range.suffix}`);
  }
  return serials;
}

/** Tokenizes scanned or pasted text and expands every range token; plain tokens are kept as normalized serials. */
export function parseSerialInput(text: string, max = SERIAL_RANGE_MAX): string[] {
  return tokenizeSerialInput(text).flatMap(
    (token) => expandSerialRange(token, max) ?? [normalizeSerial(token)],
  );
}

interface NumericRange {
  prefix: string;
  suffix: string;
  width: number;
  first: bigint;
  last: bigint;
}

function parseDotRange(token: string): NumericRange | null {
  const parts = token.split('..');
  // "A..B..C" or a dangling "A1.." is a serial that happens to contain dots, not a range.
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const start = LAST_DIGIT_GROUP.exec(parts[0]);
  const end = LAST_DIGIT_GROUP.exec(parts[1]);
  // Without a number on both sides there is nothing to count, so keep the token as written.
  if (!start || !end) return null;
  const [, prefix = '', startDigits = '', suffix = ''] = start;
  const [, endPrefix = '', endDigits = '', endSuffix = ''] = end;
  if (prefix !== endPrefix || suffix !== endSuffix) {
    throw rangeError(
      token,
      'both ends must have the same prefix and suffix and differ only in the last number',
    );
  }
  const first = BigInt(startDigits);
  const last = BigInt(endDigits);
  if (last < first) throw rangeError(token, 'it is descending; write the lower number first');
  // The end must be one of the generated numbers, else "A-0099..A-100" would silently record "A-0100".
  if (last.toString().padStart(startDigits.length, '0') !== endDigits) {
    throw rangeError(token, 'both ends must use the same zero padding');
  }
  return { prefix, suffix, width: startDigits.length, first, last };
}

function parsePlusRange(token: string): NumericRange | null {
  const match = PLUS_RANGE.exec(token);
  if (!match) return null;
  const [, prefix = '', digits = '', suffix = '', more = ''] = match;
  // The serial before "+" may itself contain "+" ("A+1+2"), which is too ambiguous to expand.
  if (prefix.includes('+') || suffix.includes('+')) return null;
  const first = BigInt(digits);
  return { prefix, suffix, width: digits.length, first, last: first + BigInt(more) };
}

function rangeError(token: string, reason: string): DomainError {
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `"${token}" is not a valid serial range: ${reason}.`,
    undefined,
    {
      range: token,
    },
  );
}
