import { newId } from '../../../common/ids';
import { canApply, SERIAL_OPERATIONS, type SerialStatus } from '@serialgraph/domain';
import type { SerialRow } from '../../serial/serial.entity';
import {
  assertAvailable,
  movementOf,
  singleUnitLine,
  type Plan,
  type PlanDocument,
  type UnitChange,
} from './plan';

/** Repair intake: a sold unit comes in for service; it stays the customer's (IN_REPAIR). */
export async function planRepairIntake(req: {
  unit: SerialRow;
  warehouseId: string;
  note: string | null;
}): Promise<Plan> {
  const rule = SERIAL_OPERATIONS.REPAIR_INTAKE;
  await assertAvailable([req.unit], (u) => canApply('REPAIR_INTAKE', u.status));
  const change: UnitChange = {
    before: req.unit,
    set: { status: rule.to as SerialStatus, warehouseId: req.warehouseId },
  };
  const lineId = newId();
  return {
    header: { note: req.note, warehouseId: req.warehouseId, partyId: req.unit.customerId },
    lines: [singleUnitLine(lineId, req.unit)],
    newUnits: [],
    changes: [change],
    movements: [
      movementOf(change, { type: rule.movement, lineId, partyId: req.unit.customerId, note: req.note }),
    ],
    stock: [],
  };
}

export interface RepairReleaseRequest {
  unit: SerialRow;
  /** The unit from stock that goes to the customer instead, if any. */
  replacement: SerialRow | null;
  /** The intake document the release is based on. */
  intakeId: string | null;
  note: string | null;
}

/**
 * Repair release: the same unit goes back to its customer (repairCount + 1, warranty unchanged), or
 * a replacement unit from stock does: it takes over the remaining warranty, the two are linked
 * (`replaces` / `replacedBy`), and the swapped-out unit stays in storage ON_HOLD.
 */
export async function planRepairRelease(doc: PlanDocument, req: RepairReleaseRequest): Promise<Plan> {
  const { unit, replacement, note } = req;
  // One refusal names both when neither the unit nor its replacement qualifies. The swap happens at
  // the service desk: the replacement must be in stock where the unit is.
  await assertAvailable(replacement ? [unit, replacement] : [unit], (u) =>
    u === unit
      ? canApply('REPAIR_RELEASE', u.status)
      : canApply('REPLACEMENT_SHIP', u.status) && u.warehouseId === unit.warehouseId,
  );
  const header = { note, warehouseId: unit.warehouseId, partyId: unit.customerId, basedOnId: req.intakeId };
  const lineId = newId();
  const partyId = unit.customerId;
  if (!replacement) {
    const rule = SERIAL_OPERATIONS.REPAIR_RELEASE;
    const change: UnitChange = {
      before: unit,
      set: {
        status: rule.to as SerialStatus,
        warehouseId: null,
        shippedAt: doc.postedAt,
        repairCount: unit.repairCount + 1,
      },
    };
    return {
      header,
      lines: [singleUnitLine(lineId, unit)],
      newUnits: [],
      changes: [change],
      movements: [movementOf(change, { type: rule.movement, lineId, partyId, note })],
      stock: [],
    };
  }
  const out: UnitChange = {
    before: unit,
    set: {
      status: SERIAL_OPERATIONS.REPLACE_OUT.to as SerialStatus,
      replacedById: replacement.id,
      holdReason: note ?? 'Replaced in repair',
    },
  };
  const shipped: UnitChange = {
    before: replacement,
    set: {
      status: SERIAL_OPERATIONS.REPLACEMENT_SHIP.to as SerialStatus,
      warehouseId: null,
      customerId: unit.customerId,
      shippedAt: doc.postedAt,
      replacesId: unit.id,
      warrantyStartsAt: unit.warrantyStartsAt,
      warrantyEndsAt: unit.warrantyEndsAt,
      holdReason: null,
    },
  };
  const outLineId = newId();
  return {
    header,
    lines: [singleUnitLine(lineId, replacement, replacement.unitCost), singleUnitLine(outLineId, unit)],
    newUnits: [],
    changes: [out, shipped],
    movements: [
      movementOf(shipped, { type: SERIAL_OPERATIONS.REPLACEMENT_SHIP.movement, lineId, partyId, note }),
      movementOf(out, { type: SERIAL_OPERATIONS.REPLACE_OUT.movement, lineId: outLineId, partyId, note }),
    ],
    stock: [],
  };
}
