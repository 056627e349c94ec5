import { useState, type FormEvent } from 'react';
import { TRANSFER_STOCK } from '../api/operations';
import { Field, ScreenHeader, WarehouseSelect } from '../common/fields';
import { LinesAndSubmit, useLinesDraft } from '../common/lines-form';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import { usePosting } from '../common/use-posting';

/** Transfer: units (held ones stay held) and untracked quantities from one warehouse to another. */
export function TransferScreen() {
  const { query } = useLocation();
  const { warehouses, products } = useReferenceData();
  const [toId, setToId] = useState('');
  const [note, setNote] = useState('');
  const draft = useLinesDraft(products, query.get('from') ?? '');
  const { post, busy, refusal, posted, clearPosted } = usePosting(TRANSFER_STOCK, (d) => d.transferStock);

  const { warehouseId: fromId, stockLines, idempotencyKey } = draft;
  const same = fromId && fromId === toId;
  const ready = Boolean(fromId && toId && !same && stockLines.length > 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    if (
      await post({
        input: {
          fromWarehouseId: fromId,
          toWarehouseId: toId,
          lines: stockLines,
          note: note.trim() || undefined,
          idempotencyKey,
        },
      })
    ) {
      draft.reset();
      setNote('');
    }
  };

  return (
    <form className="screen" onSubmit={(e) => void submit(e)}>
      <ScreenHeader
        title="Transfer"
        intro="Move units between warehouses. A held unit stays on hold where it arrives."
      />
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <div className="card form-grid">
        <WarehouseSelect
          label="From warehouse"
          options={warehouses}
          value={fromId}
          onChange={draft.setWarehouseId}
        />
        <WarehouseSelect
          label="To warehouse"
          options={warehouses.filter((w) => w.id !== fromId)}
          value={toId}
          onChange={setToId}
        />
        <Field label="Note">
          {(id) => (
            <input
              id={id}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="Why it moves"
            />
          )}
        </Field>
      </div>
      <LinesAndSubmit
        mode="TRANSFER"
        products={products}
        draft={draft}
        refusal={refusal}
        ready={ready}
        busy={busy}
        submitLabel="Post transfer"
      />
    </form>
  );
}
