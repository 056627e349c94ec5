import { useState, type FormEvent } from 'react';
import { SHIP_STOCK } from '../api/operations';
import { Field, PartySelect, ScreenHeader, WarehouseSelect } from '../common/fields';
import { LinesAndSubmit, useLinesDraft } from '../common/lines-form';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import { usePosting } from '../common/use-posting';

const units = (n: number) => (n === 1 ? '1 unit' : `${n} units`);

/** Ship: a customer, the warehouse, and the exact units picked per line; untracked lines by quantity. */
export function ShipScreen() {
  const { query } = useLocation();
  const { customers, warehouses, products } = useReferenceData();
  const [customerId, setCustomerId] = useState(query.get('customer') ?? '');
  const [reference, setReference] = useState('');
  const draft = useLinesDraft(products, query.get('warehouse') ?? '');
  const { post, busy, refusal, posted, clearPosted } = usePosting(SHIP_STOCK, (d) => d.shipStock);

  const { warehouseId, stockLines, idempotencyKey } = draft;
  const ready = Boolean(customerId && warehouseId && stockLines.length > 0);
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
      draft.reset();
      setReference('');
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
          onChange={draft.setWarehouseId}
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
      <LinesAndSubmit
        mode="SHIP"
        products={products}
        draft={draft}
        refusal={refusal}
        ready={ready}
        busy={busy}
        submitLabel={`Post shipment (${units(stockLines.reduce((n, l) => n + l.quantity, 0))})`}
      />
    </form>
  );
}
