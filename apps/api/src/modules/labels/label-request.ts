import { DomainError, ErrorCode } from '@serialgraph/domain';
import {
  isSheetName,
  isSymbology,
  SHEETS,
  SYMBOLOGIES,
  type SheetName,
  type Symbology,
} from '@serialgraph/labels';
import { badInput } from '../../common/errors';
import { idOf, lookupIdOf } from '../../common/global-id';

/** Labels one request prints at most: each costs 2–8 ms of barcode encoding (BENCHMARKS: labels). */
export const MAX_LABELS_PER_REQUEST = 500;

export const LABEL_FORMATS = ['svg', 'pdf'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** Whose labels: a document's units, chosen units, or numbers of a product not necessarily received yet. */
export type LabelSource =
  | { kind: 'document'; documentId: string }
  /** Each id as sent, with its uuid (null when it is not a serial id of ours: then it is not found). */
  | { kind: 'serials'; serialIds: { given: string; id: string | null }[] }
  | { kind: 'numbers'; productId: string; numbers: string[] };

export interface LabelRequest {
  source: LabelSource;
  symbology: Symbology;
  sheet: SheetName;
  format: LabelFormat;
}

const PARAMETERS = new Set([
  'documentId',
  'serialIds',
  'productId',
  'numbers',
  'symbology',
  'sheet',
  'format',
]);
// A refusal quotes what was sent, but never more than this of it.
const ECHO_MAX = 100;

export function tooManyLabels(count: number | string): DomainError {
  return new DomainError(
    ErrorCode.TOO_MANY_LABELS,
    `A request prints at most ${MAX_LABELS_PER_REQUEST} labels; this one asks for ${count}. Split it into smaller requests.`,
    undefined,
    { limit: MAX_LABELS_PER_REQUEST },
  );
}

/**
 * Reads the query string of a GET or the JSON object of a POST (same names). Lists are repeated
 * parameters or JSON arrays; a single string is split at commas (send a number that contains a
 * comma as a repeated parameter or in a JSON array).
 */
export function parseLabelRequest(params: unknown): LabelRequest {
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw badInput('Send the label parameters as a query string or a JSON object.');
  const given = params as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !PARAMETERS.has(name));
  if (unknown.length > 0)
    throw badInput(`Unknown parameter ${echo(unknown[0]!)}; use ${[...PARAMETERS].join(', ')}.`, {
      field: echo(unknown[0]!),
    });

  const symbology = choice(given.symbology, 'symbology', SYMBOLOGIES, 'code128', isSymbology);
  const sheet = choice(given.sheet, 'sheet', SHEETS, 'thermal-58x40', isSheetName);
  const format = choice(given.format, 'format', LABEL_FORMATS, 'svg', (v): v is LabelFormat =>
    (LABEL_FORMATS as readonly unknown[]).includes(v),
  );
  return { source: source(given), symbology, sheet, format };
}

function source(given: Record<string, unknown>): LabelSource {
  const chosen = ['documentId', 'serialIds', 'numbers'].filter((name) => given[name] !== undefined);
  if (chosen.length !== 1)
    throw badInput('Give exactly one of documentId, serialIds, or productId with numbers.', {
      field: chosen.length ? chosen.join(',') : 'documentId',
    });
  if (given.productId !== undefined && chosen[0] !== 'numbers')
    throw badInput('productId goes with numbers only.', { field: 'productId' });
  if (given.documentId !== undefined)
    return { kind: 'document', documentId: idOf('Document', single(given.documentId, 'documentId')) };
  if (given.serialIds !== undefined)
    return {
      kind: 'serials',
      serialIds: list(given.serialIds, 'serialIds').map((id) => ({
        given: id,
        id: lookupIdOf('Serial', id),
      })),
    };
  if (given.productId === undefined)
    throw badInput('numbers need the productId they belong to.', { field: 'productId' });
  return {
    kind: 'numbers',
    productId: idOf('Product', single(given.productId, 'productId')),
    numbers: list(given.numbers, 'numbers'),
  };
}

function single(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw badInput(`${field} must be one non-empty string.`, { field });
  return value;
}

/** A list of at most the label limit of non-empty strings (checked before anything else is done with it). */
function list(value: unknown, field: string): string[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string'))
    throw badInput(`${field} must be a list of strings.`, { field });
  if (items.length > MAX_LABELS_PER_REQUEST) throw tooManyLabels(items.length);
  const strings = items as string[];
  if (strings.length === 0 || strings.some((item) => item === ''))
    throw badInput(`${field} must not be empty nor hold empty entries.`, { field });
  return strings;
}

function choice<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  fallback: T,
  is: (v: unknown) => v is T,
): T {
  if (value === undefined) return fallback;
  if (is(value)) return value;
  throw badInput(`${field} must be one of ${allowed.join(', ')}.`, { field });
}

export function echo(text: string): string {
  return text.length > ECHO_MAX ? `${text.slice(0, ECHO_MAX)}…` : text;
}
