import { badInput } from './errors';

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

export function decodeCursor(cursor: string | null | undefined, arity: number): unknown[] | null {
  if (cursor == null) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through: a cursor we did not issue
  }
  throw badInput('after is not a cursor issued by this API.');
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
