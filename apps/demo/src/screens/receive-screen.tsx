import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ReceiveSerialsForm } from '@serialgraph/react';
import { RECEIVE_STOCK, type PostedDocument } from '../api/operations';
import { UnitDetailsPanel, useUnitDetails } from './receive-unit-details';
import { GenerateNumbers, ReceiveReservation, type ReceiptTarget } from './receive-made-numbers';
import { useReceiptSubmit } from './receive-submit';
import { RefusalMessage } from '../common/api-refusal';
import {
  Field,
  newIdempotencyKey,
  PartySelect,
  ProductSelect,
  ScreenHeader,
  WarehouseSelect,
} from '../common/fields';
import { LabelsAction } from '../common/labels-action';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { ReserveNumbers } from '../common/reserve-numbers';
import { useLocation } from '../common/router';
import { usePosting } from '../common/use-posting';

/** Receive: product, warehouse, supplier; serial products through ReceiveSerialsForm, the rest by quantity. */
export function ReceiveScreen() {
  const { products, warehouses, suppliers } = useReferenceData();
  // `?product=…&reservation=…`: "Receive these numbers" from a product's reservation.
  const { query } = useLocation();
  const [productId, setProductId] = useState(query.get('product') ?? '');
  const [reservationId, setReservationId] = useState(query.get('reservation') ?? '');
  const [warehouseId, setWarehouseId] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [reference, setReference] = useState('');
  // Serial products: one unit cost for whichever way the units are numbered (typed, generated, reserved).
  const [unitCost, setUnitCost] = useState('');
  const product = products.find((p) => p.id === productId);

  return (
    <div className="screen">
      <ScreenHeader
        title="Receive"
        intro="Record every unit's serial number as it arrives: scan, paste a list, or enter a range. Duplicates are stopped at the door. Products with a number template also number their units here: generated, or reserved first for labels."
      />
      <div className="card form-grid">
        <ProductSelect
          label="Product"
          options={products}
          value={productId}
          onChange={(id) => {
            setProductId(id);
            setReservationId('');
          }}
        />
        <WarehouseSelect
          label="Into warehouse"
          options={warehouses}
          value={warehouseId}
          onChange={setWarehouseId}
        />
        <PartySelect
          label="Supplier"
          options={suppliers}
          value={supplierId}
          onChange={setSupplierId}
          placeholder="(none)"
        />
        <Field label="Delivery note / invoice">
          {(id) => (
            <input
              id={id}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              placeholder="e.g. HSC-INV-2026-0520"
            />
          )}
        </Field>
        {product?.trackingMode === 'SERIAL' ? (
          <UnitCostField value={unitCost} onChange={setUnitCost} placeholder="129.90" />
        ) : null}
      </div>
      {!product || !warehouseId ? (
        <p className="muted card">Choose the product and the warehouse to start receiving.</p>
      ) : null}
      {product && warehouseId && product.trackingMode !== 'SERIAL' ? (
        <ReceiveQuantity
          key={product.id}
          productId={product.id}
          warehouseId={warehouseId}
          supplierId={supplierId}
          reference={reference}
        />
      ) : null}
      {product && warehouseId && product.trackingMode === 'SERIAL' ? (
        <ReceiveSerials
          key={`${product.id}:${warehouseId}`}
          productId={product.id}
          warehouseId={warehouseId}
          supplierId={supplierId}
          reference={reference}
          unitCost={unitCost}
          onProductScanned={(id) => {
            setProductId(id);
            setReservationId('');
          }}
          templateReceipts={
            product.numberTemplate
              ? (target) => (
                  <>
                    {reservationId ? (
                      <ReceiveReservation
                        key={reservationId}
                        reservationId={reservationId}
                        target={target}
                        onClose={() => setReservationId('')}
                      />
                    ) : (
                      <ReserveNumbers product={product} onReceive={(r) => setReservationId(r.id)} />
                    )}
                    <GenerateNumbers product={product} target={target} />
                  </>
                )
              : undefined
          }
        />
      ) : null}
    </div>
  );
}

/** The unit cost of what is received, as typed (a decimal string; empty for none). */
function UnitCostField({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}) {
  return (
    <Field label="Unit cost" className="field-narrow">
      {(id) => (
        <input
          id={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
        />
      )}
    </Field>
  );
}

/** Serial products: every unit's number through ReceiveSerialsForm (scan, paste, ranges, live verdicts). */
function ReceiveSerials(props: {
  productId: string;
  warehouseId: string;
  supplierId: string;
  reference: string;
  unitCost: string;
  /** A product barcode was scanned: receive that product instead. */
  onProductScanned: (productId: string) => void;
  /** Products with a number template: reserve, receive reserved or generated numbers (same unit cost). */
  templateReceipts?: (target: ReceiptTarget) => ReactNode;
}) {
  const [expected, setExpected] = useState('');
  const { unitCost } = props;
  const [posted, setPosted] = useState<PostedDocument | null>(null);
  const client = useApolloClient();
  const details = useUnitDetails(props);
  const submitReceipt = useReceiptSubmit(props, details);
  return (
    <>
      {props.templateReceipts?.(props)}
      <div className="card receive-card">
        {props.templateReceipts ? <h2 className="card-title">Units with serials of their own</h2> : null}
        <PostedNotice document={posted} onDismiss={() => setPosted(null)} />
        {posted ? <LabelsAction source={{ documentId: posted.id }} name={posted.number} /> : null}
        <div className="form-grid">
          <Field label="Expected quantity" className="field-narrow">
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                value={expected}
                onChange={(e) => setExpected(e.target.value)}
              />
            )}
          </Field>
        </div>
        <ReceiveSerialsForm
          productId={props.productId}
          warehouseId={props.warehouseId}
          supplierId={props.supplierId || undefined}
          reference={props.reference.trim() || undefined}
          expectedQuantity={Number(expected) > 0 ? Number(expected) : undefined}
          unitCost={unitCost.trim() || undefined}
          onSubmit={(serials) => submitReceipt(serials, unitCost)}
          onProductScanned={(product) => props.onProductScanned(product.id)}
          onReceived={(document) => {
            details.clear();
            setPosted({ id: document.id, number: document.number, type: document.type });
            void client.refetchQueries({ include: 'active' });
          }}
        />
        <UnitDetailsPanel details={details} />
      </div>
    </>
  );
}

/** Untracked products (cables): a quantity and a unit cost, no serials. */
function ReceiveQuantity({
  productId,
  warehouseId,
  supplierId,
  reference,
}: {
  productId: string;
  warehouseId: string;
  supplierId: string;
  reference: string;
}) {
  const [quantity, setQuantity] = useState(1);
  const [unitCost, setUnitCost] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { post, busy, refusal, posted, clearPosted } = usePosting(RECEIVE_STOCK, (d) => d.receiveStock);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const line = { productId, quantity, unitCost: unitCost.trim() || undefined };
    const input = {
      warehouseId,
      supplierId: supplierId || undefined,
      reference: reference.trim() || undefined,
      lines: [line],
      idempotencyKey,
    };
    if (await post({ input })) setIdempotencyKey(newIdempotencyKey());
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <p className="muted">This product is not serial-tracked: only the quantity is kept, per warehouse.</p>
      <div className="form-grid">
        <Field label="Quantity" className="field-narrow">
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              value={quantity}
              onChange={(e) => setQuantity(Number(e.target.value))}
            />
          )}
        </Field>
        <UnitCostField value={unitCost} onChange={setUnitCost} placeholder="4.50" />
      </div>
      <RefusalMessage refusal={refusal} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || quantity < 1}>
          {busy ? 'Posting…' : `Receive ${quantity}`}
        </button>
      </div>
    </form>
  );
}
