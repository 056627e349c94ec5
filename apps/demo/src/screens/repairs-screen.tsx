import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { getOperationAST } from 'graphql';
import { SerialPicker, type PickedSerial } from '@serialgraph/react';
import {
  INTAKE_REPAIR,
  LOOKUP_SERIAL,
  RELEASE_REPAIR,
  SERIALS_REPORT,
  type PostedDocument,
  type SerialRow,
} from '../api/operations';
import { RefusalMessage } from '../common/api-refusal';
import { Field, newIdempotencyKey, ScreenHeader, WarehouseSelect } from '../common/fields';
import { formatDate } from '../common/labels';
import { offlineQueue } from '../common/offline-queue';
import { PostedNotice } from '../common/posted-notice';
import { useReferenceData } from '../common/reference-data';
import { href, Link, navigate, useLocation } from '../common/router';
import { StatusPill } from '../common/status-pill';
import { usePosting } from '../common/use-posting';

/** Repair intake: a customer's unit (shipped) comes in; the serial number is the case id. */
function IntakePanel({ initialNumber }: { initialNumber: string }) {
  const { warehouses } = useReferenceData();
  const [draft, setDraft] = useState(initialNumber);
  const [number, setNumber] = useState(initialNumber);
  const [warehouseId, setWarehouseId] = useState('');
  const [note, setNote] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { data } = useQuery(LOOKUP_SERIAL, { variables: { number }, skip: !number });
  const unit = data?.lookupSerial[0];
  const { post, busy, refusal, posted, clearPosted } = usePosting(INTAKE_REPAIR, (d) => d.intakeRepair);
  const warehouse = warehouseId || warehouses.find((w) => w.code === 'MAIN')?.id || warehouses[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!unit || !warehouse) return;
    const input = {
      serialId: unit.id,
      warehouseId: warehouse,
      note: note.trim() || undefined,
      idempotencyKey,
    };
    // Posted, or saved on this device when the API cannot be reached (the shell shows it): next case.
    if (await post({ input }, { offlineSerials: [unit.number] })) {
      setDraft('');
      setNumber('');
      setNote('');
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="intake-title">
      <h2 className="card-title" id="intake-title">
        Take in for repair
      </h2>
      <PostedNotice document={posted} onDismiss={clearPosted} />
      <div className="form-grid">
        <Field
          label="Serial number"
          hint={
            unit ? (
              <UnitHint unit={unit} />
            ) : number && data ? (
              'No unit has this number.'
            ) : (
              'Scan it, then press Enter.'
            )
          }
        >
          {(id) => (
            <input
              id={id}
              className="mono"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setNumber(draft.trim());
                }
              }}
              onBlur={() => setNumber(draft.trim())}
              placeholder="device-00123"
            />
          )}
        </Field>
        <WarehouseSelect
          label="Repair desk at"
          options={warehouses}
          value={warehouse}
          onChange={setWarehouseId}
        />
        <Field label="Problem" className="field-wide">
          {(id) => (
            <input
              id={id}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. Cracked screen"
            />
          )}
        </Field>
      </div>
      <RefusalMessage refusal={refusal} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!unit || busy}>
          {busy ? 'Posting…' : 'Take in'}
        </button>
      </div>
    </form>
  );
}

function UnitHint({
  unit,
}: {
  unit: {
    status: SerialRow['status'];
    customer: { name: string } | null;
    warranty: { active: boolean; endsAt: string } | null;
    repairCount: number;
    product: { sku: string };
  };
}) {
  return (
    <span>
      {unit.product.sku} <StatusPill status={unit.status} /> {unit.customer ? `at ${unit.customer.name}` : ''}
      {unit.warranty
        ? ` · warranty ${unit.warranty.active ? 'until' : 'expired'} ${formatDate(unit.warranty.endsAt)}`
        : ''}
      {unit.repairCount ? ` · repaired ${unit.repairCount}× before` : ''}
    </span>
  );
}

/** Repair release: the same unit goes back to its customer, or a replacement from stock goes instead. */
function ReleasePanel({ unit, onDone }: { unit: SerialRow; onDone: (posted?: PostedDocument) => void }) {
  const [swap, setSwap] = useState(false);
  const [replacement, setReplacement] = useState<PickedSerial[]>([]);
  const [note, setNote] = useState('');
  // One key per release panel: a retry of the same release never posts twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { post, busy, refusal } = usePosting(RELEASE_REPAIR, (d) => d.releaseRepair);
  const ready = !swap || replacement.length === 1;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const input = {
      serialId: unit.id,
      replacementSerialId: swap ? replacement[0]?.id : undefined,
      note: note.trim() || undefined,
      idempotencyKey,
    };
    const numbers = [unit.number, ...(swap && replacement[0] ? [replacement[0].number] : [])];
    const posted = await post({ input }, { offlineSerials: numbers });
    // Saved on this device: the shell shows it waiting, and the list marks the unit.
    if (posted) onDone('savedOnDevice' in posted ? undefined : posted);
  };
  return (
    <form className="release-panel" onSubmit={(e) => void submit(e)} aria-label={`Release ${unit.number}`}>
      <fieldset className="field radio-group">
        <legend>What goes back to {unit.customer?.name ?? 'the customer'}?</legend>
        <label>
          <input type="radio" name={`swap-${unit.id}`} checked={!swap} onChange={() => setSwap(false)} />
          The same unit, repaired
        </label>
        <label>
          <input type="radio" name={`swap-${unit.id}`} checked={swap} onChange={() => setSwap(true)} />A
          replacement from stock (the broken one stays with us, on hold)
        </label>
      </fieldset>
      {swap && unit.warehouse ? (
        <SerialPicker
          mode="SHIP"
          productId={unit.product.id}
          warehouseId={unit.warehouse.id}
          max={1}
          value={replacement}
          onChange={setReplacement}
        />
      ) : null}
      <Field label="Note" className="field-wide">
        {(id) => (
          <input
            id={id}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={swap ? 'e.g. Swapped under warranty' : 'e.g. Screen replaced'}
          />
        )}
      </Field>
      <RefusalMessage refusal={refusal} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!ready || busy}>
          {busy ? 'Posting…' : swap ? 'Send the replacement' : 'Send it back'}
        </button>
        <button type="button" className="button-quiet" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const RELEASE_OPERATION = getOperationAST(RELEASE_REPAIR)?.name?.value;

/** Units whose repair release waits on this device to be sent (not refused): not released twice. */
function useReleasesWaiting(): Set<string> {
  const saved = useSyncExternalStore(offlineQueue.subscribe, offlineQueue.snapshot);
  return new Set(
    saved
      .filter((entry) => !entry.refusal && entry.operationName === RELEASE_OPERATION)
      .map((entry) => (entry.variables.input as { serialId?: string } | undefined)?.serialId ?? ''),
  );
}

/** Repairs: intake of a customer's unit, and the units in repair with their release. */
export function RepairsScreen() {
  const { query } = useLocation();
  const releasing = query.get('release');
  const { data, loading } = useQuery(SERIALS_REPORT, {
    variables: { filter: { statuses: ['IN_REPAIR'] }, first: 100 },
  });
  const units = data?.serials.edges.map((e) => e.node) ?? [];
  const [released, setReleased] = useState<PostedDocument | null>(null);
  const releaseWaiting = useReleasesWaiting();
  return (
    <div className="screen">
      <ScreenHeader
        title="Repairs"
        intro="The serial number is the case id: the unit comes in, and the same unit or a replacement goes back."
      />
      <IntakePanel key={query.get('intake') ?? ''} initialNumber={query.get('intake') ?? ''} />
      <div className="card">
        <h2 className="card-title">In repair</h2>
        <PostedNotice document={released} onDismiss={() => setReleased(null)} />
        {loading && !data ? <p className="muted">Loading…</p> : null}
        {data && units.length === 0 ? <p className="muted">No unit is in repair.</p> : null}
        <ul className="repair-list">
          {units.map((unit) => (
            <li key={unit.id} className="repair-item">
              <div className="repair-row">
                <Link to={`/serials/${unit.id}`} className="mono">
                  {unit.number}
                </Link>
                <span>{unit.product.sku}</span>
                <span>{unit.customer?.name ?? '—'}</span>
                <span className="muted">
                  {unit.warranty
                    ? `warranty ${unit.warranty.active ? 'until' : 'expired'} ${formatDate(unit.warranty.endsAt)}`
                    : ''}
                </span>
                {releaseWaiting.has(unit.id) ? (
                  <span className="muted">Release saved on this device, will be sent</span>
                ) : releasing !== unit.id ? (
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => navigate(href('/repairs', { release: unit.id }), { replace: true })}
                  >
                    Release…
                  </button>
                ) : null}
              </div>
              {releasing === unit.id ? (
                <ReleasePanel
                  unit={unit}
                  onDone={(posted) => {
                    setReleased(posted ?? null);
                    navigate('/repairs', { replace: true });
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
