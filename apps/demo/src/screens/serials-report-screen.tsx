import { useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { SerialStatus } from '@serialgraph/domain';
import { downloadExport } from '../api/csv-api';
import { DOCUMENT_POSTED, SERIALS_REPORT, type SerialFilter } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, PartySelect, ProductSelect, ScreenHeader, WarehouseSelect } from '../common/fields';
import { formatDate, statusLabels } from '../common/labels';
import { PagedTable, useCursorPages } from '../common/paged-table';
import { useReferenceData } from '../common/reference-data';
import { href, navigate, useLocation } from '../common/router';
import { StatusPill } from '../common/status-pill';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['product', 'warehouse', 'status', 'customer', 'q', 'out'] as const;

/** The report's filter as the API takes it, from the URL (so filtered views can be linked). */
function filterFromQuery(query: URLSearchParams): SerialFilter {
  const status = query.get('status') as SerialStatus | null;
  return {
    productId: query.get('product') || null,
    warehouseId: query.get('warehouse') || null,
    partyId: query.get('customer') || null,
    search: query.get('q') || null,
    statuses: status ? [status] : null,
    includeOutOfStorage: query.get('out') === '1',
  };
}

/** Serials report: every unit in storage (or also out of it), filtered, paged, exported, each one a click from its history. */
export function SerialsReportScreen() {
  const { query } = useLocation();
  const { products, warehouses, customers } = useReferenceData();
  const filter = filterFromQuery(query);
  const pages = useCursorPages(filter, PAGE_SIZE);
  const { data, loading, error, refetch } = useQuery(SERIALS_REPORT, {
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  // Any posted document may move units on this page: read it again (live, whoever posted it).
  useSubscription(DOCUMENT_POSTED, { onData: () => void refetch() });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [searchDraft, setSearchDraft] = useState(query.get('q') ?? '');

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next: Record<string, string> = {};
    for (const k of FILTER_KEYS) next[k] = query.get(k) ?? '';
    next[key] = value;
    navigate(href('/serials', next), { replace: true });
  };

  // The API streams the whole filtered report as CSV (GET /export/serials.csv, the same filter).
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadExport('/export/serials.csv', {
        productId: filter.productId,
        warehouseId: filter.warehouseId,
        partyId: filter.partyId,
        search: filter.search,
        statuses: filter.statuses ?? null,
        includeOutOfStorage: filter.includeOutOfStorage ? 'true' : null,
      });
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const connection = data?.serials;
  return (
    <div className="screen">
      <ScreenHeader
        title="Serials"
        intro="Which unit is where: in storage by default; switch on out-of-storage units for warranty claims and return disputes. Click a unit for its history."
        actions={
          <button
            type="button"
            className="button-secondary"
            onClick={() => void exportCsv()}
            disabled={exporting}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        }
      />
      <div className="filters card">
        <ProductSelect
          label="Product"
          options={products}
          value={query.get('product') ?? ''}
          onChange={(v) => setFilter('product', v)}
          placeholder="All products"
        />
        <WarehouseSelect
          label="Warehouse"
          options={warehouses}
          value={query.get('warehouse') ?? ''}
          onChange={(v) => setFilter('warehouse', v)}
          placeholder="All warehouses"
        />
        <Field label="Status">
          {(id) => (
            <select
              id={id}
              value={query.get('status') ?? ''}
              onChange={(e) => setFilter('status', e.target.value)}
            >
              <option value="">Any (per the switch)</option>
              {Object.values(SerialStatus).map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <PartySelect
          label="Customer"
          options={customers}
          value={query.get('customer') ?? ''}
          onChange={(v) => setFilter('customer', v)}
          placeholder="Any customer"
        />
        <Field label="Search">
          {(id) => (
            <input
              id={id}
              type="search"
              value={searchDraft}
              placeholder="Part of a number or internal code"
              onChange={(e) => {
                setSearchDraft(e.target.value);
                setFilter('q', e.target.value.trim());
              }}
            />
          )}
        </Field>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={query.get('out') === '1'}
            onChange={(e) => setFilter('out', e.target.checked ? '1' : '')}
          />
          <span>Show out-of-storage serials</span>
        </label>
      </div>
      <RefusalMessage refusal={toRefusal(error)} />
      {exportError ? (
        <div className="refusal" role="alert">
          <strong className="refusal-title">Export failed</strong>
          <span className="refusal-message">{exportError}</span>
        </div>
      ) : null}
      <PagedTable
        columns={[
          'Serial number',
          'Product',
          'Status',
          'Warehouse',
          'Customer',
          'Received',
          'Warranty',
          { label: 'Repairs', className: 'num' },
        ]}
        connection={connection}
        pages={pages}
        loading={loading}
        noMatch="No units match these filters."
        empty="No units"
        unit="units"
        live
      >
        {connection?.edges.map(({ node: s }) => (
          <tr key={s.id} className="row-link" onClick={() => navigate(`/serials/${s.id}`)}>
            <td>
              <a href={`/serials/${s.id}`} className="mono" onClick={(e) => e.preventDefault()}>
                {s.number}
              </a>
              {s.internalCode ? <span className="muted mono internal-code"> {s.internalCode}</span> : null}
            </td>
            <td>{s.product.sku}</td>
            <td>
              <StatusPill status={s.status} title={s.holdReason} />
            </td>
            <td>{s.warehouse?.code ?? '—'}</td>
            <td>{s.customer?.name ?? '—'}</td>
            <td>{formatDate(s.receivedAt)}</td>
            <td>
              {s.warranty
                ? `${s.warranty.active ? 'until' : 'expired'} ${formatDate(s.warranty.endsAt)}`
                : '—'}
            </td>
            <td className="num">{s.repairCount || ''}</td>
          </tr>
        ))}
      </PagedTable>
    </div>
  );
}
