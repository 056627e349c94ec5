import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { DocumentType } from '@serialgraph/domain';
import { DOCUMENTS, type DocumentFilter } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, ScreenHeader } from '../common/fields';
import { documentTypeLabels, formatDateTime } from '../common/labels';
import { PagedTable, useCursorPages } from '../common/paged-table';
import { href, Link, navigate, useLocation } from '../common/router';

const PAGE_SIZE = 25;

/** Documents: every posted document, newest first, by type or by number/party search. */
export function DocumentsScreen() {
  const { query } = useLocation();
  const type = query.get('type') as DocumentType | null;
  const search = query.get('q') ?? '';
  const filter: DocumentFilter = { types: type ? [type] : null, search: search || null };
  const pages = useCursorPages(filter, PAGE_SIZE);
  const { data, loading, error } = useQuery(DOCUMENTS, {
    variables: { filter, first: PAGE_SIZE, after: pages.after },
  });
  const [draft, setDraft] = useState(search);
  const connection = data?.documents;

  return (
    <div className="screen">
      <ScreenHeader
        title="Documents"
        intro="Every receipt, shipment, return, transfer, hold, repair and write-off, with its lines and units."
      />
      <div className="filters card">
        <Field label="Type">
          {(id) => (
            <select
              id={id}
              value={type ?? ''}
              onChange={(e) =>
                navigate(href('/documents', { type: e.target.value, q: search }), { replace: true })
              }
            >
              <option value="">All types</option>
              {Object.values(DocumentType).map((t) => (
                <option key={t} value={t}>
                  {documentTypeLabels[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Search" className="field-wide">
          {(id) => (
            <input
              id={id}
              type="search"
              placeholder="Number or party, e.g. SHP-000001 or Acme"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                navigate(href('/documents', { type, q: e.target.value.trim() }), { replace: true });
              }}
            />
          )}
        </Field>
      </div>
      <RefusalMessage refusal={toRefusal(error)} />
      <PagedTable
        columns={['Number', 'Type', 'Posted', 'Party', 'Warehouse', 'Lines', 'Reference / note']}
        connection={connection}
        pages={pages}
        loading={loading}
        noMatch="No documents match."
        empty="No documents"
      >
        {connection?.edges.map(({ node: d }) => (
          <tr key={d.id} className="row-link" onClick={() => navigate(`/documents/${d.id}`)}>
            <td>
              <Link to={`/documents/${d.id}`} className="mono">
                {d.number}
              </Link>
            </td>
            <td>
              <span className="doc-type" data-type={d.type}>
                {documentTypeLabels[d.type]}
              </span>
            </td>
            <td>{formatDateTime(d.postedAt)}</td>
            <td>{d.party?.name ?? '—'}</td>
            <td>
              {d.warehouse?.code ?? '—'}
              {d.toWarehouse ? ` → ${d.toWarehouse.code}` : ''}
            </td>
            <td>{d.lines.map((l) => `${l.quantity}× ${l.product.sku}`).join(', ')}</td>
            <td className="muted">{[d.reference, d.note].filter(Boolean).join(' · ')}</td>
          </tr>
        ))}
      </PagedTable>
    </div>
  );
}
