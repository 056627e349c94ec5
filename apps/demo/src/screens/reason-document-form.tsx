import { useState, type FormEvent, type ReactNode } from 'react';
import type { PostedDocument, StockLineInput } from '../api/operations';
import { RefusalMessage, type Refusal } from '../common/api-refusal';
import {
  DocumentLines,
  draftLine,
  lineOfRefusal,
  toStockLines,
  type DraftLine,
} from '../common/document-lines';
import { Field, newIdempotencyKey, WarehouseSelect } from '../common/fields';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import { readSerialParam } from '../common/serial-view';

/** The input of write-off, hold and release: a warehouse, a reason, lines. */
export interface ReasonDocumentInput {
  warehouseId: string;
  reason: string;
  lines: StockLineInput[];
  idempotencyKey: string;
}

interface ReasonDocumentFormProps {
  /** Which units the pickers list: those this operation may move. */
  mode: 'HOLD' | 'RELEASE' | 'WRITE_OFF';
  header: ReactNode;
  submitLabel: string;
  reasonPlaceholder: string;
  tone?: 'danger';
  post: (input: ReasonDocumentInput) => Promise<PostedDocument | null>;
  busy: boolean;
  refusal: Refusal | null;
  posted: PostedDocument | null;
  clearPosted: () => void;
}

/** Write-off, hold and release share one form: warehouse, reason (required by the API), lines. */
export function ReasonDocumentForm({
  mode,
  header,
  submitLabel,
  reasonPlaceholder,
  tone,
  post,
  busy,
  refusal,
  posted,
  clearPosted,
}: ReasonDocumentFormProps) {
  const { query } = useLocation();
  const { warehouses, products } = useReferenceData();
  const preset = readSerialParam(query.get('serial'));
  const [warehouseId, setWarehouseId] = useState(query.get('warehouse') ?? '');
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<DraftLine[]>(() => [
    draftLine(query.get('product') ?? '', preset ? [preset] : []),
  ]);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const stockLines = toStockLines(lines, products);
  const ready = warehouseId && reason.trim() && stockLines.length > 0;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    if (await post({ warehouseId, reason: reason.trim(), lines: stockLines, idempotencyKey })) {
      setLines([draftLine()]);
      setReason('');
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  return (
    <form className="screen" onSubmit={(e) => void submit(e)}>
      {header}
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <div className="card form-grid">
        <WarehouseSelect
          label="Warehouse"
          options={warehouses}
          value={warehouseId}
          onChange={(id) => {
            setWarehouseId(id);
            setLines((ls) => ls.map((l) => ({ ...l, picked: [] })));
          }}
        />
        <Field label="Reason" className="field-wide">
          {(id) => (
            <input
              id={id}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={reasonPlaceholder}
              required
            />
          )}
        </Field>
      </div>
      <DocumentLines
        mode={mode}
        warehouseId={warehouseId}
        products={products}
        lines={lines}
        onChange={setLines}
        refusal={refusal}
      />
      {lineOfRefusal(lines, refusal, products) ? null : <RefusalMessage refusal={refusal} />}
      <div className="form-actions">
        <button
          type="submit"
          className={tone === 'danger' ? 'button-danger' : 'button-primary'}
          disabled={!ready || busy}
        >
          {busy ? 'Posting…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
