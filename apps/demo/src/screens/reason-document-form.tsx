import { useState, type FormEvent, type ReactNode } from 'react';
import type { PostedDocument, ReasonLinesInput } from '../api/operations';
import type { Refusal } from '../common/api-refusal';
import { Field, WarehouseSelect } from '../common/fields';
import { LinesAndSubmit, useLinesDraft } from '../common/lines-form';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { useLocation } from '../common/router';
import type { SavedOnDevice } from '../common/use-posting';

interface ReasonDocumentFormProps {
  /** Which units the pickers list: those this operation may move. */
  mode: 'HOLD' | 'RELEASE' | 'WRITE_OFF';
  header: ReactNode;
  submitLabel: string;
  reasonPlaceholder: string;
  tone?: 'danger';
  post: (input: ReasonLinesInput) => Promise<PostedDocument | SavedOnDevice | null>;
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
  const [reason, setReason] = useState('');
  const draft = useLinesDraft(products, query.get('warehouse') ?? '');

  const { warehouseId, stockLines, idempotencyKey } = draft;
  const ready = Boolean(warehouseId && reason.trim() && stockLines.length > 0);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    if (await post({ warehouseId, reason: reason.trim(), lines: stockLines, idempotencyKey })) {
      draft.reset();
      setReason('');
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
          onChange={draft.setWarehouseId}
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
      <LinesAndSubmit
        mode={mode}
        products={products}
        draft={draft}
        refusal={refusal}
        ready={ready}
        busy={busy}
        submitLabel={submitLabel}
        submitClassName={tone === 'danger' ? 'button-danger' : 'button-primary'}
      />
    </form>
  );
}
