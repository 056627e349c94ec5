import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { SerialLabels } from '@serialgraph/react';
import { RESERVE_SERIALS, type Product, type SerialReservation } from '../api/operations';
import { RefusalMessage, toRefusal } from './api-refusal';
import { Field, newIdempotencyKey } from './fields';
import { formatDateTime } from './labels';
import { LabelsAction } from './labels-action';
import { href, Link } from './router';

/** /labels prints at most this many labels per request (the API's TOO_MANY_LABELS limit). */
export const LABELS_PER_PRINT = 500;
/** Numbers listed on screen (and labels previewed: one A4 sheet); the rest are counted. */
const SHOWN = 24;

/**
 * "Reserve numbers": takes the next `count` numbers of the product's template for this clerk alone
 * (never handed out again, even unused), lists them and prints their labels, to stick on the units
 * before they are received. `onReceive` receives them on the same screen; without it, a link opens
 * Receive with the reservation.
 */
export function ReserveNumbers({
  product,
  onReceive,
}: {
  product: Product;
  onReceive?: (reservation: SerialReservation) => void;
}) {
  const [count, setCount] = useState('10');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [reserve, { data, loading, error }] = useMutation(RESERVE_SERIALS);
  const reservation = data?.reserveSerials ?? null;
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= 10_000;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    try {
      // The same key on a retry returns the same numbers instead of reserving more.
      await reserve({ variables: { productId: product.id, count: n, idempotencyKey } });
      setIdempotencyKey(newIdempotencyKey());
    } catch {
      // Shown by RefusalMessage from the mutation's error.
    }
  };

  return (
    <section className="card reserve-numbers" aria-label="Reserve numbers">
      <h2 className="card-title">Reserve numbers</h2>
      <p className="muted">
        Take the next numbers of <span className="mono">{product.numberTemplate}</span> now, print their
        labels and stick them on the units; receive them when the units are in. Reserved numbers are never
        handed out again, even if they are not used.
      </p>
      <form className="form-grid" aria-label="Reserve numbers" onSubmit={(e) => void submit(e)}>
        <Field label="How many numbers" className="field-narrow">
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={10_000}
              value={count}
              onChange={(e) => setCount(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={loading || !valid}>
            {loading ? 'Reserving…' : 'Reserve numbers'}
          </button>
        </div>
      </form>
      <RefusalMessage refusal={toRefusal(error)} />
      {reservation ? <ReservedNumbers reservation={reservation} onReceive={onReceive} /> : null}
    </section>
  );
}

/** A reservation just made: its numbers, their labels, and the way to receive them. */
function ReservedNumbers({
  reservation,
  onReceive,
}: {
  reservation: SerialReservation;
  onReceive?: (reservation: SerialReservation) => void;
}) {
  const { numbers } = reservation;
  const printable = numbers.slice(0, LABELS_PER_PRINT);
  return (
    <div className="reserved" data-reservation={reservation.id}>
      <div className="notice notice-success" role="status">
        <span>
          Reserved {reservation.count} number{reservation.count === 1 ? '' : 's'}:{' '}
          <span className="mono">{reservation.firstNumber}</span>
          {reservation.count > 1 ? (
            <>
              {' '}
              … <span className="mono">{reservation.lastNumber}</span>
            </>
          ) : null}
          , receivable until {formatDateTime(reservation.expiresAt)}.
        </span>
      </div>
      <ol className="reserved-numbers mono" aria-label="Reserved numbers">
        {numbers.slice(0, SHOWN).map((number) => (
          <li key={number}>{number}</li>
        ))}
      </ol>
      {numbers.length > SHOWN ? <p className="muted">and {numbers.length - SHOWN} more.</p> : null}
      {numbers.length > LABELS_PER_PRINT ? (
        <p className="muted">
          Labels print {LABELS_PER_PRINT} at a time: these are for the first {LABELS_PER_PRINT} numbers.
        </p>
      ) : null}
      <LabelsAction
        source={{ productId: reservation.product.id, numbers: printable }}
        name={`reserved ${reservation.firstNumber}`}
        preview={({ symbology, sheet }) => (
          <SerialLabels
            numbers={numbers.slice(0, SHOWN)}
            productName={reservation.product.name}
            date={reservation.createdAt.slice(0, 10)}
            symbology={symbology}
            sheet={sheet}
          />
        )}
      />
      <div className="form-actions">
        {onReceive ? (
          <button type="button" className="button-primary" onClick={() => onReceive(reservation)}>
            Receive these numbers
          </button>
        ) : (
          <Link
            className="button button-primary"
            to={href('/receive', { product: reservation.product.id, reservation: reservation.id })}
          >
            Receive these numbers
          </Link>
        )}
      </div>
    </div>
  );
}
