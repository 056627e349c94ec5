import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { normalizeSerial } from '@serialgraph/domain';
import {
  SerialPickerCheckDocument,
  SerialPickerSerialsDocument,
  type SerialOrderBy,
  type SerialPickerSerialFragment,
  type SerialPickerSerialsQuery,
} from '../generated/graphql';
import {
  explainCheck,
  findByNumber,
  pickerFilter,
  type PickedSerial,
  type PickerScope,
  type ScanVerdict,
} from './serial-picker.rules';
import { productOfScan, type ScannedProduct } from '../common/scan-resolution';
import { usePickedSerials, type PickerAnnouncement } from './use-picked-serials';
import { useSerialPages } from './use-serial-pages';

/** Largest page the API serves (`first` ≤ 1000); "pick oldest" asks in pages of at most this. */
const MAX_PAGE = 1000;

/**
 * What the list shows, for `data-state`: `loading` (first fetch), `error`, `empty` (nothing to
 * pick at all), `no-match` (the search matches nothing), `ready`.
 */
export type SerialPickerStatus = 'loading' | 'error' | 'empty' | 'no-match' | 'ready';

/** Options of useSerialPicker. */
export interface UseSerialPickerOptions extends PickerScope {
  /** Picked units, controlled. Default: uncontrolled, starting at `defaultValue`. */
  value?: PickedSerial[];
  /** Initially picked units when uncontrolled. Default: none. */
  defaultValue?: PickedSerial[];
  /** Called with the new selection on every change. */
  onChange?: (value: PickedSerial[]) => void;
  /** The line quantity: further picks are refused and announced. Default: no limit. */
  max?: number;
  /** Order of the list. Default: 'RECEIVED_AT_ASC' (FIFO, oldest first). */
  orderBy?: SerialOrderBy;
  /** Units per request. Default: 100. */
  pageSize?: number;
  /** Milliseconds between the last keystroke and the server-side search. Default: 250. */
  searchDelay?: number;
  /** Apollo Client to use. Default: the host's ApolloProvider client. */
  client?: ApolloClient;
  /**
   * A scanned code is another product's barcode (the scan rule: a serial of `productId` stays a
   * serial): the host selects that product or adds a line for it. Default: only announced.
   */
  onProductScanned?: (product: ScannedProduct) => void;
}

/** Everything SerialPicker renders, for hosts that bring their own markup. */
export interface SerialPickerState {
  status: SerialPickerStatus;
  /** Units loaded so far (a window of the server's list; more arrive through `loadMore`). */
  units: SerialPickerSerialFragment[];
  /** Units matching the scope and search on the server. */
  totalCount: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** A new search is in flight; `units` still holds the previous result. */
  searching: boolean;
  error: Error | undefined;
  loadMore: () => void;
  retry: () => void;
  /** The text of the search field (the applied search follows it after `searchDelay`). */
  search: string;
  setSearch: (text: string) => void;
  /** The search the list currently reflects. */
  appliedSearch: string;
  value: PickedSerial[];
  isPicked: (id: string) => boolean;
  /** True when `max` units are picked. */
  full: boolean;
  max: number | undefined;
  toggle: (unit: PickedSerial) => void;
  pick: (unit: PickedSerial) => void;
  remove: (unit: PickedSerial) => void;
  /** Picks several units (a keyboard range), as many as `max` allows. */
  pickMany: (units: readonly PickedSerial[]) => void;
  clear: () => void;
  /** Picks the exact number (scanner + Enter), or announces why it cannot be picked. */
  scan: (text: string) => Promise<void>;
  scanning: boolean;
  /** Picks up to `count` of the oldest unpicked units (FIFO by receipt), within `max`. */
  pickOldest: (count: number) => Promise<void>;
  pickingOldest: boolean;
  announcement: PickerAnnouncement | null;
}

/**
 * Headless hook behind SerialPicker: the paged, searchable list of pickable units, the
 * selection (controlled or not, capped by `max`), scan-to-pick with explained refusals,
 * FIFO picking and announcements. No markup.
 */
export function useSerialPicker(options: UseSerialPickerOptions): SerialPickerState {
  const { mode, productId, warehouseId, shipmentId, max, pageSize = 100, searchDelay = 250 } = options;
  const scope = useMemo<PickerScope>(
    () => ({ mode, productId, warehouseId, shipmentId }),
    [mode, productId, warehouseId, shipmentId],
  );
  const client = useApolloClient(options.client);
  const [search, setSearch] = useState('');
  const appliedSearch = useDebounced(normalizeSerial(search), searchDelay);
  const filter = useMemo(() => pickerFilter(scope, appliedSearch), [scope, appliedSearch]);
  const pages = useSerialPages({
    filter,
    orderBy: options.orderBy ?? 'RECEIVED_AT_ASC',
    pageSize,
    client,
  });
  const selection = usePickedSerials(options.value, options.defaultValue, options.onChange, max);
  const scanner = useScan(client, scope, pages.units, selection, options.onProductScanned);
  const fifo = usePickOldest(client, scope, selection, max);

  return {
    status: statusOf(pages, appliedSearch),
    units: pages.units,
    totalCount: pages.totalCount,
    hasMore: pages.hasMore,
    loadingMore: pages.loadingMore,
    searching: pages.refreshing || normalizeSerial(search) !== appliedSearch,
    error: pages.error,
    loadMore: pages.loadMore,
    retry: pages.retry,
    search,
    setSearch,
    appliedSearch,
    value: selection.value,
    isPicked: (id) => selection.ids.has(id),
    full: max !== undefined && selection.value.length >= max,
    max,
    toggle: selection.toggle,
    pick: selection.pick,
    remove: selection.remove,
    pickMany: selection.pickMany,
    clear: selection.clear,
    scan: scanner.scan,
    scanning: scanner.scanning,
    pickOldest: fifo.pickOldest,
    pickingOldest: fifo.picking,
    announcement: selection.announcement,
  };
}

function statusOf(pages: ReturnType<typeof useSerialPages>, appliedSearch: string): SerialPickerStatus {
  if (pages.error) return 'error';
  if (pages.loading) return 'loading';
  if (pages.units.length === 0) return appliedSearch ? 'no-match' : 'empty';
  return 'ready';
}

/** `value`, `delay` ms after it last changed. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

type Selection = ReturnType<typeof usePickedSerials>;

/** Scan-to-pick: one number at a time, in the order scanned, each picked or explained. */
function useScan(
  client: ApolloClient,
  scope: PickerScope,
  units: SerialPickerSerialFragment[],
  selection: Selection,
  onProductScanned: ((product: ScannedProduct) => void) | undefined,
) {
  const loaded = useRef(units);
  const onProduct = useRef(onProductScanned);
  useLayoutEffect(() => {
    loaded.current = units;
    onProduct.current = onProductScanned;
  });
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const { latest, pick, announce } = selection;

  const scanOne = useCallback(
    async (number: string) => {
      const picked = findByNumber(latest.current, number);
      if (picked) return announce({ kind: 'already-picked', number: picked.number });
      // Units in the list are pickable by construction: no round trip for them.
      const listed = findByNumber(loaded.current, number);
      if (listed) return pick(listed);
      announce({ kind: 'checking', number });
      try {
        // A listed unit was a serial of this product already; only now can it be a barcode.
        const product = await productOfScan(client, number, scope.productId);
        if (product) {
          if (product.id !== scope.productId) onProduct.current?.(product);
          return announce({
            kind: product.id === scope.productId ? 'same-product' : 'product-scanned',
            number,
            product,
          });
        }
        const verdict = await verifyScan(client, scope, number);
        if (verdict.kind === 'pickable') pick(verdict.serial);
        else
          announce({ kind: verdict.kind, number: verdict.serial?.number ?? number, serial: verdict.serial });
      } catch {
        announce({ kind: 'failed', number });
      }
    },
    [announce, client, latest, pick, scope],
  );

  const scan = useCallback(
    (text: string) => {
      const number = normalizeSerial(text);
      if (!number) return Promise.resolve();
      setPending((count) => count + 1);
      // A scanner sends numbers faster than the server answers: verdicts keep the scan order.
      const run = queue.current.then(() => scanOne(number)).finally(() => setPending((count) => count - 1));
      queue.current = run;
      return run;
    },
    [scanOne],
  );
  return { scan, scanning: pending > 0 };
}

/** Asks the server about one scanned number that is not in the loaded list. */
async function verifyScan(client: ApolloClient, scope: PickerScope, number: string): Promise<ScanVerdict> {
  if (scope.mode === 'RETURN') {
    const { data } = await client.query({
      query: SerialPickerSerialsDocument,
      variables: { filter: pickerFilter(scope, number), orderBy: 'NUMBER_ASC', first: 50 },
      fetchPolicy: 'network-only',
    });
    const match = findByNumber(data?.serials.edges.map((edge) => edge.node) ?? [], number);
    if (match) return { kind: 'pickable', serial: match };
    if (!scope.productId) return { kind: 'not-returnable', serial: null };
  }
  if (!scope.productId) return { kind: 'not-found', serial: null };
  const { data } = await client.query({
    query: SerialPickerCheckDocument,
    variables: { productId: scope.productId, numbers: [number], warehouseId: scope.warehouseId ?? null },
    fetchPolicy: 'network-only',
  });
  const check = data?.checkSerials[0];
  if (!check) throw new Error('checkSerials returned no verdict');
  const verdict = explainCheck(scope, check);
  // In return mode the unit exists but is not one this shipment can take back.
  if (scope.mode === 'RETURN' && verdict.kind !== 'invalid' && verdict.kind !== 'not-found') {
    return { kind: 'not-returnable', serial: verdict.serial };
  }
  return verdict;
}

/** "Pick oldest N": the first unpicked units in receipt order, fetched in pages, within `max`. */
function usePickOldest(
  client: ApolloClient,
  scope: PickerScope,
  selection: Selection,
  max: number | undefined,
) {
  const [picking, setPicking] = useState(false);
  const { latest, add, announce } = selection;

  const pickOldest = useCallback(
    async (count: number) => {
      const room = max === undefined ? count : Math.min(count, max - latest.current.length);
      if (room <= 0) return announce({ kind: 'max-reached', max: max ?? 0 });
      setPicking(true);
      try {
        const oldest = await fetchOldest(client, scope, room, new Set(latest.current.map((unit) => unit.id)));
        const added = add(oldest);
        announce(added > 0 ? { kind: 'picked-oldest', count: added } : { kind: 'nothing-to-pick' });
      } catch {
        announce({ kind: 'oldest-failed' });
      } finally {
        setPicking(false);
      }
    },
    [add, announce, client, latest, max, scope],
  );
  return { pickOldest, picking };
}

async function fetchOldest(
  client: ApolloClient,
  scope: PickerScope,
  wanted: number,
  skip: ReadonlySet<string>,
): Promise<SerialPickerSerialFragment[]> {
  const found: SerialPickerSerialFragment[] = [];
  let after: string | null = null;
  while (found.length < wanted) {
    const { data }: { data?: SerialPickerSerialsQuery } = await client.query({
      query: SerialPickerSerialsDocument,
      variables: {
        filter: pickerFilter(scope),
        orderBy: 'RECEIVED_AT_ASC' as const,
        // Enough to cover units already picked, which the server still lists.
        first: Math.min(MAX_PAGE, wanted - found.length + skip.size),
        after,
      },
      fetchPolicy: 'network-only',
    });
    if (!data) break;
    for (const { node } of data.serials.edges) {
      if (found.length < wanted && !skip.has(node.id)) found.push(node);
    }
    if (!data.serials.pageInfo.hasNextPage) break;
    after = data.serials.pageInfo.endCursor;
  }
  return found;
}
