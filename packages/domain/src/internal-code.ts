import { DomainError, ErrorCode } from './error-codes.js';
import { findDuplicateSerials, normalizeSerial, validateSerialNumber } from './serial-number.js';

/**
 * A unit's internal code (asset tag) beside its real serial: printed on the organization's own
 * label, so it obeys the label rules of a serial (no whitespace or control characters, at most 64
 * characters) and, like a serial, letter case does not tell two codes apart.
 */
export function normalizeInternalCode(raw: string): string {
  return normalizeSerial(raw);
}

/** The case-insensitive identity of an internal code (agrees with the database's lower() index). */
export function internalCodeKey(code: string): string {
  return code.toLowerCase();
}

/**
 * Refuses malformed codes (BAD_USER_INPUT, details.field = "internalCode", every one named) and codes
 * repeated in the input (INTERNAL_CODE_EXISTS, every one named). Codes are already normalized.
 */
export function assertInternalCodesWellFormed(codes: readonly string[]): void {
  const invalid = codes.filter((code) => validateSerialNumber(code) !== null);
  if (invalid.length > 0) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      'These internal codes are empty, longer than 64 characters, or contain spaces or control characters',
      invalid,
      { field: 'internalCode', internalCodes: invalid },
    );
  }
  const repeated = findDuplicateSerials(codes);
  if (repeated.length > 0) throw internalCodesTaken(repeated);
}

/** INTERNAL_CODE_EXISTS naming every offending code (in `serials`, where clients look, and `internalCodes`). */
export function internalCodesTaken(codes: readonly string[]): DomainError {
  return new DomainError(ErrorCode.INTERNAL_CODE_EXISTS, undefined, [...codes], {
    internalCodes: [...codes],
  });
}
