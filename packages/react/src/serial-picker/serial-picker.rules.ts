import { canApply, SERIAL_OPERATIONS, serialKey, type SerialOperation } from '@serialgraph/domain';
import type {
  SerialFilter,
  SerialPickerCheckQuery,
  SerialPickerSerialFragment,
  SerialStatus,
} from '../generated/graphql';
import type { SerialPickerMode } from './serial-picker.messages';

// Which units a picker lists and why a scanned one cannot be picked. The status rules are the
// domain's status machine (SERIAL_OPERATIONS): nothing here decides on its own what may ship.

/** A picked unit: the value of SerialPicker. */
export interface PickedSerial {
  id: string;
  number: string;
}

/** Where the picker's units come from. */
export interface PickerScope {
  mode: SerialPickerMode;
  /** The product of the document line. Required except in RETURN mode, where it narrows the list. */
  productId?: string;
  /** The warehouse the units leave from (SHIP, TRANSFER). */
  warehouseId?: string;
  /** The shipment the units come back from (RETURN). */
  shipmentId?: string;
}

const operationOf: Record<SerialPickerMode, SerialOperation> = {
  SHIP: 'SHIP',
  TRANSFER: 'TRANSFER',
  RETURN: 'RETURN_RESALABLE',
  HOLD: 'HOLD',
  RELEASE: 'RELEASE',
  WRITE_OFF: 'WRITE_OFF',
};

/** The statuses a unit may be in to be picked in this mode, from the domain's status machine. */
export function pickableStatuses(mode: SerialPickerMode): SerialStatus[] {
  return [...(SERIAL_OPERATIONS[operationOf[mode]].from ?? [])];
}

/** The server-side filter of the list: pickable units of the scope, optionally narrowed by a search. */
export function pickerFilter(scope: PickerScope, search?: string): SerialFilter {
  const filter: SerialFilter = { statuses: pickableStatuses(scope.mode) };
  if (scope.productId) filter.productId = scope.productId;
  if (scope.mode === 'RETURN') filter.returnableFromShipmentId = scope.shipmentId ?? null;
  else if (scope.warehouseId) filter.warehouseId = scope.warehouseId;
  if (search) filter.search = search;
  return filter;
}

/** The unit whose number is `number`, case-insensitively (the domain's serialKey), or undefined. */
export function findByNumber<T extends { number: string }>(
  units: readonly T[],
  number: string,
): T | undefined {
  const key = serialKey(number);
  return units.find((unit) => serialKey(unit.number) === key);
}

/** Why a scanned number cannot be picked; `pickable` when it can. */
export type ScanRefusal =
  | 'not-found'
  | 'invalid'
  | 'other-warehouse'
  | 'shipped'
  | 'on-hold'
  | 'in-repair'
  | 'written-off'
  | 'not-returnable';

/** The verdict on one scanned number. */
export type ScanVerdict =
  | { kind: 'pickable'; serial: SerialPickerSerialFragment }
  | { kind: ScanRefusal; serial: SerialPickerSerialFragment | null };

const refusalByStatus: Record<SerialStatus, ScanRefusal> = {
  IN_STOCK: 'other-warehouse',
  ON_HOLD: 'on-hold',
  IN_REPAIR: 'in-repair',
  SHIPPED: 'shipped',
  WRITTEN_OFF: 'written-off',
};

type CheckResult = SerialPickerCheckQuery['checkSerials'][number];

/**
 * Explains a `checkSerials` result for SHIP or TRANSFER. The server's SHIP check knows only
 * "available", so the unit's status and warehouse decide, with the domain's rules for the mode
 * (a TRANSFER may move held units).
 */
export function explainCheck(scope: PickerScope, check: CheckResult): ScanVerdict {
  if (check.issue === 'INVALID_FORMAT') return { kind: 'invalid', serial: null };
  const serial = check.serial;
  if (!serial) return { kind: 'not-found', serial: null };
  const allowed = canApply(operationOf[scope.mode], serial.status);
  const here = !scope.warehouseId || serial.warehouse?.id === scope.warehouseId;
  if (allowed && here) return { kind: 'pickable', serial };
  if (allowed) return { kind: 'other-warehouse', serial };
  return { kind: refusalByStatus[serial.status], serial };
}
