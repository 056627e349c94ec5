import { canApply, type SerialOperation } from '@serialgraph/domain';
import { SerialHistoryTimeline } from '@serialgraph/react';
import type { SerialSummary } from '../api/operations';
import { formatDate } from './labels';
import { LabelsAction } from './labels-action';
import { href, Link } from './router';
import { StatusPill } from './status-pill';

/** The picked unit as a query parameter for the posting screens: `id~number`. */
export const serialParam = (s: { id: string; number: string }) => `${s.id}~${s.number}`;
/** Reads a `serial` query parameter written by serialParam. */
export function readSerialParam(value: string | null): { id: string; number: string } | null {
  if (!value) return null;
  const at = value.indexOf('~');
  return at > 0 ? { id: value.slice(0, at), number: value.slice(at + 1) } : null;
}

/** The shipment a unit would be returned from: the latest one that shipped it. */
function lastShipment(serial: SerialSummary) {
  return [...serial.history].reverse().find((m) => m.type === 'SHIPPED')?.document;
}

/** What can be done next with this unit, as links to the prefilled screens. */
function nextActions(serial: SerialSummary): { label: string; to: string; tone?: 'danger' }[] {
  const base = { product: serial.product.id, serial: serialParam(serial) };
  const wh = serial.warehouse?.id;
  const shipment = lastShipment(serial);
  // Offered exactly when the domain's status machine allows the operation (the API checks the same).
  const candidates: { op: SerialOperation; label: string; to: string; tone?: 'danger' }[] = [
    { op: 'SHIP', label: 'Ship', to: href('/ship', { ...base, warehouse: wh }) },
    { op: 'RELEASE', label: 'Release', to: href('/hold', { ...base, warehouse: wh, action: 'release' }) },
    { op: 'TRANSFER', label: 'Transfer', to: href('/transfer', { ...base, from: wh }) },
    { op: 'HOLD', label: 'Put on hold', to: href('/hold', { ...base, warehouse: wh }) },
    ...(shipment
      ? [
          {
            op: 'RETURN_RESALABLE' as const,
            label: `Return from ${shipment.number}`,
            to: href('/return', { shipment: shipment.id, serial: serialParam(serial) }),
          },
        ]
      : []),
    { op: 'REPAIR_INTAKE', label: 'Take in for repair', to: href('/repairs', { intake: serial.number }) },
    { op: 'REPAIR_RELEASE', label: 'Release from repair', to: href('/repairs', { release: serial.id }) },
    {
      op: 'WRITE_OFF',
      label: 'Write off',
      to: href('/write-off', { ...base, warehouse: wh }),
      tone: 'danger',
    },
  ];
  return candidates.filter((c) => canApply(c.op, serial.status)).map(({ op: _op, ...action }) => action);
}

/** The guide's questions about one unit, answered at a glance. */
function UnitFacts({ serial }: { serial: SerialSummary }) {
  const warranty = serial.warranty;
  const shipment = lastShipment(serial);
  return (
    <dl className="facts" aria-label="About this unit">
      <div>
        <dt>Where</dt>
        <dd>
          <StatusPill status={serial.status} />{' '}
          {serial.warehouse ? `${serial.warehouse.code} · ${serial.warehouse.name}` : null}
          {serial.holdReason ? <div className="muted">Hold: {serial.holdReason}</div> : null}
        </dd>
      </div>
      <div>
        <dt>Customer</dt>
        <dd data-answer="customer">
          {serial.customer ? serial.customer.name : '—'}
          {shipment ? (
            <div className="muted">
              shipped in <Link to={`/documents/${shipment.id}`}>{shipment.number}</Link>
            </div>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Delivery</dt>
        <dd data-answer="delivery">
          <Link to={`/documents/${serial.receivedIn.id}`}>{serial.receivedIn.number}</Link>
          <div className="muted">
            {serial.supplier ? `from ${serial.supplier.name}, ` : ''}
            {formatDate(serial.receivedAt)}
          </div>
        </dd>
      </div>
      <div>
        <dt>Repaired before</dt>
        <dd data-answer="repairs">
          {serial.repairCount === 0
            ? 'No'
            : serial.repairCount === 1
              ? 'Yes, once'
              : `Yes, ${serial.repairCount} times`}
        </dd>
      </div>
      <div>
        <dt>Warranty</dt>
        <dd data-answer="warranty" data-state={warranty ? (warranty.active ? 'active' : 'expired') : 'none'}>
          {warranty
            ? warranty.active
              ? `Active until ${formatDate(warranty.endsAt)}`
              : `Expired on ${formatDate(warranty.endsAt)}`
            : 'Not sold yet'}
        </dd>
      </div>
      {serial.replaces || serial.replacedBy ? (
        <div>
          <dt>Swap</dt>
          <dd>
            {serial.replaces ? (
              <>
                replaces <Link to={`/serials/${serial.replaces.id}`}>{serial.replaces.number}</Link>
              </>
            ) : null}
            {serial.replacedBy ? (
              <>
                replaced by <Link to={`/serials/${serial.replacedBy.id}`}>{serial.replacedBy.number}</Link>
              </>
            ) : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** One unit: the answers, what to do next, and its full history (SerialHistoryTimeline). */
export function SerialView({ serial }: { serial: SerialSummary }) {
  const actions = nextActions(serial);
  return (
    <div className="serial-view">
      <div className="card serial-summary">
        <div className="serial-title">
          <h2>
            <span className="mono">{serial.number}</span>
          </h2>
          {serial.internalCode ? (
            <span className="internal-code" title="Internal code (asset tag)">
              Internal code <span className="mono">{serial.internalCode}</span>
            </span>
          ) : null}
          <span className="muted">
            {serial.product.sku} · {serial.product.name}
          </span>
        </div>
        <UnitFacts serial={serial} />
        {actions.length > 0 ? (
          <nav className="next-actions" aria-label="Next steps for this unit">
            {actions.map((a) => (
              <Link
                key={a.label}
                to={a.to}
                className={`button ${a.tone === 'danger' ? 'button-danger' : 'button-secondary'}`}
              >
                {a.label}
              </Link>
            ))}
          </nav>
        ) : null}
        {/* A new or worn label: the serial, its internal code, the product and the receipt date. */}
        <details className="unit-labels">
          <summary>Print a label</summary>
          <LabelsAction source={{ serialIds: [serial.id] }} name={serial.number} />
        </details>
      </div>
      <div className="card">
        <SerialHistoryTimeline
          serialId={serial.id}
          defaultOrder="newest-first"
          headingLevel={3}
          renderDocumentLink={(doc) => <Link to={`/documents/${doc.id}`}>{doc.number}</Link>}
          renderSerialLink={(s) => <Link to={`/serials/${s.id}`}>{s.number}</Link>}
        />
      </div>
    </div>
  );
}
