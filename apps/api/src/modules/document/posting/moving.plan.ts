import {
  canApply,
  SERIAL_OPERATIONS,
  warrantyFromSale,
  type SerialOperation,
  type SerialStatus,
} from '@serialgraph/domain';
import { eachInSlices, mapInSlices } from '../../../common/slices';
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
export async function planMove(doc: PlanDocument, req: MoveRequest): Promise<Plan> {
  const op = req.operation;
  assertAllFound(req.missing);
  await assertAvailable(req.units, (u) => u.warehouseId === req.warehouse.id && canApply(op, u.status));
  const sets = new Map(req.lines.map((l) => [l.lineId, fieldsSet(op, req, doc, l)]));
  const changes: UnitChange[] = await mapInSlices(req.units, (before) => ({
    before,
    set: sets.get(before.lineId!)!,
  }));
  const movement = SERIAL_OPERATIONS[op].movement;
  return {
    header: {
      reference: req.reference,
      note: req.note,
      warehouseId: req.warehouse.id,
      toWarehouseId: req.toWarehouse?.id ?? null,
      partyId: req.customerId ?? null,
    },
    lines: await linesFromUnits(req.lines, req.units),
    newUnits: [],
    changes,
    movements: await mapInSlices(changes, (c, i) =>
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

/** The fields an operation sets on every unit of one line (the same object for all of them). */
function fieldsSet(
  op: MoveOperation,
  req: MoveRequest,
  doc: PlanDocument,
  line: CheckedLine,
): UnitChange['set'] {
  const to = SERIAL_OPERATIONS[op].to;
  const status = to === 'SAME' ? {} : { status: to as SerialStatus };
  switch (op) {
    case 'SHIP': {
      // The warranty depends on the product and the sale date only.
      const warranty = warrantyFromSale(doc.postedAt, line.product.warrantyMonths);
      return {
        ...status,
        warehouseId: null,
        customerId: req.customerId!,
        shippedAt: doc.postedAt,
        lastShipmentId: doc.documentId,
        warrantyStartsAt: warranty?.startsAt ?? null,
        warrantyEndsAt: warranty?.endsAt ?? null,
        holdReason: null,
      };
    }
    case 'TRANSFER':
      return { ...status, warehouseId: req.toWarehouse!.id };
    case 'WRITE_OFF':
      return { ...status, warehouseId: null, holdReason: null };
    case 'HOLD':
      return { ...status, holdReason: req.note };
    case 'RELEASE':
      return { ...status, holdReason: null };
  }
}

/** Document lines for units moved per line: cost per unit (average) and the line's total (the sum). */
export async function linesFromUnits(
  lines: readonly CheckedLine[],
  units: readonly LockedUnit[],
): Promise<PlannedLine[]> {
  const costs = new Map<string, (string | null)[]>(lines.map((l) => [l.lineId, []]));
  await eachInSlices(units, (u) => {
    if (u.lineId) costs.get(u.lineId)?.push(u.unitCost);
  });
  const planned: PlannedLine[] = [];
  for (const l of lines) {
    const { total, average } = l.tracked
      ? await costTotals(costs.get(l.lineId)!)
      : { total: null, average: null };
    planned.push({
      id: l.lineId,
      productId: l.product.id,
      quantity: l.quantity,
      unitCost: average,
      totalCost: total,
    });
  }
  return planned;
}
