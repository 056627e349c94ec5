import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/** Options of useGridNavigation. */
export interface UseGridNavigationOptions {
  /** The rows, in order; `id` names the row being edited across re-orderings. */
  rows: readonly { id: number }[];
  /**
   * The element holding the rows (and scrolling them). Inside it, each rendered row carries
   * `data-index={index}` and its focusable cell `data-cell="number"`, with `tabIndex` 0 when it
   * is the active row and no editor is open, else -1.
   */
  scrollRef: RefObject<HTMLElement | null>;
  /** Scrolls a row into view before it is focused: a virtualized list renders only what is in view. */
  scrollToIndex?: (index: number) => void;
  /** Index of the first row to fix, -1 for none: where `focusFirstBad` goes. Default: -1. */
  firstBadIndex?: number;
  /** Enter/F2 opened a row's editor and it was committed with a new value. */
  onEdit: (id: number, text: string) => void;
  /** Delete/Backspace on a row, or `removeRow`. */
  onRemove: (id: number) => void;
  /** The last row is gone and focus must go somewhere else: usually the entry field. */
  onEmpty?: () => void;
  /** Rows one PageUp/PageDown moves. Default: the scroll element's height in rows, less one. */
  pageRows?: number;
}

/** State and handlers of an editable row grid with one tab stop. */
export interface GridNavigation {
  /** The active row: the grid's single tab stop; always within the rows (0 when there are none). */
  activeIndex: number;
  /** Makes a row active without moving focus (e.g. from the cell's onFocus). */
  setActive: (index: number) => void;
  /** Makes a row active, scrolls it into view and focuses its cell once rendered. */
  moveTo: (index: number) => void;
  /** Id of the row whose editor is open, or null. */
  editingId: number | null;
  /** Opens a row's editor. */
  startEdit: (id: number) => void;
  /** Closes the editor with a new value; focus returns to the row. */
  commitEdit: (id: number, text: string) => void;
  /** Closes the editor unchanged; focus returns to the row. */
  cancelEdit: () => void;
  /** Removes a row and keeps focus in place (on the row that takes its index). */
  removeRow: (id: number, index: number) => void;
  /** Focuses the first row to fix; after a refusal, as soon as the rows are marked. */
  focusFirstBad: () => void;
  /** Attach to the grid element. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** Rows per page when the scroll element cannot be measured; the height of a row. */
const FALLBACK_VIEWPORT = 400;
const ROW_HEIGHT = 40;

/**
 * Keyboard model of an editable row grid (WAI-ARIA grid, one tab stop): arrows, Home/End and
 * PageUp/PageDown move the active row and focus its cell; Enter or F2 edits it; Delete or
 * Backspace removes it and focus stays in place. Works with virtualized rows: focus follows the
 * active row once it is rendered.
 */
export function useGridNavigation({
  rows,
  scrollRef,
  scrollToIndex,
  firstBadIndex = -1,
  onEdit,
  onRemove,
  onEmpty,
  pageRows,
}: UseGridNavigationOptions): GridNavigation {
  const [active, setActive] = useState(0);
  const [editingId, setEditingId] = useState<number | null>(null);
  const wantFocus = useRef(false);
  const count = rows.length;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  // Latest callbacks, so inline functions do not re-create the handlers every render.
  const callbacks = useRef({ onEmpty, scrollToIndex });
  useEffect(() => {
    callbacks.current = { onEmpty, scrollToIndex };
  });

  const moveTo = useCallback(
    (index: number, focus = true) => {
      const next = Math.max(0, Math.min(index, count - 1));
      setActive(next);
      wantFocus.current = focus;
      callbacks.current.scrollToIndex?.(next);
    },
    [count],
  );

  // Focus follows the active row once it is rendered (it may need scrolling into view first).
  useEffect(() => {
    if (!wantFocus.current || editingId !== null) return;
    if (count === 0) {
      wantFocus.current = false;
      callbacks.current.onEmpty?.();
      return;
    }
    const cell = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${activeIndex}"] [data-cell="number"]`,
    );
    if (cell) {
      wantFocus.current = false;
      cell.focus();
    }
  });

  // After a blocked submit the bad rows are known; after a refusal they are marked a render later.
  const pendingBad = useRef(false);
  const focusFirstBad = useCallback(() => {
    if (firstBadIndex >= 0) moveTo(firstBadIndex);
    else pendingBad.current = true;
  }, [firstBadIndex, moveTo]);
  useEffect(() => {
    if (!pendingBad.current || firstBadIndex < 0) return;
    pendingBad.current = false;
    moveTo(firstBadIndex);
  }, [firstBadIndex, moveTo]);

  const commitEdit = useCallback(
    (id: number, text: string) => {
      setEditingId(null);
      wantFocus.current = true;
      onEdit(id, text);
    },
    [onEdit],
  );
  const cancelEdit = useCallback(() => {
    setEditingId(null);
    wantFocus.current = true;
  }, []);
  const removeRow = useCallback(
    (id: number, index: number) => {
      onRemove(id);
      setActive(Math.max(0, Math.min(index, count - 2)));
      wantFocus.current = true;
    },
    [count, onRemove],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (editingId !== null || count === 0) return;
    const page =
      pageRows ??
      Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? FALLBACK_VIEWPORT) / ROW_HEIGHT) - 1);
    const row = rows[activeIndex];
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: count - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
    };
    if (event.key in moves) moveTo(moves[event.key]!);
    else if ((event.key === 'Enter' || event.key === 'F2') && row) setEditingId(row.id);
    else if ((event.key === 'Delete' || event.key === 'Backspace') && row) removeRow(row.id, activeIndex);
    else return;
    event.preventDefault();
  };

  return {
    ...{ activeIndex, setActive, moveTo, editingId, startEdit: setEditingId, commitEdit, cancelEdit },
    ...{ removeRow, focusFirstBad, onKeyDown },
  };
}
