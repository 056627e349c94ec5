import { badInput } from './errors';
import { isUuid } from './ids';

/** Page size bounds: `first` defaults to 50 and may not exceed this. */
export const MAX_PAGE_SIZE = 1000;

export function pageSize(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE)
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}.`);
  return n;
}

/** Opaque keyset cursor: the sort key values of the last row. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What one value of a cursor must be, as the SQL that reads it casts it. */
export type CursorKey = 'text' | 'uuid' | 'bigint' | 'timestamptz';

const BIGINT = /^-?\d{1,18}$/;
// Text sort keys are lower-cased names and numbers: bounded, and never with a NUL (PostgreSQL refuses it).
const CURSOR_TEXT_MAX = 1_000;

function isCursorValue(kind: CursorKey, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'text':
      return value.length <= CURSOR_TEXT_MAX && !value.includes('\u0000') && !/\p{Cs}/u.test(value);
    case 'uuid':
      return isUuid(value);
    case 'bigint':
      return BIGINT.test(value);
    case 'timestamptz': {
      // Cursors carry Date#toISOString(); anything else (or an impossible date) was not issued here.
      const time = Date.parse(value);
      return !Number.isNaN(time) && new Date(time).toISOString() === value;
    }
  }
}

/**
 * The sort key values of a cursor this API issued, checked against what the query expects (`keys`,
 * one per value), so a forged or garbled cursor is BAD_USER_INPUT and never reaches SQL.
 */
export function decodeCursor(cursor: string | null | undefined, keys: readonly CursorKey[]): string[] | null {
  if (cursor == null) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    Array.isArray(values) &&
    values.length === keys.length &&
    keys.every((k, i) => isCursorValue(k, values[i]))
  )
    return values as string[];
  throw badInput('after is not a cursor issued by this API.', { field: 'after' });
}

/**
 * Builds a Relay connection from rows fetched with one extra row to detect a next page.
 * `totalCount` is a thunk: GraphQL's default resolver calls it only when a client selects the
 * field, so paging (a picker scrolling a million units) never pays for a full count.
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  countAll: () => Promise<number>,
  cursorOf: (row: T) => string,
) {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: countAll,
  };
}
