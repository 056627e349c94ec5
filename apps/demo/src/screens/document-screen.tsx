import { useQuery } from '@apollo/client/react';
import { DOCUMENT } from '../api/operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { ScreenHeader } from '../common/fields';
import { documentTypeLabels, formatDateTime } from '../common/labels';
import { LabelsAction } from '../common/labels-action';
import { href, Link } from '../common/router';

/** One document: who, where, when, and every line with its units. */
export function DocumentScreen({ id }: { id: string }) {
  const { data, loading, error } = useQuery(DOCUMENT, { variables: { id } });
  const doc = data?.document;
  return (
    <div className="screen">
      <ScreenHeader
        title={doc ? `${documentTypeLabels[doc.type]} ${doc.number}` : 'Document'}
        intro={<Link to="/documents">← All documents</Link>}
        actions={
          doc?.type === 'SHIPMENT' ? (
            <Link className="button button-secondary" to={href('/return', { shipment: doc.id })}>
              Return from this shipment
            </Link>
          ) : null
        }
      />
      <RefusalMessage refusal={toRefusal(error)} />
      {loading && !doc ? <p className="muted">Loading…</p> : null}
      {!loading && !doc && !error ? (
        <div className="notice notice-warning">This document does not exist.</div>
      ) : null}
      {doc ? (
        <>
          <dl className="facts card">
            <div>
              <dt>Posted</dt>
              <dd>
                {formatDateTime(doc.postedAt)}
                <div className="muted">by {doc.actor}</div>
              </dd>
            </div>
            {doc.party ? (
              <div>
                <dt>{doc.type === 'RECEIPT' ? 'Supplier' : 'Customer'}</dt>
                <dd>{doc.party.name}</dd>
              </div>
            ) : null}
            <div>
              <dt>{doc.toWarehouse ? 'From → to' : 'Warehouse'}</dt>
              <dd>
                {doc.warehouse ? `${doc.warehouse.code} · ${doc.warehouse.name}` : '—'}
                {doc.toWarehouse ? ` → ${doc.toWarehouse.code} · ${doc.toWarehouse.name}` : ''}
              </dd>
            </div>
            {doc.basedOn ? (
              <div>
                <dt>Based on</dt>
                <dd>
                  <Link to={`/documents/${doc.basedOn.id}`}>{doc.basedOn.number}</Link>
                </dd>
              </div>
            ) : null}
            {doc.reference ? (
              <div>
                <dt>Reference</dt>
                <dd>{doc.reference}</dd>
              </div>
            ) : null}
            {doc.note ? (
              <div>
                <dt>Note / reason</dt>
                <dd>{doc.note}</dd>
              </div>
            ) : null}
          </dl>
          <div className="card table-card">
            <table className="table">
              <thead>
                <tr>
                  <th>Product</th>
                  <th className="num">Quantity</th>
                  <th className="num">Unit cost</th>
                  <th>Units</th>
                </tr>
              </thead>
              <tbody>
                {doc.lines.map((line, i) => (
                  <tr key={i}>
                    <td>
                      <strong>{line.product.sku}</strong>
                      <div className="muted">{line.product.name}</div>
                    </td>
                    <td className="num">{line.quantity}</td>
                    <td className="num">{line.unitCost ?? '—'}</td>
                    <td>
                      {line.serials.length === 0 ? (
                        <span className="muted">untracked</span>
                      ) : (
                        <ul className="chips">
                          {line.serials.map((s) => (
                            <li key={s.id}>
                              <Link className="chip mono" to={`/serials/${s.id}`} data-status={s.status}>
                                {s.number}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {doc.lines.some((line) => line.serials.length > 0) ? (
            <div className="card">
              <h2 className="card-title">Labels of its units</h2>
              <LabelsAction source={{ documentId: doc.id }} name={doc.number} />
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
