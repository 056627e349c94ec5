import { newId } from '../../../common/ids';
import { canApply, DomainError, ErrorCode, SERIAL_OPERATIONS, type SerialStatus } from '@serialgraph/domain';
import { eachInSlices, filterInSlices, mapInSlices } from '../../../common/slices';
import { costTotals } from './decimal';
import { assertAvailable, movementOf, type Plan, type UnitChange } from './plan';
import type { ShippedUnit } from './unit-locks';

export interface ReturnRequest {
  shipment: { id: string; number: string; partyId: string | null };
  warehouseId: string;
  defective: boolean;
  reason: string | null;
  /** Normalized numbers as entered. */
  numbers: readonly string[];
  /** The units the shipment sent with those numbers, locked, in input order. */
  units: readonly ShippedUnit[];
}

/**
 * Sales return, always from the original shipment: only units that shipment sent and that have not
 * come back from it yet. RESALABLE units go back in stock, DEFECTIVE ones on hold with the reason.
 */
export async function planReturn(req: ReturnRequest): Promise<Plan> {
  const operation = req.defective ? 'RETURN_DEFECTIVE' : 'RETURN_RESALABLE';
  const rule = SERIAL_OPERATIONS[operation];
  const eligible = new Set<string>();
  await eachInSlices(req.units, (u) => {
    if (!u.returned) eligible.add(u.inputNumber);
  });
  const notInShipment = await filterInSlices(req.numbers, (n) => !eligible.has(n));
  if (notInShipment.length) {
    throw new DomainError(
      ErrorCode.NOT_IN_SHIPMENT,
      `Not returnable from ${req.shipment.number} (not in it, or already returned): ${notInShipment.join(', ')}`,
      notInShipment,
    );
  }
  // Sent and not returned, but e.g. in repair or swapped since: the unit is not with the customer.
  await assertAvailable(req.units, (u) => canApply(operation, u.status));
  const holdReason = req.defective ? (req.reason ?? 'Returned defective') : null;
  const set = { status: rule.to as SerialStatus, warehouseId: req.warehouseId, holdReason };
  const changes: UnitChange[] = await mapInSlices(req.units, (before) => ({ before, set }));
  // One line per product, in the order products first appear.
  const lines = new Map<string, { id: string; costs: (string | null)[] }>();
  await eachInSlices(req.units, (u) => {
    const line = lines.get(u.productId) ?? { id: newId(), costs: [] };
    line.costs.push(u.unitCost);
    lines.set(u.productId, line);
  });
  const planned = [];
  for (const [productId, { id, costs }] of lines) {
    const { total, average } = await costTotals(costs);
    planned.push({ id, productId, quantity: costs.length, unitCost: average, totalCost: total });
  }
  return {
    header: {
      note: req.reason,
      warehouseId: req.warehouseId,
      partyId: req.shipment.partyId,
      basedOnId: req.shipment.id,
    },
    lines: planned,
    newUnits: [],
    changes,
    movements: await mapInSlices(changes, (c) =>
      movementOf(c, {
        type: rule.movement,
        lineId: lines.get(c.before.productId)!.id,
        partyId: req.shipment.partyId,
        note: req.reason,
      }),
    ),
    stock: [],
  };
}
