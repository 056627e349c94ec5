import {
  checkSerialsLocally,
  compileSerialFormatWith,
  expandSerialRange,
  type Re2Engine,
  isSerialPreset,
  serialPresetFormat,
  normalizeSerial,
  serialKey,
  tokenizeSerialInput,
} from '@serialgraph/domain';

// The pure rules of ReceiveSerialsForm: turning typed, scanned or pasted text into rows, and
// giving every row its verdict in one linear pass. Serial rules themselves come from
// @serialgraph/domain; this file only arranges them for a form.

/**
 * Why a number has a bad format: the domain's problems, plus `RANGE` for a range that cannot be
 * expanded (descending, mismatched ends, too long). Re-declared here so the published types do not
 * reference the bundled domain package.
 */
export type SerialProblem =
  'EMPTY' | 'TOO_LONG' | 'WHITESPACE' | 'CONTROL_CHAR' | 'FORMAT_MISMATCH' | 'CHECK_DIGIT' | 'RANGE';

/** One entered number. `rangeError` is set when the row holds a range that could not be expanded. */
export interface ReceiveRow {
  /** Stable id (React key, edits, removal). */
  id: number;
  /** The number as it will be recorded (trimmed), or the range as typed. */
  number: string;
  rangeError?: string;
}

/**
 * The verdict on a row: `ok`, `checking` (local rules pass, the server has not answered yet),
 * `unchecked` (the server could not be reached), `duplicate` (earlier in the list), `exists`
 * (already recorded for the product), `invalid` (bad format or range).
 */
export type VerdictKind = 'ok' | 'checking' | 'unchecked' | 'duplicate' | 'exists' | 'invalid';

/** A row's verdict; `problem` for `invalid`, `firstIndex` (0-based row of the first occurrence) for `duplicate`. */
export interface RowVerdict {
  kind: VerdictKind;
  problem?: SerialProblem;
  firstIndex?: number;
  /** The server named this row in a refusal of the last submit. */
  refused?: boolean;
}

/** What the server said about a number (by serialKey); `duplicate`/`invalid` come from a refused submit. */
export type ServerVerdict = 'ok' | 'exists' | 'invalid' | 'duplicate';

/** True when a verdict is something the clerk must fix before submitting. */
export function isBad(kind: VerdictKind): boolean {
  return kind === 'duplicate' || kind === 'exists' || kind === 'invalid';
}

/** The most numbers one entry (a paste, a range) may add: 10,000, the most one `checkSerials` call checks. */
export const MAX_ENTRY = 10_000;

/**
 * Splits typed, scanned or pasted text into row contents: separators are newlines, commas,
 * semicolons, tabs and spaces; `A-001..A-005` and `A-001+4` expand. A range that cannot be expanded
 * stays as one row with its reason, so nothing the clerk entered is silently dropped.
 */
export function parseEntry(text: string, max = MAX_ENTRY): Array<Omit<ReceiveRow, 'id'>> {
  const entries: Array<Omit<ReceiveRow, 'id'>> = [];
  for (const token of tokenizeSerialInput(text)) {
    try {
      const expanded = expandSerialRange(token, max);
      if (expanded) for (const number of expanded) entries.push({ number });
      else entries.push({ number: normalizeSerial(token) });
    } catch (error) {
      entries.push({ number: token, rangeError: error instanceof Error ? error.message : String(error) });
    }
  }
  return entries;
}

/** A compiled serialFormat (the domain's linear-time RE2 matcher); declared here so the public types never name the private domain package. */
export interface SerialFormat {
  /** True when the whole number matches. */
  test(number: string): boolean;
  /** The one recorded spelling (a MAC-48 preset's AA:BB:CC:DD:EE:FF); absent: as entered. */
  normalize?(number: string): string;
  /** Why a number fails (CHECK_DIGIT for a mistyped IMEI or GTIN); absent: test() decides. */
  check?(number: string): 'FORMAT_MISMATCH' | 'CHECK_DIGIT' | null;
}

/**
 * The product's format: its preset (IMEI, MAC_48, GTIN_*: the same domain rules as the server), else
 * its serialFormat compiled with `engine` (re2js, loaded only for products with a pattern: see
 * loadRe2Engine); null when there is none, the engine is not loaded yet, or the pattern cannot be
 * compiled (the server still checks).
 */
export function formatOf(
  pattern: string | null | undefined,
  preset?: string | null,
  engine?: Re2Engine | null,
): SerialFormat | null {
  if (preset && isSerialPreset(preset)) return serialPresetFormat(preset);
  if (!pattern || !engine) return null;
  try {
    return compileSerialFormatWith(engine, pattern);
  } catch {
    return null;
  }
}

let re2Engine: Promise<Re2Engine> | null = null;

/**
 * re2js (about 45 kB min+gzip) as a separate chunk, fetched once, the first time a product with a
 * serialFormat pattern is received; preset and unformatted products never load it.
 */
export function loadRe2Engine(): Promise<Re2Engine> {
  re2Engine ??= import('re2js').then((module) => module.RE2JS);
  // A failed load (offline) is retried next time; meanwhile the server judges the format.
  re2Engine.catch(() => {
    re2Engine = null;
  });
  return re2Engine;
}

/** The verdicts of every row plus what the server still has to be asked. */
export interface VerdictPass {
  verdicts: RowVerdict[];
  /** Numbers that pass the local rules and the server has not judged yet (unique by serialKey). */
  toCheck: string[];
  counts: VerdictCounts;
}

/** How many rows have each verdict, and how many count towards the receipt. */
export interface VerdictCounts {
  total: number;
  ok: number;
  checking: number;
  unchecked: number;
  duplicate: number;
  exists: number;
  invalid: number;
  /** Rows that are not bad: the units this receipt would record. */
  accepted: number;
  /** Rows to fix or remove. */
  bad: number;
}

/**
 * Gives every row its verdict in one linear pass: local rules (format, repeats) first, then what
 * the server said. `pendingKeys` are numbers being checked right now; `failedKeys` ones whose
 * check failed.
 */
export function computeVerdicts(
  rows: readonly ReceiveRow[],
  format: SerialFormat | null,
  server: ReadonlyMap<string, ServerVerdict>,
  failedKeys: ReadonlySet<string>,
  refusedKeys: ReadonlySet<string>,
): VerdictPass {
  const local = checkSerialsLocally(
    rows.map((row) => row.number),
    format,
  );
  const firstIndexOf = new Map<string, number>();
  const toCheck: string[] = [];
  const counts: VerdictCounts = {
    ...{ total: rows.length, ok: 0, checking: 0, unchecked: 0 },
    ...{ duplicate: 0, exists: 0, invalid: 0, accepted: 0, bad: 0 },
  };
  const verdicts = rows.map((row, index): RowVerdict => {
    const check = local[index]!;
    const key = serialKey(check.number);
    const refused = refusedKeys.has(key) || undefined;
    let verdict: RowVerdict;
    if (row.rangeError) verdict = { kind: 'invalid', problem: 'RANGE' };
    else if (check.issue === 'INVALID_FORMAT')
      verdict = { kind: 'invalid', problem: check.problem ?? undefined };
    else if (check.issue === 'DUPLICATE_IN_INPUT') {
      verdict = { kind: 'duplicate', firstIndex: firstIndexOf.get(key), refused };
    } else {
      firstIndexOf.set(key, index);
      const said = server.get(key);
      if (said === 'ok') verdict = { kind: 'ok' };
      else if (said === 'exists') verdict = { kind: 'exists', refused };
      else if (said === 'invalid') verdict = { kind: 'invalid', problem: 'FORMAT_MISMATCH', refused };
      else if (said === 'duplicate') verdict = { kind: 'duplicate', refused };
      else if (failedKeys.has(key)) verdict = { kind: 'unchecked' };
      else {
        verdict = { kind: 'checking' };
        toCheck.push(check.number);
      }
    }
    counts[verdict.kind] += 1;
    if (isBad(verdict.kind)) counts.bad += 1;
    else counts.accepted += 1;
    return verdict;
  });
  return { verdicts, toCheck, counts };
}

/** How a submit refusal's `extensions.code` maps onto the rows it names. */
export const refusalVerdicts: Readonly<Record<string, ServerVerdict>> = {
  SERIAL_EXISTS: 'exists',
  DUPLICATE_SERIAL: 'duplicate',
  INVALID_SERIAL_FORMAT: 'invalid',
};

/** A refusal read from a GraphQL error: its code, message and the numbers it names. */
export interface SubmitRefusal {
  code: string;
  message: string;
  serials: string[];
}

/** Reads the first GraphQL error of a failed submit as a refusal; null when there is none. */
export function readRefusal(
  errors: ReadonlyArray<{ message: string; extensions?: unknown }>,
): SubmitRefusal | null {
  const first = errors[0];
  if (!first) return null;
  const extensions = (first.extensions ?? {}) as { code?: unknown; serials?: unknown };
  const serials = Array.isArray(extensions.serials)
    ? extensions.serials.filter((serial): serial is string => typeof serial === 'string')
    : [];
  return {
    code: typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN',
    message: first.message,
    serials,
  };
}
