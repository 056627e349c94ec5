import { DomainError, ErrorCode } from '@serialgraph/domain';
import { filterInSlices } from '../../../common/slices';
import type { MovementRow } from '../../serial/movement.entity';
import type { SerialRow } from '../../serial/serial.entity';
import type { DocumentLineRow, DocumentRow } from '../document.entity';

/** Header fields a workflow decides; id, number, time and actor come from the posting. */
export type DocumentHeader = Partial<
  Pick<DocumentRow, 'reference' | 'note' | 'warehouseId' | 'toWarehouseId' | 'partyId' | 'basedOnId'>
>;

export type PlannedLine = Pick<DocumentLineRow, 'id' | 'productId' | 'quantity' | 'unitCost' | 'totalCost'>;

/** One movement of one unit; document, time and actor come from the posting. */
export type PlannedMovement = Pick<
  MovementRow,
  | 'serialId'
  | 'lineId'
  | 'type'
  | 'fromStatus'
  | 'toStatus'
  | 'fromWarehouseId'
  | 'toWarehouseId'
  | 'partyId'
  | 'note'
> & { previousNumber?: string | null; previousInternalCode?: string | null };

/** The fields of a unit every posting reads: enough to check it, cost its line and record its movement. */
export const UNIT_STATE_KEYS = ['id', 'productId', 'number', 'status', 'warehouseId', 'unitCost'] as const;
export type UnitState = Pick<SerialRow, (typeof UNIT_STATE_KEYS)[number]>;

/**
 * An existing unit as it was locked, and the fields the posting sets on it. Units moved alike share
 * one `set` object: 100,000 units cost 100,000 small pairs, not 100,000 copies of a unit. Postings of
 * many units read only their state (a row of 20 columns for each of 100,000 units is garbage the
 * event loop pays for); a posting whose changes set different fields (a repair's swap) reads whole
 * rows, so that a field one change leaves alone is written back as it was.
 */
export interface UnitChange {
  before: UnitState & Partial<SerialRow>;
  set: Readonly<Partial<Omit<SerialRow, 'id'>>>;
}

/** The unit as the change leaves it. */
export function afterChange({ before, set }: UnitChange): UnitState & Partial<SerialRow> {
  return { ...before, ...set };
}

/** One field of the unit as the change leaves it. */
export function fieldAfter<K extends keyof SerialRow>({ before, set }: UnitChange, key: K): SerialRow[K] {
  if (key in set) return (set as SerialRow)[key];
  if (key in before) return (before as Partial<SerialRow>)[key] as SerialRow[K];
  throw new Error(`Unit ${before.id}: the posting neither sets nor read its ${String(key)}.`);
}

/** Untracked quantity added to (delta > 0) or taken from (delta < 0) a warehouse's stock. */
export interface StockChange {
  productId: string;
  sku: string;
  warehouseId: string;
  warehouseCode: string;
  delta: number;
}

/**
 * Everything one posting writes, decided from its input and the locked current state, before
 * anything is written. Workflows build plans with pure functions (no database; async only to work
 * over 100,000 units in slices); one writer applies any plan.
 */
export interface Plan {
  header: DocumentHeader;
  lines: PlannedLine[];
  newUnits: SerialRow[];
  changes: UnitChange[];
  movements: PlannedMovement[];
  stock: StockChange[];
}

/** The document a plan is made for: its id and the moment it is posted. */
export interface PlanDocument {
  documentId: string;
  postedAt: Date;
}

export function emptyPlan(header: DocumentHeader): Plan {
  return { header, lines: [], newUnits: [], changes: [], movements: [], stock: [] };
}

/** Refuses when some numbers are not recorded for their product, naming all of them. */
export function assertAllFound(missing: readonly string[]): void {
  if (missing.length) throw new DomainError(ErrorCode.SERIAL_NOT_FOUND, undefined, [...missing]);
}

/** Refuses when some units are not where or how the operation needs them, naming all of them with their state. */
export async function assertAvailable<T extends UnitState & { inputNumber?: string }>(
  units: readonly T[],
  isAvailable: (u: T) => boolean,
): Promise<void> {
  const unavailable = await filterInSlices(units, (u) => !isAvailable(u));
  if (unavailable.length) {
    throw new DomainError(
      ErrorCode.SERIAL_NOT_AVAILABLE,
      undefined,
      unavailable.map((u) => u.inputNumber ?? u.number),
      { unavailable: unavailable.map((u) => ({ number: u.number, status: u.status })) },
    );
  }
}

/** The movement that records a unit's change. */
export function movementOf(
  change: UnitChange,
  fields: Pick<PlannedMovement, 'type' | 'lineId' | 'partyId' | 'note'> & {
    previousNumber?: string | null;
    previousInternalCode?: string | null;
  },
): PlannedMovement {
  return {
    serialId: change.before.id,
    fromStatus: change.before.status,
    toStatus: fieldAfter(change, 'status'),
    fromWarehouseId: change.before.warehouseId,
    toWarehouseId: fieldAfter(change, 'warehouseId'),
    ...fields,
  };
}

/** One document line for a single unit (repairs, corrections). */
export function singleUnitLine(id: string, unit: UnitState, cost: string | null = null): PlannedLine {
  return { id, productId: unit.productId, quantity: 1, unitCost: cost, totalCost: cost };
}
