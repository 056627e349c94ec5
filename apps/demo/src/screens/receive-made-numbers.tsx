import { useState, type FormEvent } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  RECEIVE_MADE_NUMBERS,
  SERIAL_RESERVATION,
  type Product,
  type ReceiptWithNumbers,
  type StockLineInput,
} from '../api/operations';
import { RefusalMessage, toRefusal, type Refusal } from '../common/api-refusal';
import { Field, newIdempotencyKey } from '../common/fields';
import { formatDateTime } from '../common/labels';
import { LabelsAction } from '../common/labels-action';
import { PostedNotice } from '../common/posted-notice';

/** Where a receipt goes: the Receive screen's header fields. */
export interface ReceiptTarget {
  warehouseId: string;
  supplierId: string;
  reference: string;
  unitCost: string;
}

/** Posts a receipt of one line whose numbers the API makes; keeps the receipt or the refusal. */
function useMadeNumbersReceipt(target: ReceiptTarget) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [receipt, setReceipt] = useState<ReceiptWithNumbers | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const post = async (line: StockLineInput): Promise<boolean> => {
    setBusy(true);
    setRefusal(null);
    setReceipt(null);
    try {
      const result = await client.mutate({
        mutation: RECEIVE_MADE_NUMBERS,
        variables: {
          input: {
            warehouseId: target.warehouseId,
            supplierId: target.supplierId || undefined,
            reference: target.reference.trim() || undefined,
            idempotencyKey,
            lines: [{ ...line, unitCost: target.unitCost.trim() || undefined }],
          },
        },
      });
      setReceipt(result.data!.receiveStock);
      setIdempotencyKey(newIdempotencyKey());
      void client.refetchQueries({ include: 'active' });
      return true;
    } catch (error) {
      setRefusal(toRefusal(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { post, busy, refusal, receipt };
}

/** The receipt just posted: its number, the numbers it recorded, and their labels. */
export function MadeReceipt({ receipt }: { receipt: ReceiptWithNumbers }) {
  const numbers = receipt.lines.flatMap((l) => l.serials.map((s) => s.number));
  return (
    <div className="made-receipt">
      <PostedNotice document={receipt} />
      <p>
        Recorded {numbers.length} unit{numbers.length === 1 ? '' : 's'}:{' '}
        <span className="mono" data-testid="received-numbers">
          {numbers.length > 6 ? `${numbers[0]} … ${numbers[numbers.length - 1]}` : numbers.join(', ')}
        </span>
        .
      </p>
      <LabelsAction source={{ documentId: receipt.id }} name={receipt.number} />
    </div>
  );
}

/** "Generate numbers": receive k units numbered by the product's template in the receipt itself. */
export function GenerateNumbers({ product, target }: { product: Product; target: ReceiptTarget }) {
  const [count, setCount] = useState('1');
  const { post, busy, refusal, receipt } = useMadeNumbersReceipt(target);
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= 100_000;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (valid) await post({ productId: product.id, quantity: n, generate: n });
  };
  return (
    <section className="card" aria-label="Generate numbers">
      <h2 className="card-title">Generate numbers</h2>
      <p className="muted">
        Units without a serial of their own: the receipt numbers them from{' '}
        <span className="mono">{product.numberTemplate}</span>. Print their labels once it is posted.
      </p>
      <form className="form-grid" aria-label="Generate numbers" onSubmit={(e) => void submit(e)}>
        <Field label="Units to number" className="field-narrow">
          {(id) => (
            <input id={id} type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || !valid}>
            {busy ? 'Posting…' : valid ? `Generate and receive ${n}` : 'Generate and receive'}
          </button>
        </div>
      </form>
      <RefusalMessage refusal={refusal} />
      {receipt ? <MadeReceipt receipt={receipt} /> : null}
    </section>
  );
}

/** Receives the next numbers of a reservation (labels printed earlier), all of them by default. */
export function ReceiveReservation({
  reservationId,
  target,
  onClose,
}: {
  reservationId: string;
  target: ReceiptTarget;
  onClose: () => void;
}) {
  const { data, error, refetch } = useQuery(SERIAL_RESERVATION, { variables: { id: reservationId } });
  const reservation = data?.serialReservation ?? null;
  const left = reservation ? reservation.count - reservation.received : 0;
  const [count, setCount] = useState('');
  const { post, busy, refusal, receipt } = useMadeNumbersReceipt(target);
  const n = count === '' ? left : Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= left;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reservation || !valid) return;
    if (await post({ productId: reservation.product.id, quantity: n, reservationId: reservation.id })) {
      setCount('');
      void refetch();
    }
  };
  return (
    <section className="card" aria-label="Receive reserved numbers">
      <h2 className="card-title">Receive reserved numbers</h2>
      <RefusalMessage refusal={toRefusal(error)} />
      {data && !reservation ? <p className="muted">This reservation does not exist.</p> : null}
      {reservation ? (
        <>
          <p>
            <span className="mono">{reservation.firstNumber}</span> …{' '}
            <span className="mono">{reservation.lastNumber}</span> ({reservation.product.sku}):{' '}
            {reservation.received} of {reservation.count} received;{' '}
            {reservation.state === 'ACTIVE'
              ? `receivable until ${formatDateTime(reservation.expiresAt)}.`
              : reservation.state === 'CONSUMED'
                ? 'all received.'
                : 'expired: the numbers not received are void.'}
          </p>
          {reservation.state === 'ACTIVE' ? (
            <form
              className="form-grid"
              aria-label="Receive reserved numbers"
              onSubmit={(e) => void submit(e)}
            >
              <Field label="Units to receive" className="field-narrow" hint={`At most ${left}, in order.`}>
                {(id) => (
                  <input
                    id={id}
                    type="number"
                    min={1}
                    max={left}
                    value={count === '' ? String(left) : count}
                    onChange={(e) => setCount(e.target.value)}
                  />
                )}
              </Field>
              <div className="form-actions">
                <button type="submit" className="button-primary" disabled={busy || !valid}>
                  {busy ? 'Posting…' : valid ? `Receive ${n} reserved` : 'Receive reserved'}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
      <RefusalMessage refusal={refusal} />
      {receipt ? <MadeReceipt receipt={receipt} /> : null}
      <div className="form-actions">
        <button type="button" className="button-link" onClick={onClose}>
          Done with this reservation
        </button>
      </div>
    </section>
  );
}
