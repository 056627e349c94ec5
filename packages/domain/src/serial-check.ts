import { DomainError, ErrorCode } from './error-codes.js';
import {
  findDuplicateSerials,
  normalizeSerial,
  serialKey,
  validateSerialNumber,
  type SerialFormatProblem,
} from './serial-number.js';
import type { SerialFormat } from './serial-format.js';

/** The verdict on one number of a local (offline) serial check. */
export interface LocalSerialCheck {
  /** The number, normalized. */
  number: string;
  /** Null when acceptable so far; the server adds ALREADY_EXISTS, NOT_FOUND and NOT_AVAILABLE. */
  issue: 'INVALID_FORMAT' | 'DUPLICATE_IN_INPUT' | null;
  /** Why the format is invalid, so a form can say more than "invalid"; null otherwise. */
  problem: SerialFormatProblem | null;
}

/**
 * Checks format and repeats without a server, one result per input in order: the first occurrence of a
 * number is fine, later ones (case-insensitive) are DUPLICATE_IN_INPUT; an invalid format wins over a repeat.
 */
export function checkSerialsLocally(
  numbers: readonly string[],
  format?: SerialFormat | null,
): LocalSerialCheck[] {
  const seen = new Set<string>();
  return numbers.map((raw) => {
    const number = normalizeSerial(raw);
    const problem = validateSerialNumber(number, format);
    if (problem) return { number, issue: 'INVALID_FORMAT', problem };
    // Only valid numbers claim a key: after a misread "abc1" fails a case-sensitive format, the
    // rescanned "ABC1" is the clerk's correction, not a repeat.
    const key = serialKey(number);
    if (seen.has(key)) return { number, issue: 'DUPLICATE_IN_INPUT', problem: null };
    seen.add(key);
    return { number, issue: null, problem: null };
  });
}

/** Throws INVALID_SERIAL_FORMAT naming every invalid number, else DUPLICATE_SERIAL naming every repeated one. */
export function assertSerialsWellFormed(numbers: readonly string[], format?: SerialFormat | null): void {
  const normalized = numbers.map(normalizeSerial);
  const invalid = normalized.filter((number) => validateSerialNumber(number, format) !== null);
  if (invalid.length > 0) throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, invalid);
  const duplicates = findDuplicateSerials(normalized);
  if (duplicates.length > 0) throw new DomainError(ErrorCode.DUPLICATE_SERIAL, undefined, duplicates);
}
