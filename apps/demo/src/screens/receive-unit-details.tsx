import { useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { serialKey } from '@serialgraph/domain';
import type { ReceivedDocument } from '@serialgraph/react';
import { RECEIVE_UNITS, type ReceiveUnitInput } from '../api/operations';
import { newIdempotencyKey } from '../common/fields';

/** One row of the panel: a serial of the list, its internal code, and whether its label is unclear. */
interface UnitDetail {
  id: number;
  serial: string;
  internalCode: string;
  unclear: boolean;
  reason: string;
}

/**
 * Per-unit details on the Receive screen: an internal code (asset tag) beside the real serial, or
 * "unclear label" with a reason (the unit arrives ON_HOLD, in the same receipt). When any row is
 * filled the screen posts the receipt itself with `units`; otherwise ReceiveSerialsForm posts it.
 */
export function useUnitDetails(props: {
  productId: string;
  warehouseId: string;
  supplierId: string;
  reference: string;
}) {
  const client = useApolloClient();
  const [rows, setRows] = useState<UnitDetail[]>([]);
  const [nextId, setNextId] = useState(1);
  const filled = rows.filter((r) => r.serial.trim() && (r.internalCode.trim() || r.unclear));
  const add = () => {
    setRows((previous) => [
      ...previous,
      { id: nextId, serial: '', internalCode: '', unclear: false, reason: '' },
    ]);
    setNextId((n) => n + 1);
  };
  const update = (id: number, change: Partial<UnitDetail>) =>
    setRows((previous) => previous.map((r) => (r.id === id ? { ...r, ...change } : r)));
  const remove = (id: number) => setRows((previous) => previous.filter((r) => r.id !== id));

  /** Posts the form's serials, the detailed ones as `units`; a refusal is rethrown for the form to map onto its rows. */
  const submit = async (serials: string[], unitCost: string): Promise<ReceivedDocument> => {
    const byKey = new Map(filled.map((r) => [serialKey(r.serial.trim()), r]));
    const missing = filled.filter((r) => !serials.some((s) => serialKey(s) === serialKey(r.serial.trim())));
    if (missing.length) {
      throw new Error(
        `Add ${missing.map((r) => r.serial.trim()).join(', ')} to the list, or remove its details.`,
      );
    }
    const plain: string[] = [];
    const units: ReceiveUnitInput[] = [];
    for (const serial of serials) {
      const detail = byKey.get(serialKey(serial));
      if (!detail) plain.push(serial);
      else
        units.push({
          serial,
          internalCode: detail.internalCode.trim() || undefined,
          holdReason: detail.unclear ? detail.reason.trim() || 'Label unclear' : undefined,
        });
    }
    const result = await client.mutate({
      mutation: RECEIVE_UNITS,
      variables: {
        input: {
          warehouseId: props.warehouseId,
          supplierId: props.supplierId || undefined,
          reference: props.reference.trim() || undefined,
          idempotencyKey: newIdempotencyKey(),
          lines: [
            {
              productId: props.productId,
              quantity: serials.length,
              serials: plain,
              units,
              unitCost: unitCost.trim() || undefined,
            },
          ],
        },
      },
    });
    return result.data!.receiveStock;
  };

  return { rows, add, update, remove, submit, active: filled.length > 0, clear: () => setRows([]) };
}

export type UnitDetails = ReturnType<typeof useUnitDetails>;

/** The panel under the form: one row per unit that gets an internal code or is held as unclear. */
export function UnitDetailsPanel({ details }: { details: UnitDetails }) {
  return (
    <section className="unit-details" aria-label="Unit details">
      <h3>Internal codes and unclear labels</h3>
      <p className="muted">
        Give a unit your own code (asset tag) beside its real serial, or mark its label unclear: it arrives on
        hold with your reason, in the same receipt; correct its number and release it later.
      </p>
      {details.rows.length > 0 ? (
        <table className="unit-details-table">
          <thead>
            <tr>
              <th>Serial (as in the list)</th>
              <th>Internal code</th>
              <th>Unclear label</th>
              <th>Reason</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {details.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <input
                    aria-label="Serial"
                    className="mono"
                    value={r.serial}
                    onChange={(e) => details.update(r.id, { serial: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Internal code of ${r.serial || 'this unit'}`}
                    className="mono"
                    value={r.internalCode}
                    placeholder="TOOL-2026-000045"
                    onChange={(e) => details.update(r.id, { internalCode: e.target.value })}
                  />
                </td>
                <td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={r.unclear}
                      onChange={(e) => details.update(r.id, { unclear: e.target.checked })}
                    />
                    <span>Hold</span>
                  </label>
                </td>
                <td>
                  <input
                    aria-label={`Why the label of ${r.serial || 'this unit'} is unclear`}
                    value={r.reason}
                    disabled={!r.unclear}
                    placeholder="Smudged: 8 or B?"
                    onChange={(e) => details.update(r.id, { reason: e.target.value })}
                  />
                </td>
                <td>
                  <button type="button" onClick={() => details.remove(r.id)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" onClick={details.add}>
        Add unit details
      </button>
    </section>
  );
}
