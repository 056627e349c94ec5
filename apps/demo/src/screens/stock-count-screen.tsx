import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  CountScanVerdict,
  FOUND_REASON_TEXT,
  tokenizeSerialInput,
  type FoundReason,
} from '@serialgraph/domain';
import {
  CANCEL_STOCK_COUNT,
  CLOSE_STOCK_COUNT,
  RECORD_COUNT_SCANS,
  START_STOCK_COUNT,
  STOCK_COUNT,
  STOCK_COUNTS,
  type CountScanResult,
  type CountedRow,
  type StockCountDetail,
} from '../api/stock-count-operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, newIdempotencyKey, ProductSelect, ScreenHeader, WarehouseSelect } from '../common/fields';
import { documentTypeLabels, formatDateTime, statusLabels } from '../common/labels';
import { useReferenceData } from '../common/reference-data';
import { Link, navigate } from '../common/router';
import { StatusPill } from '../common/status-pill';
import { EmptyRow } from '../common/empty-row';

/** While a count is open, other clerks' scans and postings show up within this many milliseconds. */
const LIVE_POLL_MS = 3000;

/** Stock count: the weekly check as a workflow (start, scan the shelves, compare, close with fixes). */
export function StockCountScreen({ id }: { id?: string }) {
  return id ? <CountView key={id} id={id} /> : <StartAndList />;
}

function StartAndList() {
  const { warehouses, products } = useReferenceData();
  const counts = useQuery(STOCK_COUNTS, { fetchPolicy: 'network-only' });
  const [start, starting] = useMutation(START_STOCK_COUNT);
  const [warehouseId, setWarehouseId] = useState('');
  const [productId, setProductId] = useState('');
  const [note, setNote] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!warehouseId) return;
    const result = await start({
      variables: { input: { warehouseId, productId: productId || null, note: note.trim() || null } },
    }).catch(() => null); // shown from `starting.error`
    const started = result?.data?.startStockCount;
    if (started) navigate(`/stock-count/${encodeURIComponent(started.id)}`);
  };

  return (
    <div className="screen">
      <ScreenHeader
        title="Stock count"
        intro="Check what is really on the shelves: start a count for a warehouse, scan every unit there, and compare with what the system expects."
      />
      <form className="card form-grid" aria-label="Start a stock count" onSubmit={(e) => void submit(e)}>
        <WarehouseSelect
          label="Warehouse"
          options={warehouses}
          value={warehouseId}
          onChange={setWarehouseId}
        />
        <ProductSelect
          label="Product"
          options={products.filter((p) => p.trackingMode === 'SERIAL')}
          value={productId}
          onChange={setProductId}
          placeholder="Every serial-tracked product"
        />
        <Field label="Note" className="field-wide">
          {(fieldId) => (
            <input
              id={fieldId}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. Weekly spot check"
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={!warehouseId || starting.loading}>
            Start count
          </button>
        </div>
      </form>
      <RefusalMessage refusal={toRefusal(starting.error ?? counts.error)} />
      <div className="card table-card">
        <div className="table-scroll">
          <table className="table" aria-label="Stock counts">
            <thead>
              <tr>
                <th>Count</th>
                <th>Warehouse</th>
                <th>Product</th>
                <th>Status</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {counts.data?.stockCounts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/stock-count/${encodeURIComponent(c.id)}`} className="mono">
                      {c.number}
                    </Link>
                  </td>
                  <td>{c.warehouse.code}</td>
                  <td>{c.product?.sku ?? 'All'}</td>
                  <td>{statusText(c.status, c.fixesPosted)}</td>
                  <td>
                    {formatDateTime(c.startedAt)} · {c.startedBy}
                  </td>
                </tr>
              ))}
              {counts.data && counts.data.stockCounts.length === 0 ? (
                <EmptyRow columns={5}>No counts yet.</EmptyRow>
              ) : null}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

const statusText = (status: string, fixesPosted: boolean) =>
  status === 'OPEN'
    ? 'Open'
    : status === 'CANCELLED'
      ? 'Cancelled'
      : fixesPosted
        ? 'Closed, fixes posted'
        : 'Closed';

function CountView({ id }: { id: string }) {
  const { data, error, refetch } = useQuery(STOCK_COUNT, {
    variables: { id },
    fetchPolicy: 'network-only',
    pollInterval: LIVE_POLL_MS,
  });
  const count = data?.stockCount;
  if (!count)
    return (
      <div className="screen">
        <ScreenHeader title="Stock count" />
        <RefusalMessage refusal={toRefusal(error)} />
        {data ? <p className="card">This count does not exist.</p> : <p className="muted card">Loading…</p>}
      </div>
    );
  const open = count.status === 'OPEN';
  return (
    <div className="screen">
      <ScreenHeader
        title={`Stock count ${count.number}`}
        intro={
          <>
            {count.warehouse.code} · {count.product ? count.product.sku : 'every serial-tracked product'} ·{' '}
            {statusText(count.status, count.fixesPosted)} · started {formatDateTime(count.startedAt)} by{' '}
            {count.startedBy}. Expected when it started: {count.expectedTotal} units.
            {count.note ? ` ${count.note}` : ''}
          </>
        }
        actions={<Link to="/stock-count">All counts</Link>}
      />
      <RefusalMessage refusal={toRefusal(error)} />
      {open ? <ScanBox countId={count.id} onScanned={() => void refetch()} /> : null}
      <CountLists count={count} />
      {count.documents.length ? (
        <div className="notice notice-success" role="status">
          Fixes posted:{' '}
          {count.documents.map((d, i) => (
            <span key={d.id}>
              {i ? ', ' : ''}
              <Link to={`/documents/${encodeURIComponent(d.id)}`} className="mono">
                {d.number}
              </Link>{' '}
              ({documentTypeLabels[d.type]})
            </span>
          ))}
        </div>
      ) : null}
      {open ? <CloseCount count={count} onClosed={() => void refetch()} /> : null}
    </div>
  );
}

/** The scan box: a wedge types a number and Enter; a paste or a camera may bring several at once. */
function ScanBox({ countId, onScanned }: { countId: string; onScanned: () => void }) {
  const [record, recording] = useMutation(RECORD_COUNT_SCANS);
  const [draft, setDraft] = useState('');
  const [last, setLast] = useState<CountScanResult[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const numbers = tokenizeSerialInput(draft);
    if (!numbers.length) return;
    setDraft('');
    input.current?.focus();
    const result = await record({
      variables: { countId, numbers, idempotencyKey: newIdempotencyKey() },
    }).catch(() => null); // shown from `recording.error`
    if (result?.data) {
      setLast(result.data.recordCountScans.scans);
      onScanned();
    }
  };

  return (
    <>
      <form className="scan-box card" onSubmit={(e) => void submit(e)} aria-label="Scan units">
        <label htmlFor="count-scan-input" className="visually-hidden">
          Serial number to count
        </label>
        <input
          id="count-scan-input"
          ref={input}
          className="scan-input mono"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Scan the serial label of every unit on the shelf…"
          autoFocus
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button-primary">
          Count
        </button>
      </form>
      <RefusalMessage refusal={toRefusal(recording.error)} />
      {last.length ? (
        <ul className="card scan-verdicts" aria-label="Last scan" aria-live="polite">
          {last.map((s, i) => (
            <li key={i} data-verdict={s.verdict}>
              <span className={s.verdict === CountScanVerdict.COUNTED ? '' : 'notice-warning'}>
                {s.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function CountLists({ count }: { count: StockCountDetail }) {
  return (
    <>
      <ListCard
        title={`Counted and expected (${count.counted.totalCount})`}
        columns={['Serial number', 'Product', 'Scanned by']}
        empty="Nothing counted yet."
        label="Counted and expected"
      >
        {count.counted.edges.map(({ node: r }) => (
          <tr key={r.number}>
            <td className="mono">{unitLink(r)}</td>
            <td>{r.serial?.product.sku}</td>
            <td>{r.scannedBy}</td>
          </tr>
        ))}
      </ListCard>
      <ListCard
        title={`Expected but not found (${count.missing.totalCount})`}
        columns={['Serial number', 'Product', 'Status']}
        empty="Nothing missing."
        label="Missing"
      >
        {count.missing.edges.map(({ node: u }) => (
          <tr key={u.id}>
            <td className="mono">
              <Link to={`/serials/${encodeURIComponent(u.id)}`}>{u.number}</Link>
            </td>
            <td>{u.product.sku}</td>
            <td>
              <StatusPill status={u.status} />
            </td>
          </tr>
        ))}
      </ListCard>
      <ListCard
        title={`Found but not expected (${count.found.totalCount})`}
        columns={['Serial number', 'Why', 'Where the system has it', 'Fix on close']}
        empty="Nothing unexpected."
        label="Found"
      >
        {count.found.edges.map(({ node: r }) => (
          <tr key={r.number}>
            <td className="mono">{unitLink(r)}</td>
            <td>{r.reason ? (FOUND_REASON_TEXT[r.reason as FoundReason] ?? r.reason) : null}</td>
            <td>{whereNow(r)}</td>
            <td>{r.fixable ? 'Transfer here' : 'Left for a person'}</td>
          </tr>
        ))}
      </ListCard>
    </>
  );
}

const unitLink = (r: CountedRow) =>
  r.serial ? <Link to={`/serials/${encodeURIComponent(r.serial.id)}`}>{r.number}</Link> : r.number;

const whereNow = (r: CountedRow) => {
  if (!r.serial) return '—';
  const status = statusLabels[r.serial.status];
  if (r.serial.customer) return `${status} · ${r.serial.customer.name}`;
  if (r.serial.warehouse) return `${status} · ${r.serial.warehouse.code}`;
  return status;
};

function ListCard({
  title,
  columns,
  empty,
  label,
  children,
}: {
  title: string;
  columns: string[];
  empty: string;
  label: string;
  children: ReactNode[];
}) {
  return (
    <section className="card table-card" aria-label={label}>
      <h2 className="card-title">{title}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {children}
            {children.length === 0 ? <EmptyRow columns={columns.length}>{empty}</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CloseCount({ count, onClosed }: { count: StockCountDetail; onClosed: () => void }) {
  const [close, closing] = useMutation(CLOSE_STOCK_COUNT);
  const [cancel, cancelling] = useMutation(CANCEL_STOCK_COUNT);
  const [postFixes, setPostFixes] = useState(true);
  const fixable = count.found.edges.filter((e) => e.node.fixable).length;

  const run = async (action: () => Promise<unknown>) => {
    if (await action().then(Boolean, () => false)) onClosed();
  };

  return (
    <section className="card" aria-label="Close the count">
      <h2 className="card-title">Close the count</h2>
      <label className="switch">
        <input type="checkbox" checked={postFixes} onChange={(e) => setPostFixes(e.target.checked)} />
        Post the fixes: write off the {count.missing.totalCount} missing units, transfer here the {fixable}{' '}
        found units recorded in another warehouse
      </label>
      <p className="muted">
        Units recorded as shipped, written off, on hold or in repair, and unknown numbers, are left for a
        person to look at.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className={postFixes ? 'button-danger' : 'button-primary'}
          disabled={closing.loading}
          onClick={() => void run(() => close({ variables: { input: { countId: count.id, postFixes } } }))}
        >
          {postFixes ? 'Close and post fixes' : 'Close without fixes'}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={cancelling.loading}
          onClick={() => void run(() => cancel({ variables: { countId: count.id } }))}
        >
          Cancel count
        </button>
      </div>
      <RefusalMessage refusal={toRefusal(closing.error ?? cancelling.error)} />
    </section>
  );
}
