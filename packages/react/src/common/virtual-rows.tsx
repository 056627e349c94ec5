import { useCallback, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

// The virtual-list scaffolding both list widgets share: TanStack Virtual over a scroll element,
// rows measured once rendered, one sized inner element and absolutely placed rows.

/** Estimated row height in px; rows are measured once rendered. */
export const ROW_ESTIMATE = 40;

/** Options of useVirtualRows. */
export interface UseVirtualRowsOptions {
  /** Rows in the list. */
  count: number;
  /** The element that scrolls the rows. */
  scrollRef: RefObject<HTMLElement | null>;
  /** Stable key of a row (default: its index). */
  getItemKey?: (index: number) => number | string;
}

/** The rendered window of a virtual list, and what its rows need. */
export interface VirtualRows {
  virtualizer: Virtualizer<HTMLElement, Element>;
  /** The rows to render now (the visible ones and a few either side). */
  items: ReturnType<Virtualizer<HTMLElement, Element>['getVirtualItems']>;
  /** Height of the whole list in px, for VirtualSizer. */
  totalSize: number;
  /** Give to each rendered row's `ref` so its real height is measured. */
  measureRef: (element: Element | null) => void;
  /** Scrolls a row into view, only as far as needed. */
  scrollToIndex: (index: number) => void;
  /** Whether a row is in the rendered window (its element exists). */
  isRendered: (index: number) => boolean;
  /** Rows one PageUp/PageDown moves: a viewport less one row, at least one. */
  pageRows: number;
}

/** TanStack Virtual set up for a list of rows of about ROW_ESTIMATE px. */
export function useVirtualRows({ count, scrollRef, getItemKey }: UseVirtualRowsOptions): VirtualRows {
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows are memoized by hand
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    ...(getItemKey ? { getItemKey } : {}),
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer],
  );
  const viewport = virtualizer.scrollRect?.height ?? ROW_ESTIMATE * 10;
  return {
    virtualizer,
    items,
    totalSize: virtualizer.getTotalSize(),
    measureRef: virtualizer.measureElement,
    scrollToIndex,
    isRendered: (index) => items.some((item) => item.index === index),
    pageRows: Math.max(1, Math.floor(viewport / ROW_ESTIMATE) - 1),
  };
}

/** The inner element as tall as the whole list, inside which the rendered rows are placed. */
export function VirtualSizer({
  totalSize,
  className,
  children,
}: {
  totalSize: number;
  className: string;
  children: ReactNode;
}) {
  return (
    <div role="presentation" className={`sg-sizer ${className}`} style={{ blockSize: totalSize }}>
      {children}
    </div>
  );
}

/** Style placing a row at its offset within VirtualSizer. */
export const rowPlacement = (start: number): CSSProperties => ({ transform: `translateY(${start}px)` });
