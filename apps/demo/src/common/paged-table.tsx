import { useState, type ReactNode } from 'react';
import { EmptyRow } from './empty-row';

/**
 * Keyset paging of one list: the cursors of the pages before the current one, back to page one
 * whenever `filter` changes (compared by its JSON).
 */
export function useCursorPages(filter: unknown, pageSize: number) {
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({
    key: '',
    cursors: [null],
  });
  const filterKey = JSON.stringify(filter);
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  return {
    /** The cursor to read the current page after; null on page one. */
    after: cursors[cursors.length - 1] ?? null,
    /** How many rows the pages before this one hold. */
    from: (cursors.length - 1) * pageSize,
    hasPrevious: cursors.length > 1,
    previous: () => setPages({ key: filterKey, cursors: cursors.slice(0, -1) }),
    next: (endCursor: string | null) => setPages({ key: filterKey, cursors: [...cursors, endCursor] }),
  };
}

/** The page a connection answered, as the pager needs it. */
interface PagedConnection {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: unknown[];
}

/** How the pager words its count. */
interface PagerLabels {
  /** What the count says when nothing matches, e.g. "No documents". */
  empty: string;
  /** Appended to the count, e.g. "units"; none by default. */
  unit?: string;
  /** Announce the count to screen readers as it changes; off by default. */
  live?: boolean;
}

/** "1–25 of 37 units" with Previous / Next under a table; "Loading…" until the first page. */
function Pager({
  connection,
  pages,
  empty,
  unit,
  live,
}: PagerLabels & {
  connection: PagedConnection | undefined;
  pages: ReturnType<typeof useCursorPages>;
}) {
  const { from } = pages;
  return (
    <div className="pager">
      <span className="muted" aria-live={live ? 'polite' : undefined}>
        {connection
          ? connection.totalCount === 0
            ? empty
            : `${from + 1}–${from + connection.edges.length} of ${connection.totalCount}${unit ? ` ${unit}` : ''}`
          : 'Loading…'}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={!pages.hasPrevious}
        onClick={pages.previous}
      >
        ← Previous
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={!connection?.pageInfo.hasNextPage}
        onClick={() => pages.next(connection?.pageInfo.endCursor ?? null)}
      >
        Next →
      </button>
    </div>
  );
}

/** A heading cell: its label, or its label and class (e.g. `num` for a right-aligned count). */
type Column = string | { label: string; className: string };

/**
 * One page of a connection as a table in a card: the headings, the rows, a line when nothing
 * matches, and the pager under it.
 */
export function PagedTable({
  columns,
  connection,
  pages,
  loading,
  noMatch,
  children,
  ...labels
}: {
  columns: Column[];
  connection: PagedConnection | undefined;
  pages: ReturnType<typeof useCursorPages>;
  loading: boolean;
  /** The table's line when the page is empty, e.g. "No documents match." */
  noMatch: string;
  /** The rows of the page. */
  children: ReactNode;
} & PagerLabels) {
  return (
    <div className="card table-card">
      <div className="table-scroll">
        <table className="table" aria-busy={loading}>
          <thead>
            <tr>
              {columns.map((column) =>
                typeof column === 'string' ? (
                  <th key={column}>{column}</th>
                ) : (
                  <th key={column.label} className={column.className}>
                    {column.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {children}
            {connection && connection.edges.length === 0 ? (
              <EmptyRow columns={columns.length}>{noMatch}</EmptyRow>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pager connection={connection} pages={pages} {...labels} />
    </div>
  );
}
