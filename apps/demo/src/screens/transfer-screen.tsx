import { useState, type FormEvent } from 'react';
import { TRANSFER_STOCK } from '../api/operations';
import { RefusalMessage } from '../common/api-refusal';
import {
  DocumentLines,
  draftLine,
  lineOfRefusal,
  toStockLines,
  type DraftLine,
} from '../common/document-lines';
import { Field, newIdempotencyKey, ScreenHeader, WarehouseSelect } from '../common/fields';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import { readSerialParam } from '../common/serial-view';
import { usePosting } from '../common/use-posting';

/** Transfer: units (held ones stay held) and untracked quantities from one warehouse to another. */
export function TransferScreen() {
  const { query } = useLocation();
  const { warehouses, products } = useReferenceData();
  const preset = readSerialParam(query.get('serial'));
  const [fromId, setFromId] = useState(query.get('from') ?? '');
  const [toId, setToId] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<DraftLine[]>(() => [
    draftLine(query.get('product') ?? '', preset ? [preset] : []),
  ]);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { post, busy, refusal, posted, clearPosted } = usePosting(TRANSFER_STOCK, (d) => d.transferStock);

  const stockLines = toStockLines(lines, products);
  const same = fromId && fromId === toId;
  const ready = fromId && toId && !same && stockLines.length > 0;
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
      setLines([draftLine()]);
      setNote('');
      setIdempotencyKey(newIdempotencyKey());
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
          onChange={(id) => {
            setFromId(id);
            setLines((ls) => ls.map((l) => ({ ...l, picked: [] })));
          }}
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
      <DocumentLines
        mode="TRANSFER"
        warehouseId={fromId}
        products={products}
        lines={lines}
        onChange={setLines}
        refusal={refusal}
      />
      {lineOfRefusal(lines, refusal, products) ? null : <RefusalMessage refusal={refusal} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!ready || busy}>
          {busy ? 'Posting…' : 'Post transfer'}
        </button>
      </div>
    </form>
  );
}
