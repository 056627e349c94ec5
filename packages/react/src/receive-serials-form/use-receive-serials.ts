import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { isValidGtin } from '@serialgraph/domain';
import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  ReceiveSerialsFormProductLookupDocument,
  ReceiveSerialsFormReceiveDocument,
  type ReceiveSerialsFormDocumentFragment,
  type ReceiveSerialsFormProductFragment,
} from '../generated/graphql';
import {
  computeVerdicts,
  formatOf,
  isBad,
  loadRe2Engine,
  parseEntry,
  readRefusal,
  refusalVerdicts,
  type ReceiveRow,
  type RowVerdict,
  type SubmitRefusal,
  type VerdictCounts,
} from './receive-serials-form.rules';
import type { Re2Engine } from '@serialgraph/domain';
import { productOfScan, type ScannedProduct } from '../common/scan-resolution';
import { useServerCheck } from './use-server-check';

/** Entries of more numbers than this render in a transition, so the field stays responsive. */
const LARGE_ENTRY = 200;

/** The posted receipt handed to `onReceived`. */
export type ReceivedDocument = ReceiveSerialsFormDocumentFragment;

/**
 * What the form loads, for `data-state`: `loading` (the product), `error`, `not-tracked` (the
 * product has no serial numbers), `ready`.
 */
export type ReceiveSerialsStatus = 'loading' | 'error' | 'not-tracked' | 'ready';

/** What the form last did, for its live region; `seq` grows so a repeated message is read again. */
export type ReceiveAnnouncement = { seq: number } & (
  | { kind: 'entry'; ids: readonly number[] }
  | { kind: 'removed'; number: string }
  | { kind: 'cleared' | 'blocked' | 'nothing' | 'failed' }
  | { kind: 'received'; document: string; count: number }
  | { kind: 'refused'; count: number }
  | { kind: 'server-refused'; code: string; message: string }
  | { kind: 'product-scanned' | 'same-product' | 'not-a-serial'; sku: string; name: string }
);

type AnnouncementInput = ReceiveAnnouncement extends infer A
  ? A extends unknown
    ? Omit<A, 'seq'>
    : never
  : never;

/** Options of useReceiveSerials. */
export interface UseReceiveSerialsOptions {
  /** The product received (serial-tracked). */
  productId: string;
  /** The warehouse the units arrive in. */
  warehouseId: string;
  /** The supplier, recorded on the receipt. Default: none. */
  supplierId?: string;
  /** How many units the delivery should hold; the counter shows what is still missing. Default: none. */
  expectedQuantity?: number;
  /** Numbers already entered when the form mounts (a restored draft); lists and ranges allowed. Default: none. */
  defaultSerials?: readonly string[];
  /** Cost of each unit, a decimal string. Default: none. */
  unitCost?: string;
  /** The supplier's delivery note or order number. Default: none. */
  reference?: string;
  /** A note on the receipt. Default: none. */
  note?: string;
  /**
   * Instead of posting `receiveStock`, hands the numbers to the host (which composes a bigger
   * document). Resolve to clear the form (with a document to also call `onReceived`); reject with
   * Apollo's error to have its refusal mapped onto the rows. Default: post `receiveStock`.
   */
  onSubmit?: (serials: string[]) => void | Promise<ReceivedDocument | void>;
  /** Called with the posted receipt after a successful submit. */
  onReceived?: (document: ReceivedDocument) => void;
  /** Milliseconds of quiet before numbers are sent to `checkSerials`. Default: 150. */
  checkDelay?: number;
  /** Numbers per `checkSerials` request, at most 10,000. Default: 10,000. */
  checkBatchSize?: number;
  /** Apollo Client to use. Default: the host's ApolloProvider client. */
  client?: ApolloClient;
  /**
   * A scanned code is another product's barcode, not a serial: the host selects that product (or
   * adds a line for it). Default: the code is refused as not a serial number, and announced.
   */
  onProductScanned?: (product: ScannedProduct) => void;
}

/** Everything ReceiveSerialsForm renders, for hosts that bring their own markup. */
export interface ReceiveSerialsState {
  status: ReceiveSerialsStatus;
  product: ReceiveSerialsFormProductFragment | null;
  /** The product's serialFormat as written, for messages. */
  format: string | null;
  retryProduct: () => void;
  rows: readonly ReceiveRow[];
  /** One verdict per row, same order. */
  verdicts: readonly RowVerdict[];
  counts: VerdictCounts;
  expectedQuantity: number | undefined;
  /** Expected minus accepted (negative: too many); undefined without an expected quantity. */
  missing: number | undefined;
  /** Index of the first row to fix, or -1. */
  firstBadIndex: number;
  /**
   * Adds typed, scanned or pasted text (lists and ranges); returns how many rows were added. A
   * single GTIN-shaped code is first asked about (`resolveScan`): a product barcode is not a row.
   */
  add: (text: string) => number;
  /** Replaces a row with what `text` holds (nothing removes it). */
  edit: (id: number, text: string) => void;
  remove: (id: number) => void;
  clear: () => void;
  /** Posts the receipt (or calls `onSubmit`); returns true when it was received. */
  submit: () => Promise<boolean>;
  submitting: boolean;
  /** Numbers are being checked with the server right now. */
  checking: boolean;
  /** Sends numbers whose check failed again. */
  retryCheck: () => void;
  /** A refusal of the last submit that names no row. */
  refusal: SubmitRefusal | null;
  announcement: ReceiveAnnouncement | null;
}

const EMPTY_ROWS: ReceiveRow[] = [];

/**
 * Headless hook behind ReceiveSerialsForm: rows from scans, pastes and ranges, a verdict per row
 * (local rules at once, `checkSerials` batched and debounced), the counter, submit with refusals
 * mapped onto rows, and announcements as data. No markup.
 */
export function useReceiveSerials(options: UseReceiveSerialsOptions): ReceiveSerialsState {
  const { productId, warehouseId, expectedQuantity } = options;
  const client = useApolloClient(options.client);
  const productQuery = useQuery(ReceiveSerialsFormProductLookupDocument, {
    variables: { id: productId },
    client,
  });
  const product = productQuery.data?.product ?? null;
  const status = productStatus(productQuery.loading, productQuery.error, product);
  const pattern = product?.serialFormat ?? null;
  const preset = product?.serialPreset ?? null;
  const engine = useRe2Engine(!!pattern && !preset);
  const format = useMemo(() => formatOf(pattern, preset, engine), [pattern, preset, engine]);

  const [rows, setRows] = useState<ReceiveRow[]>(() =>
    options.defaultSerials?.length
      ? parseEntry(options.defaultSerials.join('\n')).map((entry, index) => ({ ...entry, id: index + 1 }))
      : EMPTY_ROWS,
  );
  const nextId = useRef(rows.length + 1);
  const [announcement, setAnnouncement] = useState<ReceiveAnnouncement | null>(null);
  const announce = useCallback((next: AnnouncementInput) => {
    setAnnouncement((previous) => ({ ...next, seq: (previous?.seq ?? 0) + 1 }) as ReceiveAnnouncement);
  }, []);

  const [toCheck, setToCheck] = useState<readonly string[]>([]);
  const check = useServerCheck({
    ...{ client, productId, warehouseId, toCheck, enabled: status === 'ready' },
    ...{ delay: options.checkDelay ?? 150, batchSize: options.checkBatchSize ?? 10_000 },
  });
  const pass = useMemo(
    () => computeVerdicts(rows, format, check.server, check.failed, check.refused),
    [rows, format, check.server, check.failed, check.refused],
  );
  // The list to send changes only when its contents do, so the debounce is not reset by renders.
  if (!sameList(pass.toCheck, toCheck)) setToCheck(pass.toCheck);

  const toRows = useCallback(
    (text: string) => parseEntry(text).map((entry) => ({ ...entry, id: nextId.current++ })),
    [],
  );

  const onProduct = useRef(options.onProductScanned);
  useLayoutEffect(() => {
    onProduct.current = options.onProductScanned;
  });
  const addRows = useCallback(
    (added: ReceiveRow[]) => {
      const apply = () => setRows((previous) => [...previous, ...added]);
      if (added.length > LARGE_ENTRY) startTransition(apply);
      else apply();
      announce({ kind: 'entry', ids: added.map((row) => row.id) });
    },
    [announce],
  );

  const add = useCallback(
    (text: string) => {
      const added = toRows(text);
      if (added.length === 0) return 0;
      // One scanned GTIN may be a product barcode (the scan rule: the units received are not
      // recorded yet, so a barcode is never one of this product's serials): ask before adding it.
      if (added.length === 1 && isValidGtin(added[0]!.number)) {
        void productOfScan(client, added[0]!.number, productId).then(
          (scanned) => {
            if (!scanned) return addRows(added);
            const named = { sku: scanned.sku, name: scanned.name };
            if (scanned.id === productId) return announce({ kind: 'same-product', ...named });
            if (!onProduct.current) return announce({ kind: 'not-a-serial', ...named });
            onProduct.current(scanned);
            announce({ kind: 'product-scanned', ...named });
          },
          () => addRows(added),
        );
        return 1;
      }
      addRows(added);
      return added.length;
    },
    [addRows, announce, client, productId, toRows],
  );

  const edit = useCallback(
    (id: number, text: string) => {
      const replacement = toRows(text);
      setRows((previous) => previous.flatMap((row) => (row.id === id ? replacement : [row])));
      if (replacement.length > 0) announce({ kind: 'entry', ids: replacement.map((row) => row.id) });
    },
    [announce, toRows],
  );

  const remove = useCallback(
    (id: number) => {
      const row = rows.find((candidate) => candidate.id === id);
      setRows((previous) => previous.filter((candidate) => candidate.id !== id));
      if (row) announce({ kind: 'removed', number: row.number });
    },
    [announce, rows],
  );

  const [refusal, setRefusal] = useState<SubmitRefusal | null>(null);
  const clear = useCallback(() => {
    setRows(EMPTY_ROWS);
    setRefusal(null);
    announce({ kind: 'cleared' });
  }, [announce]);

  const submission = useSubmit(
    options,
    client,
    rows,
    pass.counts,
    check.record,
    announce,
    setRows,
    setRefusal,
  );

  const missing = expectedQuantity === undefined ? undefined : expectedQuantity - pass.counts.accepted;
  return {
    status,
    product,
    format: pattern ?? preset,
    retryProduct: () => void productQuery.refetch().catch(() => undefined),
    rows,
    verdicts: pass.verdicts,
    counts: pass.counts,
    expectedQuantity,
    missing,
    firstBadIndex: pass.counts.bad > 0 ? pass.verdicts.findIndex((verdict) => isBad(verdict.kind)) : -1,
    add,
    edit,
    remove,
    clear,
    submit: submission.submit,
    submitting: submission.submitting,
    checking: check.checking || pass.counts.checking > 0,
    retryCheck: check.retry,
    refusal,
    announcement,
  };
}

function productStatus(
  loading: boolean,
  error: unknown,
  product: ReceiveSerialsFormProductFragment | null,
): ReceiveSerialsStatus {
  if (product) return product.trackingMode === 'SERIAL' ? 'ready' : 'not-tracked';
  if (error) return 'error';
  return loading ? 'loading' : 'error';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** A fresh idempotency key: a retried submit of the same list cannot post the receipt twice. */
function newKey(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function useSubmit(
  options: UseReceiveSerialsOptions,
  client: ApolloClient,
  rows: readonly ReceiveRow[],
  counts: VerdictCounts,
  record: ReturnType<typeof useServerCheck>['record'],
  announce: (next: AnnouncementInput) => void,
  setRows: (rows: ReceiveRow[]) => void,
  setRefusal: (refusal: SubmitRefusal | null) => void,
) {
  const [submitting, setSubmitting] = useState(false);
  const key = useRef<{ rows: readonly ReceiveRow[]; key: string } | null>(null);
  const { productId, warehouseId, supplierId, unitCost, reference, note, onSubmit, onReceived } = options;

  const submit = useCallback(async (): Promise<boolean> => {
    if (submitting) return false;
    if (rows.length === 0) return (announce({ kind: 'nothing' }), false);
    if (counts.bad > 0) return (announce({ kind: 'blocked' }), false);
    if (key.current?.rows !== rows) key.current = { rows, key: newKey() };
    const serials = rows.map((row) => row.number);
    setSubmitting(true);
    setRefusal(null);
    try {
      let document: ReceivedDocument | undefined;
      if (onSubmit) document = (await onSubmit(serials)) ?? undefined;
      else {
        const { data } = await client.mutate({
          mutation: ReceiveSerialsFormReceiveDocument,
          variables: {
            input: {
              ...{ warehouseId, supplierId: supplierId ?? null, reference: reference ?? null },
              ...{ note: note ?? null, idempotencyKey: key.current.key },
              lines: [{ productId, quantity: serials.length, serials, unitCost: unitCost ?? null }],
            },
          },
        });
        document = data?.receiveStock;
      }
      // The numbers are recorded now: scanning one again must say so without a round trip.
      record('exists', serials, false);
      setRows(EMPTY_ROWS);
      announce({ kind: 'received', document: document?.number ?? '', count: serials.length });
      if (document) onReceived?.(document);
      return true;
    } catch (error) {
      const errors = (error as { errors?: unknown } | null)?.errors;
      const found = Array.isArray(errors) ? readRefusal(errors) : null;
      const verdict = found ? refusalVerdicts[found.code] : undefined;
      if (found && verdict && found.serials.length > 0) {
        record(verdict, found.serials, true);
        announce({ kind: 'refused', count: found.serials.length });
      } else if (found) {
        setRefusal(found);
        announce({ kind: 'server-refused', code: found.code, message: found.message });
      } else announce({ kind: 'failed' });
      return false;
    } finally {
      setSubmitting(false);
    }
  }, [
    submitting,
    rows,
    counts.bad,
    announce,
    setRefusal,
    onSubmit,
    record,
    setRows,
    onReceived,
    client,
    warehouseId,
    supplierId,
    reference,
    note,
    productId,
    unitCost,
  ]);
  return { submit, submitting };
}

/** The RE2 engine once loaded, when `needed` (a product with a serialFormat pattern); null before and otherwise. */
function useRe2Engine(needed: boolean): Re2Engine | null {
  const [engine, setEngine] = useState<Re2Engine | null>(null);
  useEffect(() => {
    if (!needed || engine) return;
    let live = true;
    loadRe2Engine().then(
      (loaded) => live && setEngine(() => loaded),
      () => undefined, // the server still judges the format
    );
    return () => {
      live = false;
    };
  }, [needed, engine]);
  return needed ? engine : null;
}
