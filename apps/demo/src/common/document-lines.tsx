import { SerialPicker, type PickedSerial, type SerialPickerMode } from '@serialgraph/react';
import type { Product, StockLineInput } from '../api/operations';
import { namesSerial, RefusalMessage, type Refusal } from './api-refusal';
import { Field, ProductSelect } from './fields';

/** One line of a document being edited: a product and either picked units or a quantity. */
export interface DraftLine {
  key: string;
  productId: string;
  picked: PickedSerial[];
  quantity: number;
}

let nextKey = 0;
/** A new line, optionally for a product with units already picked (e.g. from the Scan screen). */
export function draftLine(productId = '', picked: PickedSerial[] = []): DraftLine {
  nextKey += 1;
  return { key: `line-${nextKey}`, productId, picked, quantity: picked.length || 1 };
}

/** The API input of the lines (serial products: the picked numbers; others: the quantity). Empty lines are dropped. */
export function toStockLines(lines: DraftLine[], products: Product[]): StockLineInput[] {
  return lines.flatMap((line) => {
    const product = products.find((p) => p.id === line.productId);
    if (!product) return [];
    if (product.trackingMode === 'SERIAL') {
      if (line.picked.length === 0) return [];
      return [
        { productId: product.id, quantity: line.picked.length, serials: line.picked.map((s) => s.number) },
      ];
    }
    return line.quantity > 0 ? [{ productId: product.id, quantity: line.quantity }] : [];
  });
}

/** The line a refusal is about: the first whose picked units it names, or whose product it names (untracked stock). */
export function lineOfRefusal(
  lines: DraftLine[],
  refusal: Refusal | null,
  products: Product[],
): string | undefined {
  if (!refusal) return undefined;
  const bySerial = lines.find((line) => line.picked.some((s) => namesSerial(refusal, s.number)));
  if (bySerial) return bySerial.key;
  const sku = (line: DraftLine) => products.find((p) => p.id === line.productId)?.sku;
  return lines.find((line) => refusal.skus.includes(sku(line) ?? ''))?.key;
}

interface DocumentLinesProps {
  /** Which units the pickers list: SHIP (available), TRANSFER (available and held). */
  mode: Exclude<SerialPickerMode, 'RETURN'>;
  warehouseId: string;
  products: Product[];
  lines: DraftLine[];
  onChange: (lines: DraftLine[]) => void;
  /** The last refusal; shown on the line whose units it names. */
  refusal: Refusal | null;
}

/** The lines of a shipment, transfer, write-off or hold: SerialPicker for serial products, a quantity for the rest. */
export function DocumentLines({ mode, warehouseId, products, lines, onChange, refusal }: DocumentLinesProps) {
  const refusedLine = lineOfRefusal(lines, refusal, products);
  const update = (key: string, patch: Partial<DraftLine>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <div className="lines">
      {lines.map((line, index) => {
        const product = products.find((p) => p.id === line.productId);
        return (
          <section
            key={line.key}
            className="line card"
            aria-label={`Line ${index + 1}`}
            data-refused={refusedLine === line.key || undefined}
          >
            <div className="line-head">
              <ProductSelect
                label={`Line ${index + 1}: product`}
                options={products}
                value={line.productId}
                onChange={(productId) => update(line.key, { productId, picked: [] })}
              />
              {product && product.trackingMode !== 'SERIAL' ? (
                <Field label="Quantity" className="field-narrow">
                  {(id) => (
                    <input
                      id={id}
                      type="number"
                      min={1}
                      value={line.quantity}
                      onChange={(e) => update(line.key, { quantity: Math.max(0, Number(e.target.value)) })}
                    />
                  )}
                </Field>
              ) : null}
              {product?.trackingMode === 'SERIAL' ? (
                <div className="line-count">{line.picked.length} picked</div>
              ) : null}
              {lines.length > 1 ? (
                <button
                  type="button"
                  className="button-quiet"
                  onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                >
                  Remove line
                </button>
              ) : null}
            </div>
            {refusedLine === line.key ? <RefusalMessage refusal={refusal} /> : null}
            {product?.trackingMode === 'SERIAL' ? (
              warehouseId ? (
                <SerialPicker
                  key={`${product.id}:${warehouseId}`}
                  mode={mode}
                  productId={product.id}
                  warehouseId={warehouseId}
                  value={line.picked}
                  onChange={(picked) => update(line.key, { picked })}
                  onProductScanned={(scanned) => {
                    // A product barcode adds a line for that product (once); its units are scanned there.
                    if (!lines.some((l) => l.productId === scanned.id))
                      onChange([...lines, draftLine(scanned.id)]);
                  }}
                />
              ) : (
                <p className="muted">Choose the warehouse to list its units.</p>
              )
            ) : null}
          </section>
        );
      })}
      <button type="button" className="button-secondary" onClick={() => onChange([...lines, draftLine()])}>
        + Add a line
      </button>
    </div>
  );
}
