import { useCallback, useState, type KeyboardEvent } from 'react';

/** Options of useListboxNavigation. */
export interface UseListboxNavigationOptions {
  /** Options in the list (loaded so far). */
  count: number;
  /** Options one PageUp/PageDown moves. Default: 10. */
  pageRows?: number;
  /** Space, or Shift+arrow onto an option: toggle it. */
  onToggle: (index: number) => void;
  /** Shift+Space: pick every option from the last toggled one to this one. */
  onPickRange: (from: number, to: number) => void;
  /** The active option moved: scroll it into view. */
  onActiveChange?: (index: number) => void;
  /** End was pressed or the last option became active: load more if there is more. */
  onReachEnd?: () => void;
}

/** State and handlers of a multi-select listbox using `aria-activedescendant`. */
export interface ListboxNavigation {
  /** Index of the active (visually focused) option, -1 for none; always within `count`. */
  activeIndex: number;
  setActiveIndex: (index: number) => void;
  /** Attach to the listbox element. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  /** Attach to the listbox element: activates the first option on first focus. */
  onFocus: () => void;
}

/**
 * Keyboard model of the WAI-ARIA multi-select listbox (APG "recommended" model): arrows,
 * Home/End and PageUp/PageDown move the active option without picking; Space toggles it;
 * Shift+Up/Down moves and toggles; Shift+Space picks the range from the last toggled option.
 * Works with virtualized lists: only indexes, no DOM.
 */
export function useListboxNavigation({
  count,
  pageRows = 10,
  onToggle,
  onPickRange,
  onActiveChange,
  onReachEnd,
}: UseListboxNavigationOptions): ListboxNavigation {
  const [rawActive, setRawActive] = useState(-1);
  const [anchor, setAnchor] = useState(-1);
  const activeIndex = Math.min(rawActive, count - 1);

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(count - 1, index));
      if (count === 0) return -1;
      setRawActive(next);
      onActiveChange?.(next);
      if (next === count - 1) onReachEnd?.();
      return next;
    },
    [count, onActiveChange, onReachEnd],
  );

  const toggle = useCallback(
    (index: number) => {
      if (index < 0) return;
      setAnchor(index);
      onToggle(index);
    },
    [onToggle],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const target = targetOf(event, activeIndex, count, pageRows);
      if (target !== null) {
        event.preventDefault();
        const moved = moveTo(target);
        if (
          event.shiftKey &&
          moved !== activeIndex &&
          (event.key === 'ArrowDown' || event.key === 'ArrowUp')
        ) {
          toggle(moved);
        }
        if (event.key === 'End') onReachEnd?.();
      } else if (event.key === ' ' && activeIndex >= 0) {
        event.preventDefault();
        if (event.shiftKey && anchor >= 0)
          onPickRange(Math.min(anchor, activeIndex), Math.max(anchor, activeIndex));
        else toggle(activeIndex);
      }
    },
    [activeIndex, anchor, count, moveTo, onPickRange, onReachEnd, pageRows, toggle],
  );

  const onFocus = useCallback(() => {
    if (activeIndex < 0 && count > 0) moveTo(0);
  }, [activeIndex, count, moveTo]);

  return { activeIndex, setActiveIndex: moveTo, onKeyDown, onFocus };
}

/** The option a navigation key moves to, or null for other keys. */
function targetOf(event: KeyboardEvent, active: number, count: number, pageRows: number): number | null {
  if (event.altKey || event.metaKey || event.ctrlKey || count === 0) return null;
  switch (event.key) {
    case 'ArrowDown':
      return active + 1;
    case 'ArrowUp':
      return Math.max(0, active - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return active + pageRows;
    case 'PageUp':
      return active - pageRows;
    default:
      return null;
  }
}
