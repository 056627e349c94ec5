import { useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import type { ReturnCondition } from '@serialgraph/domain';
import { SerialPicker, type PickedSerial } from '@serialgraph/react';
import { DOCUMENT, DOCUMENTS, RETURN_STOCK } from '../api/operations';
import { RefusalMessage } from '../common/api-refusal';
import { Field, newIdempotencyKey, ScreenHeader, WarehouseSelect } from '../common/fields';
import { formatDateTime } from '../common/labels';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { href, navigate, useLocation } from '../common/router';
import { readSerialParam } from '../common/serial-view';
import { usePosting } from '../common/use-posting';

/** Step 1 of a return: find the original shipment by its number or the customer's name. */
function ShipmentFinder() {
  const [search, setSearch] = useState('');
  const { data, loading } = useQuery(DOCUMENTS, {
    variables: { filter: { types: ['SHIPMENT'], search: search.trim() || null }, first: 10 },
  });
  return (
    <div className="card">
      <Field label="Find the shipment: its number or the customer" className="field-wide">
        {(id) => (
          <input
            id={id}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="e.g. SHP-000001 or Acme"
            autoFocus
          />
        )}
      </Field>
      <ul className="pick-list" aria-busy={loading} aria-label="Shipments">
        {data?.documents.edges.map(({ node: d }) => (
          <li key={d.id}>
            <button
              type="button"
              className="pick-item"
              onClick={() => navigate(href('/return', { shipment: d.id }))}
            >
              <strong className="mono">{d.number}</strong>
              <span>{d.party?.name}</span>
              <span className="muted">{formatDateTime(d.postedAt)}</span>
              <span className="muted">
                {d.lines.map((l) => `${l.quantity}× ${l.product.sku}`).join(', ')}
              </span>
            </button>
          </li>
        ))}
        {data && data.documents.edges.length === 0 ? <li className="muted">No shipment matches.</li> : null}
      </ul>
    </div>
  );
}

/** Return: from the original shipment, only the units it sent that have not come back; condition and reason. */
export function ReturnScreen() {
  const { query } = useLocation();
  const shipmentId = query.get('shipment');
  return shipmentId ? (
    <ReturnForm key={shipmentId} shipmentId={shipmentId} preset={readSerialParam(query.get('serial'))} />
  ) : (
    <ReturnStart />
  );
}

function ReturnStart() {
  return (
    <div className="screen">
      <ScreenHeader
        title="Return"
        intro="A return is made from the shipment that sent the unit: you take back the exact unit you sold."
      />
      <ShipmentFinder />
    </div>
  );
}

function ReturnForm({ shipmentId, preset }: { shipmentId: string; preset: PickedSerial | null }) {
  const { warehouses } = useReferenceData();
  const { data } = useQuery(DOCUMENT, { variables: { id: shipmentId } });
  const shipment = data?.document;
  const [picked, setPicked] = useState<PickedSerial[]>(preset ? [preset] : []);
  const [condition, setCondition] = useState<ReturnCondition>('DEFECTIVE');
  const [reason, setReason] = useState('');
  const [warehouseId, setWarehouseId] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { post, busy, refusal, posted, clearPosted } = usePosting(RETURN_STOCK, (d) => d.returnStock);

  const ready = picked.length > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const input = {
      shipmentId,
      serials: picked.map((s) => s.number),
      condition,
      reason: reason.trim() || undefined,
      warehouseId: warehouseId || undefined,
      idempotencyKey,
    };
    if (await post({ input })) {
      setPicked([]);
      setReason('');
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  return (
    <form className="screen" onSubmit={(e) => void submit(e)}>
      <ScreenHeader
        title="Return"
        intro={
          <>
            {shipment ? (
              <>
                From shipment <strong className="mono">{shipment.number}</strong> to{' '}
                <strong>{shipment.party?.name}</strong>, {formatDateTime(shipment.postedAt)}.{' '}
              </>
            ) : null}
            <a href="/return" onClick={(e) => (e.preventDefault(), navigate('/return'))}>
              Choose another shipment
            </a>
          </>
        }
      />
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <div className="card">
        <h2 className="card-title">Which units came back?</h2>
        <SerialPicker mode="RETURN" shipmentId={shipmentId} value={picked} onChange={setPicked} />
        <RefusalMessage refusal={refusal} />
      </div>
      <div className="card form-grid">
        <fieldset className="field radio-group">
          <legend>Condition</legend>
          <label>
            <input
              type="radio"
              name="condition"
              value="DEFECTIVE"
              checked={condition === 'DEFECTIVE'}
              onChange={() => setCondition('DEFECTIVE')}
            />
            Defective: keep it on hold
          </label>
          <label>
            <input
              type="radio"
              name="condition"
              value="RESALABLE"
              checked={condition === 'RESALABLE'}
              onChange={() => setCondition('RESALABLE')}
            />
            Resalable: back in stock
          </label>
        </fieldset>
        <Field label="What the customer says" className="field-wide">
          {(id) => (
            <input
              id={id}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. This one keeps rebooting"
            />
          )}
        </Field>
        <WarehouseSelect
          label="Back to warehouse"
          options={warehouses}
          value={warehouseId}
          onChange={setWarehouseId}
          placeholder={shipment?.warehouse ? `${shipment.warehouse.code} (the shipment's)` : "The shipment's"}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!ready || busy}>
          {busy ? 'Posting…' : `Post return (${picked.length} ${picked.length === 1 ? 'unit' : 'units'})`}
        </button>
      </div>
    </form>
  );
}
