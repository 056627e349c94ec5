import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { downloadExport } from '../api/csv-api';
import { DOCUMENTS, RECALL, type RecallFilter, type RecallRow } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, PartySelect, ScreenHeader } from '../common/fields';
import { formatDate, statusLabels } from '../common/labels';
import { PagedTable, useCursorPages } from '../common/paged-table';
import { useReferenceData } from '../common/reference-data';
import { href, navigate, useLocation } from '../common/router';
import { StatusPill } from '../common/status-pill';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['receipts', 'supplier', 'from', 'to', 'first', 'last'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The day after a yyyy-mm-dd date, as yyyy-mm-dd: "received up to and including `to`". */
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The recall's criteria from the URL (so a recall can be linked and reopened); null when there are none. */
function filterFromQuery(query: URLSearchParams): RecallFilter | null {
  const receipts = query.get('receipts')?.split(',').filter(Boolean) ?? [];
  const from = query.get('from');
  const to = query.get('to');
  const filter: RecallFilter = {
    receivedInDocumentIds: receipts.length ? receipts : null,
    supplierId: query.get('supplier') || null,
    // Dates are the warehouse's calendar days, taken as UTC days.
    receivedFrom: from ? `${from}T00:00:00Z` : null,
    receivedBefore: to ? `${dayAfter(to)}T00:00:00Z` : null,
    numberFrom: query.get('first') || null,
    numberTo: query.get('last') || null,
  };
  return Object.values(filter).some((v) => v != null) ? filter : null;
}

const whereNow = (u: RecallRow) =>
  u.customer ? `at ${u.customer.name}` : u.warehouse ? `in ${u.warehouse.code}` : statusLabels[u.status];
const contactOf = (u: RecallRow) =>
  u.customer ? [u.customer.email, u.customer.phone].filter(Boolean).join(' · ') : '';

/**
 * Recall: "recall only affected items". The units of given receipts, from a supplier, received in
 * a window of days or numbered in a range, wherever they are now, with the customers who have them
 * and how to reach them; exported whole as CSV for the calls and letters.
 */
export function RecallScreen() {
  const { query } = useLocation();
  const { suppliers } = useReferenceData();
  const filter = filterFromQuery(query);
  const pages = useCursorPages(filter, PAGE_SIZE);
  const receipts = useQuery(DOCUMENTS, { variables: { filter: { types: ['RECEIPT'] }, first: 200 } });
  const { data, loading, error } = useQuery(RECALL, {
    variables: { filter: filter ?? {}, first: PAGE_SIZE, after: pages.after },
    skip: !filter,
  });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ first: query.get('first') ?? '', last: query.get('last') ?? '' });

  const setFilter = (changes: Partial<Record<FilterKey, string>>) => {
    const next: Record<string, string> = {};
    for (const k of FILTER_KEYS) next[k] = changes[k] ?? query.get(k) ?? '';
    navigate(href('/recall', next), { replace: true });
  };

  // The API streams every matching unit as CSV (GET /export/recall.csv, the same criteria).
  const exportCsv = async () => {
    if (!filter) return;
    setExporting(true);
    setExportError(null);
    try {
      await downloadExport('/export/recall.csv', { ...filter });
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const chosenReceipts = query.get('receipts')?.split(',').filter(Boolean) ?? [];
  const connection = filter ? data?.recall : undefined;
  return (
    <div className="screen">
      <ScreenHeader
        title="Recall"
        intro="Recall only affected items: choose the receipts, the supplier, the days received or the range of numbers. Every matching unit is listed wherever it is now, with the customer who has it."
        actions={
          <button
            type="button"
            className="button-secondary"
            onClick={() => void exportCsv()}
            disabled={!filter || exporting}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        }
      />
      <form className="filters card" aria-label="Recall criteria" onSubmit={(e) => e.preventDefault()}>
        <Field label="Receipts" hint="Hold Ctrl or Shift to choose several.">
          {(id) => (
            <select
              id={id}
              multiple
              size={4}
              value={chosenReceipts}
              onChange={(e) =>
                setFilter({ receipts: [...e.target.selectedOptions].map((o) => o.value).join(',') })
              }
            >
              {receipts.data?.documents.edges.map(({ node: d }) => (
                <option key={d.id} value={d.id}>
                  {d.number} · {formatDate(d.postedAt)}
                  {d.party ? ` · ${d.party.name}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <PartySelect
          label="Supplier"
          options={suppliers}
          value={query.get('supplier') ?? ''}
          onChange={(v) => setFilter({ supplier: v })}
          placeholder="Any supplier"
        />
        <Field label="Received from">
          {(id) => (
            <input
              id={id}
              type="date"
              value={query.get('from') ?? ''}
              onChange={(e) => setFilter({ from: e.target.value })}
            />
          )}
        </Field>
        <Field label="Received until">
          {(id) => (
            <input
              id={id}
              type="date"
              value={query.get('to') ?? ''}
              onChange={(e) => setFilter({ to: e.target.value })}
            />
          )}
        </Field>
        <Field label="First number">
          {(id) => (
            <input
              id={id}
              value={draft.first}
              placeholder="e.g. LTP-2026-000100"
              onChange={(e) => setDraft({ ...draft, first: e.target.value })}
              onBlur={() => setFilter({ first: draft.first.trim() })}
              onKeyDown={(e) => e.key === 'Enter' && setFilter({ first: draft.first.trim() })}
            />
          )}
        </Field>
        <Field label="Last number">
          {(id) => (
            <input
              id={id}
              value={draft.last}
              placeholder="e.g. LTP-2026-000199"
              onChange={(e) => setDraft({ ...draft, last: e.target.value })}
              onBlur={() => setFilter({ last: draft.last.trim() })}
              onKeyDown={(e) => e.key === 'Enter' && setFilter({ last: draft.last.trim() })}
            />
          )}
        </Field>
      </form>
      <RefusalMessage refusal={toRefusal(error)} />
      {exportError ? (
        <div className="refusal" role="alert">
          <strong className="refusal-title">Export failed</strong>
          <span className="refusal-message">{exportError}</span>
        </div>
      ) : null}
      {filter ? (
        <PagedTable
          columns={['Serial number', 'Product', 'Status', 'Where now', 'Contact', 'Receipt', 'Received']}
          connection={connection}
          pages={pages}
          loading={loading}
          noMatch="No unit matches this recall."
          empty="No units"
          unit="affected units"
          live
        >
          {connection?.edges.map(({ node: u }) => (
            <tr key={u.id} className="row-link" onClick={() => navigate(`/serials/${u.id}`)}>
              <td>
                <a href={`/serials/${u.id}`} className="mono" onClick={(e) => e.preventDefault()}>
                  {u.number}
                </a>
              </td>
              <td>{u.product.sku}</td>
              <td>
                <StatusPill status={u.status} />
              </td>
              <td>{whereNow(u)}</td>
              <td>{contactOf(u) || '—'}</td>
              <td className="mono">{u.receivedIn.number}</td>
              <td>{formatDate(u.receivedAt)}</td>
            </tr>
          ))}
        </PagedTable>
      ) : (
        <p className="muted">Choose at least one criterion to list the affected units.</p>
      )}
    </div>
  );
}
