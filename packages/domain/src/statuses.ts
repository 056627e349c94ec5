/** Where a serial-tracked unit is in its life; values equal the contract's SerialStatus enum. */
export const SerialStatus = {
  /** In a warehouse, available to ship. */
  IN_STOCK: 'IN_STOCK',
  /** In a warehouse, not available (returned defective, label unclear, inspection). */
  ON_HOLD: 'ON_HOLD',
  /** A customer's unit in our warehouse for service. */
  IN_REPAIR: 'IN_REPAIR',
  /** Out of storage, with a customer. */
  SHIPPED: 'SHIPPED',
  /** Out of storage, final. */
  WRITTEN_OFF: 'WRITTEN_OFF',
} as const;
/** One of the {@link SerialStatus} values. */
export type SerialStatus = (typeof SerialStatus)[keyof typeof SerialStatus];

/** The kind of an append-only history entry; values equal the contract's MovementType enum. */
export const MovementType = {
  RECEIVED: 'RECEIVED',
  SHIPPED: 'SHIPPED',
  RETURNED: 'RETURNED',
  TRANSFERRED: 'TRANSFERRED',
  WRITTEN_OFF: 'WRITTEN_OFF',
  HELD: 'HELD',
  RELEASED: 'RELEASED',
  REPAIR_INTAKE: 'REPAIR_INTAKE',
  REPAIR_RELEASE: 'REPAIR_RELEASE',
  REPLACED: 'REPLACED',
  NUMBER_CORRECTED: 'NUMBER_CORRECTED',
  INTERNAL_CODE_CHANGED: 'INTERNAL_CODE_CHANGED',
} as const;
/** One of the {@link MovementType} values. */
export type MovementType = (typeof MovementType)[keyof typeof MovementType];

/** The kind of a stock document; values equal the contract's DocumentType enum. */
export const DocumentType = {
  RECEIPT: 'RECEIPT',
  SHIPMENT: 'SHIPMENT',
  SALES_RETURN: 'SALES_RETURN',
  TRANSFER: 'TRANSFER',
  WRITE_OFF: 'WRITE_OFF',
  HOLD: 'HOLD',
  RELEASE: 'RELEASE',
  REPAIR_INTAKE: 'REPAIR_INTAKE',
  REPAIR_RELEASE: 'REPAIR_RELEASE',
  SERIAL_CORRECTION: 'SERIAL_CORRECTION',
} as const;
/** One of the {@link DocumentType} values. */
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];

/** Whether a product's units are counted (NONE, the default) or tracked one by one (SERIAL). */
export const TrackingMode = { NONE: 'NONE', SERIAL: 'SERIAL' } as const;
/** One of the {@link TrackingMode} values. */
export type TrackingMode = (typeof TrackingMode)[keyof typeof TrackingMode];

/** The roles a party can play; a party may hold both. */
export const PartyRole = { SUPPLIER: 'SUPPLIER', CUSTOMER: 'CUSTOMER' } as const;
/** One of the {@link PartyRole} values. */
export type PartyRole = (typeof PartyRole)[keyof typeof PartyRole];

/** The state of a returned unit: RESALABLE goes back IN_STOCK, DEFECTIVE goes ON_HOLD. */
export const ReturnCondition = { RESALABLE: 'RESALABLE', DEFECTIVE: 'DEFECTIVE' } as const;
/** One of the {@link ReturnCondition} values. */
export type ReturnCondition = (typeof ReturnCondition)[keyof typeof ReturnCondition];

/** Why a number in a live serial check is not acceptable; values equal the contract's enum. */
export const SerialCheckIssue = {
  INVALID_FORMAT: 'INVALID_FORMAT',
  DUPLICATE_IN_INPUT: 'DUPLICATE_IN_INPUT',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  NOT_FOUND: 'NOT_FOUND',
  NOT_AVAILABLE: 'NOT_AVAILABLE',
} as const;
/** One of the {@link SerialCheckIssue} values. */
export type SerialCheckIssue = (typeof SerialCheckIssue)[keyof typeof SerialCheckIssue];

/** What a live serial check validates for: new numbers (RECEIVE) or units in stock (SHIP). */
export const SerialCheckPurpose = { RECEIVE: 'RECEIVE', SHIP: 'SHIP' } as const;
/** One of the {@link SerialCheckPurpose} values. */
export type SerialCheckPurpose = (typeof SerialCheckPurpose)[keyof typeof SerialCheckPurpose];

/** Statuses of units physically in one of our warehouses (counted as "in storage"). */
export const IN_STORAGE_STATUSES: readonly SerialStatus[] = Object.freeze([
  SerialStatus.IN_STOCK,
  SerialStatus.ON_HOLD,
  SerialStatus.IN_REPAIR,
]);

/** True when a unit with this status is in one of our warehouses (IN_STOCK, ON_HOLD, IN_REPAIR). */
export function isInStorage(status: SerialStatus): boolean {
  return IN_STORAGE_STATUSES.includes(status);
}
