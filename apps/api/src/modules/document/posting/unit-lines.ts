import { DomainError, ErrorCode } from '@serialgraph/domain';
import type { SerialRow } from '../../serial/serial.entity';
import { costTotals } from './decimal';
import type { LineToWrite, MovementToWrite } from './document-writer';
import type { CheckedLine } from './stock-lines';
import type { LockedUnit } from './unit-store';

/** Refuses when some numbers are not recorded for their product, naming all of them. */
export function assertAllFound(missing: readonly string[]): void {
  if (missing.length) throw new DomainError(ErrorCode.SERIAL_NOT_FOUND, undefined, [...missing]);
}

/** Refuses when some units are not where or how the operation needs them, naming all of them with their state. */
export function assertAvailable<T extends SerialRow & { inputNumber?: string }>(
  units: readonly T[],
  isAvailable: (u: T) => boolean,
): void {
  const unavailable = units.filter((u) => !isAvailable(u));
  if (unavailable.length) {
    throw new DomainError(
      ErrorCode.SERIAL_NOT_AVAILABLE,
      undefined,
      unavailable.map((u) => u.inputNumber ?? u.number),
      {
        unavailable: unavailable.map((u) => ({ number: u.number, status: u.status })),
      },
    );
  }
}

/** Document lines for units moved per line: cost per unit (average) and the line's total (the sum). */
export function linesFromUnits(lines: readonly CheckedLine[], units: readonly LockedUnit[]): LineToWrite[] {
  const costs = new Map<string, (string | null)[]>();
  for (const u of units) if (u.lineId) costs.set(u.lineId, [...(costs.get(u.lineId) ?? []), u.unitCost]);
  return lines.map((l) => {
    const { total, average } = l.tracked
      ? costTotals(costs.get(l.lineId) ?? [])
      : { total: null, average: null };
    return {
      id: l.lineId,
      productId: l.product.id,
      quantity: l.quantity,
      unitCost: average,
      totalCost: total,
    };
  });
}

/** The movement that records a unit going from `before` to `after`. */
export function movementOf(
  before: SerialRow,
  after: SerialRow,
  fields: Pick<MovementToWrite, 'type' | 'lineId' | 'partyId' | 'note'> & { previousNumber?: string | null },
): MovementToWrite {
  return {
    serialId: before.id,
    fromStatus: before.status,
    toStatus: after.status,
    fromWarehouseId: before.warehouseId,
    toWarehouseId: after.warehouseId,
    ...fields,
  };
}
