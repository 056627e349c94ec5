import { DomainError, ErrorCode } from './error-codes.js';
import {
  findDuplicateSerials,
  normalizeSerial,
  serialKey,
  validateSerialNumber,
  type SerialFormatProblem,
} from './serial-number.js';
import type { SerialFormat } from './serial-format-engine.js';

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
    const number = normalizeSerial(raw, format);
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
  const normalized = numbers.map((n) => normalizeSerial(n, format));
  const invalid: InvalidSerial[] = [];
  for (const serial of normalized) {
    const problem = validateSerialNumber(serial, format);
    if (problem) invalid.push({ serial, problem });
  }
  if (invalid.length > 0) throw invalidSerialsError(invalid);
  const duplicates = findDuplicateSerials(normalized);
  if (duplicates.length > 0) throw new DomainError(ErrorCode.DUPLICATE_SERIAL, undefined, duplicates);
}

/** One refused number and why. */
export interface InvalidSerial {
  serial: string;
  problem: SerialFormatProblem;
}

const PROBLEM_REASONS: Record<SerialFormatProblem, string> = {
  EMPTY: 'empty',
  TOO_LONG: 'longer than 64 characters',
  WHITESPACE: 'contains whitespace',
  CONTROL_CHAR: 'contains control characters',
  FORMAT_MISMATCH: "does not match the product's serial format",
  CHECK_DIGIT: 'check digit is wrong',
};

/** The plain-language reason for a problem ("check digit is wrong" for a mistyped IMEI). */
export function serialProblemReason(problem: SerialFormatProblem): string {
  return PROBLEM_REASONS[problem];
}

/**
 * INVALID_SERIAL_FORMAT naming every refused number; the message lists the distinct reasons, and
 * `details.problems` gives each number's reason code (CHECK_DIGIT, FORMAT_MISMATCH, …).
 */
export function invalidSerialsError(invalid: readonly InvalidSerial[]): DomainError {
  const reasons = [...new Set(invalid.map((i) => PROBLEM_REASONS[i.problem]))];
  const checkDigit = invalid.some((i) => i.problem === 'CHECK_DIGIT');
  // The default message stays for the plain cases so existing clients read what they always read.
  const message = checkDigit
    ? `These serial numbers are refused (${reasons.join('; ')}); a wrong check digit usually means a mistyped or misread digit.`
    : undefined;
  return new DomainError(
    ErrorCode.INVALID_SERIAL_FORMAT,
    message,
    invalid.map((i) => i.serial),
    { problems: invalid.map((i) => ({ serial: i.serial, problem: i.problem })) },
  );
}
