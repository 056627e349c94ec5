// The serialFormat rules without a static dependency on re2js, so a widget can load the engine lazily.
import type { RE2JS } from 're2js';
import { DomainError, ErrorCode } from './error-codes.js';

/** The longest serialFormat pattern accepted (200 characters). */
export const SERIAL_FORMAT_MAX_LENGTH = 200;

/**
 * The largest compiled serialFormat accepted (RE2 program instructions). Matching is linear in
 * program size × number length; real formats stay under 100, and at this bound 100,000 numbers of
 * 64 characters are still judged in about a second.
 */
export const SERIAL_FORMAT_MAX_PROGRAM_SIZE = 500;

/** A compiled serialFormat: `test` is a full match, in time linear in the number's length. */
export interface SerialFormat {
  test(number: string): boolean;
  /** The one recorded spelling of a trimmed number (a preset's, e.g. MAC-48 upper-case with ":"); absent: as entered. */
  normalize?(number: string): string;
  /** Why a number fails (e.g. CHECK_DIGIT for a mistyped IMEI); absent: test() alone decides. */
  check?(number: string): 'FORMAT_MISMATCH' | 'CHECK_DIGIT' | null;
}

/** The RE2 engine (re2js's `RE2JS` class), passed in by callers that load it lazily. */
export type Re2Engine = Pick<typeof RE2JS, 'compile'>;

/**
 * {@link compileSerialFormat} with an engine the caller brings: a widget loads re2js only when a
 * product has a pattern (`import('re2js')`), so forms for preset or unformatted products never ship it.
 */
export function compileSerialFormatWith(engine: Re2Engine, pattern: string): SerialFormat {
  if (pattern.length > SERIAL_FORMAT_MAX_LENGTH) {
    throw invalidFormat(`it is longer than ${SERIAL_FORMAT_MAX_LENGTH} characters`);
  }
  if (pattern.length === 0) throw invalidFormat('it is empty (use null for no format)');
  let compiled: RE2JS;
  try {
    compiled = engine.compile(pattern);
  } catch (error) {
    throw invalidFormat(`${syntaxReason(error)} (RE2 syntax: no lookaround, no backreferences)`);
  }
  if (compiled.programSize() > SERIAL_FORMAT_MAX_PROGRAM_SIZE) {
    throw invalidFormat(
      `it is too complex (${compiled.programSize()} RE2 instructions, at most ${SERIAL_FORMAT_MAX_PROGRAM_SIZE}); simplify its repetitions`,
    );
  }
  // testExact is RE2's full match, so "a)|(b"-style tricks cannot un-anchor an alternative.
  return { test: (number) => compiled.testExact(number) };
}

function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '');
}

function invalidFormat(reason: string): DomainError {
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `serialFormat is not a valid regular expression: ${reason}.`,
    undefined,
    { field: 'serialFormat' },
  );
}
