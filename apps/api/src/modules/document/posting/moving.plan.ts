import {
  canApply,
  SERIAL_OPERATIONS,
  targetStatus,
  warrantyFromSale,
  type SerialOperation,
} from '@serialgraph/domain';
import type { SerialRow } from '../../serial/serial.entity';
import { costTotals } from './decimal';
import {
  assertAllFound,
  assertAvailable,
  movementOf,
  type Plan,
  type PlanDocument,
  type PlannedLine,
  type UnitChange,
} from './plan';
import { untrackedStock, type CheckedLine } from './stock-lines';
import type { LockedUnit } from './unit-locks';

export type MoveOperation = Extract<SerialOperation, 'SHIP' | 'TRANSFER' | 'WRITE_OFF' | 'HOLD' | 'RELEASE'>;

export interface MoveRequest {
  operation: MoveOperation;
  /** Where the units must be now. */
  warehouse: { id: string; code: string };
  /** TRANSFER: where they go. */
  toWarehouse?: { id: string; code: string };
  /** SHIP: the customer. */
  customerId?: string;
  reference?: string | null;
  /** Recorded on the document and every movement (a reason, a note). */
  note: string | null;
  lines: readonly CheckedLine[];
  /** The units the lines name, locked, in input order; `missing`: numbers not recorded. */
  units: readonly LockedUnit[];
  missing: readonly string[];
}

/**
 * Moves existing units that sit in one warehouse (shipment, transfer, write-off, hold, release):
 * refuse any that are missing or not available for the operation, take untracked quantities (and
 * add them at a transfer's destination), then the new unit states and one movement each.
 */
export function planMove(doc: PlanDocument, req: MoveRequest): Plan {
  const op = req.operation;
  assertAllFound(req.missing);
  assertAvailable(req.units, (u) => u.warehouseId === req.warehouse.id && canApply(op, u.status));
  const lineById = new Map(req.lines.map((l) => [l.lineId, l]));
  const changes: UnitChange[] = req.units.map((before) => {
    const after: SerialRow = { ...before, status: targetStatus(op, before.status) };
    switch (op) {
      case 'SHIP': {
        const warranty = warrantyFromSale(doc.postedAt, lineById.get(before.lineId!)!.product.warrantyMonths);
        after.warehouseId = null;
        after.customerId = req.customerId!;
        after.shippedAt = doc.postedAt;
        after.lastShipmentId = doc.documentId;
        after.warrantyStartsAt = warranty?.startsAt ?? null;
        after.warrantyEndsAt = warranty?.endsAt ?? null;
        after.holdReason = null;
        break;
      }
      case 'TRANSFER':
        after.warehouseId = req.toWarehouse!.id;
        break;
      case 'WRITE_OFF':
        after.warehouseId = null;
        after.holdReason = null;
        break;
      case 'HOLD':
        after.holdReason = req.note;
        break;
      case 'RELEASE':
        after.holdReason = null;
        break;
    }
    return { before, after };
  });
  const movement = SERIAL_OPERATIONS[op].movement;
  return {
    header: {
      reference: req.reference,
      note: req.note,
      warehouseId: req.warehouse.id,
      toWarehouseId: req.toWarehouse?.id ?? null,
      partyId: req.customerId ?? null,
    },
    lines: linesFromUnits(req.lines, req.units),
    newUnits: [],
    changes,
    movements: changes.map((c, i) =>
      movementOf(c, {
        type: movement,
        lineId: req.units[i]!.lineId,
        partyId: req.customerId ?? null,
        note: req.note,
      }),
    ),
    stock: [
      ...untrackedStock(req.lines, req.warehouse, -1),
      ...(req.toWarehouse ? untrackedStock(req.lines, req.toWarehouse, 1) : []),
    ],
  };
}

/** Document lines for units moved per line: cost per unit (average) and the line's total (the sum). */
export function linesFromUnits(lines: readonly CheckedLine[], units: readonly LockedUnit[]): PlannedLine[] {
  const costs = new Map<string, (string | null)[]>(lines.map((l) => [l.lineId, []]));
  for (const u of units) if (u.lineId) costs.get(u.lineId)?.push(u.unitCost);
  return lines.map((l) => {
    const { total, average } = l.tracked ? costTotals(costs.get(l.lineId)!) : { total: null, average: null };
    return {
      id: l.lineId,
      productId: l.product.id,
      quantity: l.quantity,
      unitCost: average,
      totalCost: total,
    };
  });
}
