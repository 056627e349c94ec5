import { useState, type ComponentProps } from 'react';
import type { Product } from '../api/operations';
import { RefusalMessage, type Refusal } from './api-refusal';
import { DocumentLines, draftLine, lineOfRefusal, toStockLines, type DraftLine } from './document-lines';
import { newIdempotencyKey } from './fields';
import { useLocation } from './router';
import { readSerialParam } from './serial-view';

/**
 * The warehouse and lines of a shipment, transfer, write-off or hold being edited, with its
 * idempotency key. The first line comes preset from `?product=` and `?serial=` (a unit sent here
 * from Scan); the warehouse from `initialWarehouseId` (none by default).
 */
export function useLinesDraft(products: Product[], initialWarehouseId = '') {
  const { query } = useLocation();
  const [warehouseId, setWarehouseId] = useState(initialWarehouseId);
  const [lines, setLines] = useState<DraftLine[]>(() => {
    const preset = readSerialParam(query.get('serial'));
    return [draftLine(query.get('product') ?? '', preset ? [preset] : [])];
  });
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  return {
    /** The warehouse the units are picked in. */
    warehouseId,
    /** Picked units belong to the warehouse they were picked in: another warehouse drops them. */
    setWarehouseId: (id: string) => {
      setWarehouseId(id);
      setLines((ls) => ls.map((l) => ({ ...l, picked: [] })));
    },
    lines,
    setLines,
    /** The lines as the API takes them; empty ones dropped. */
    stockLines: toStockLines(lines, products),
    idempotencyKey,
    /** After a post: one empty line and a new key for the next document. */
    reset: () => {
      setLines([draftLine()]);
      setIdempotencyKey(newIdempotencyKey());
    },
  };
}

/** The end of a lines form: the lines, a refusal no line names, and the submit button. */
export function LinesAndSubmit({
  mode,
  products,
  draft,
  refusal,
  ready,
  busy,
  submitLabel,
  submitClassName = 'button-primary',
}: {
  mode: ComponentProps<typeof DocumentLines>['mode'];
  products: Product[];
  draft: ReturnType<typeof useLinesDraft>;
  refusal: Refusal | null;
  /** Whether the form is complete enough to post. */
  ready: boolean;
  busy: boolean;
  submitLabel: string;
  /** The submit button's class; `button-primary` by default. */
  submitClassName?: string;
}) {
  return (
    <>
      <DocumentLines
        mode={mode}
        warehouseId={draft.warehouseId}
        products={products}
        lines={draft.lines}
        onChange={draft.setLines}
        refusal={refusal}
      />
      {lineOfRefusal(draft.lines, refusal, products) ? null : <RefusalMessage refusal={refusal} />}
      <div className="form-actions">
        <button type="submit" className={submitClassName} disabled={!ready || busy}>
          {busy ? 'Posting…' : submitLabel}
        </button>
      </div>
    </>
  );
}
