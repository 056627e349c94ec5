import { useState, type FormEvent } from 'react';
import { SHIP_STOCK } from '../api/operations';
import { RefusalMessage } from '../common/api-refusal';
import {
  DocumentLines,
  draftLine,
  lineOfRefusal,
  toStockLines,
  type DraftLine,
} from '../common/document-lines';
import { Field, newIdempotencyKey, PartySelect, ScreenHeader, WarehouseSelect } from '../common/fields';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import { readSerialParam } from '../common/serial-view';
import { usePosting } from '../common/use-posting';

const units = (n: number) => (n === 1 ? '1 unit' : `${n} units`);

/** Ship: a customer, the warehouse, and the exact units picked per line; untracked lines by quantity. */
export function ShipScreen() {
  const { query } = useLocation();
  const { customers, warehouses, products } = useReferenceData();
  const preset = readSerialParam(query.get('serial'));
  const [customerId, setCustomerId] = useState(query.get('customer') ?? '');
  const [warehouseId, setWarehouseId] = useState(query.get('warehouse') ?? '');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<DraftLine[]>(() => [
    draftLine(query.get('product') ?? '', preset ? [preset] : []),
  ]);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { post, busy, refusal, posted, clearPosted } = usePosting(SHIP_STOCK, (d) => d.shipStock);

  const stockLines = toStockLines(lines, products);
  const ready = customerId && warehouseId && stockLines.length > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const input = {
      customerId,
      warehouseId,
      lines: stockLines,
      reference: reference.trim() || undefined,
      idempotencyKey,
    };
    if (await post({ input })) {
      setLines([draftLine()]);
      setReference('');
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  return (
    <form className="screen" onSubmit={(e) => void submit(e)}>
      <ScreenHeader
        title="Ship"
        intro="Pick the exact units that leave for the customer: scan them, search, or take the oldest first."
      />
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <div className="card form-grid">
        <PartySelect
          label="Customer"
          options={customers}
          value={customerId}
          onChange={setCustomerId}
          required
        />
        <WarehouseSelect
          label="From warehouse"
          options={warehouses}
          value={warehouseId}
          onChange={(id) => {
            setWarehouseId(id);
            setLines((ls) => ls.map((l) => ({ ...l, picked: [] })));
          }}
          required
        />
        <Field label="Order reference">
          {(id) => (
            <input
              id={id}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              placeholder="e.g. SO-1005"
            />
          )}
        </Field>
      </div>
      <DocumentLines
        mode="SHIP"
        warehouseId={warehouseId}
        products={products}
        lines={lines}
        onChange={setLines}
        refusal={refusal}
      />
      {lineOfRefusal(lines, refusal, products) ? null : <RefusalMessage refusal={refusal} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!ready || busy}>
          {busy ? 'Posting…' : `Post shipment (${units(stockLines.reduce((n, l) => n + l.quantity, 0))})`}
        </button>
      </div>
    </form>
  );
}
