import { newId } from '../../../common/ids';
import { internalCodesTaken, SERIAL_OPERATIONS } from '@serialgraph/domain';
import { badInput } from '../../../common/errors';
import type { SerialRow } from '../../serial/serial.entity';
import { movementOf, singleUnitLine, type Plan, type UnitChange } from './plan';

export interface InternalCodeChangeRequest {
  unit: SerialRow;
  /** Normalized new code; null clears it. */
  internalCode: string | null;
  /** Another unit of the organization already carries the code (case-insensitively). */
  clash: boolean;
  reason: string;
}

/**
 * A unit's internal code changes only through a recorded movement: a SERIAL_CORRECTION document
 * whose INTERNAL_CODE_CHANGED movement keeps the previous code, status and place unchanged.
 */
export function planInternalCodeChange(req: InternalCodeChangeRequest): Plan {
  const { unit, internalCode } = req;
  if ((unit.internalCode ?? null) === internalCode)
    throw badInput(`${unit.number} already has that internal code.`, { field: 'internalCode' });
  if (req.clash && internalCode) throw internalCodesTaken([internalCode]);
  const change: UnitChange = { before: unit, set: { internalCode } };
  const lineId = newId();
  return {
    header: { note: req.reason, warehouseId: unit.warehouseId, partyId: null },
    lines: [singleUnitLine(lineId, unit)],
    newUnits: [],
    changes: [change],
    movements: [
      movementOf(change, {
        type: SERIAL_OPERATIONS.CHANGE_INTERNAL_CODE.movement,
        lineId,
        partyId: null,
        note: req.reason,
        previousInternalCode: unit.internalCode,
      }),
    ],
    stock: [],
  };
}
