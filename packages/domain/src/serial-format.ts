import { RE2JS } from 're2js';
import { compileSerialFormatWith, type SerialFormat } from './serial-format-engine.js';

/**
 * Compiles a product's serialFormat with RE2 (re2js, linear-time matching: no pattern can make a
 * number take exponential time). Full match, Unicode code points. RE2 has no lookaround and no
 * backreferences, and writes a code point as `\x{41}` (not `\u0041`). Throws BAD_USER_INPUT
 * (details.field = "serialFormat") for a pattern RE2 refuses, an empty one, or one too long or complex.
 */
export function compileSerialFormat(pattern: string): SerialFormat {
  return compileSerialFormatWith(RE2JS, pattern);
}
