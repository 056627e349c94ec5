import {
  getNamedType,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { badInput } from './errors';
import { LIMITS } from './input-limits';

/**
 * Text hygiene for every String argument and input field, wherever it is nested, before any
 * resolver runs: no control characters (PostgreSQL refuses NUL; the others corrupt logs, CSV exports
 * and labels), no lone surrogates (not text, silently replaced when stored) and at most
 * LIMITS.anyText characters. Run for every field with arguments (see validation.ts), so a new
 * field is covered without a decorator; tighter per-field limits are class-validator decorators.
 *
 * Single-line text (the default) may carry surrounding whitespace (scanners append CR/LF/TAB; the
 * services trim) but no control character inside. Fields marked `@MultilineText()` (notes, reasons)
 * may contain TAB, LF and CR anywhere. Fields marked `@SerialNumbers()` are left to the domain's
 * serial rules, which name every offending number (INVALID_SERIAL_FORMAT) or judge each one
 * (checkSerials). IDs are skipped: global-id.ts decodes them strictly and never sends them to SQL.
 */

/** Marks a serial number field (or list): its content is judged by the domain rules, not here. */
export const SerialNumbers = () => Extensions({ serialNumbers: true });
/** Marks a free-text field that may span lines (TAB, LF, CR allowed). */
export const MultilineText = () => Extensions({ multiline: true });

// Cc (C0, DEL, C1) and Cs (lone surrogates under the u flag).
const ANY_CONTROL = /[\p{Cc}\p{Cs}]/u;
const CONTROL_EXCEPT_LINE_BREAKS = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

/** Why this text is refused, or null when it is acceptable. */
export function textProblem(text: string, multiline: boolean, max: number = LIMITS.anyText): string | null {
  if (text.length > max) return `is longer than ${max} characters`;
  const bad = multiline ? CONTROL_EXCEPT_LINE_BREAKS.exec(text) : ANY_CONTROL.exec(text.trim());
  if (!bad) return null;
  const codePoint = bad[0].codePointAt(0)!;
  const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return codePoint >= 0xd800 && codePoint <= 0xdfff
    ? `contains a lone surrogate (${name}), which is not valid text`
    : `contains a control character (${name}); text may not contain control characters${multiline ? ' other than tab and line breaks' : ''}`;
}

type Marked = Pick<GraphQLInputField | GraphQLArgument, 'extensions'>;

function check(value: unknown, type: GraphQLInputType, path: string, field: Marked): void {
  if (value == null) return;
  if (field.extensions.serialNumbers) return;
  if (isNonNullType(type)) return check(value, type.ofType, path, field);
  if (isListType(type)) {
    if (!Array.isArray(value)) return check(value, type.ofType, path, field);
    // Lists of scalars other than String hold nothing to check; skip walking them.
    const named = getNamedType(type);
    if (named !== GraphQLString && !isInputObjectType(named)) return;
    for (let i = 0; i < value.length; i++) check(value[i], type.ofType, `${path}[${i}]`, field);
    return;
  }
  if (isInputObjectType(type)) {
    for (const inner of Object.values(type.getFields())) {
      check((value as Record<string, unknown>)[inner.name], inner.type, `${path}.${inner.name}`, inner);
    }
    return;
  }
  if (type === GraphQLID || typeof value !== 'string') return;
  const problem = textProblem(value, Boolean(field.extensions.multiline));
  if (problem) throw badInput(`${path} ${problem}.`, { field: path });
}

/** Refuses unsafe text in any argument of the field being resolved, with BAD_USER_INPUT naming it. */
export function checkTextArguments(args: Record<string, unknown>, info: GraphQLResolveInfo): void {
  const definitions = info.parentType.getFields()[info.fieldName]?.args ?? [];
  for (const definition of definitions)
    check(args[definition.name], definition.type, definition.name, definition);
}
