import { DomainError, ErrorCode } from './error-codes.js';
import { DocumentType, MovementType, SerialStatus } from './statuses.js';

/** One allowed change of a unit: the statuses it may start from, where it ends, and what gets recorded. */
export interface SerialOperationRule {
  /** Statuses the unit may be in; null means the unit must not exist yet. */
  readonly from: readonly SerialStatus[] | null;
  /** The resulting status; 'SAME' keeps the unit's current status. */
  readonly to: SerialStatus | 'SAME';
  /** The movement appended to the unit's history. */
  readonly movement: MovementType;
  /** The kind of document the movement belongs to. */
  readonly document: DocumentType;
}

const { IN_STOCK, ON_HOLD, IN_REPAIR, SHIPPED, WRITTEN_OFF } = SerialStatus;

/** The serial status machine as data: every operation, the only place transitions are defined. */
export const SERIAL_OPERATIONS = {
  RECEIVE: { from: null, to: IN_STOCK, movement: MovementType.RECEIVED, document: DocumentType.RECEIPT },
  SHIP: { from: [IN_STOCK], to: SHIPPED, movement: MovementType.SHIPPED, document: DocumentType.SHIPMENT },
  RETURN_RESALABLE: {
    from: [SHIPPED],
    to: IN_STOCK,
    movement: MovementType.RETURNED,
    document: DocumentType.SALES_RETURN,
  },
  RETURN_DEFECTIVE: {
    from: [SHIPPED],
    to: ON_HOLD,
    movement: MovementType.RETURNED,
    document: DocumentType.SALES_RETURN,
  },
  // A transfer moves units between warehouses; held units stay held so a move never clears a hold.
  TRANSFER: {
    from: [IN_STOCK, ON_HOLD],
    to: 'SAME',
    movement: MovementType.TRANSFERRED,
    document: DocumentType.TRANSFER,
  },
  WRITE_OFF: {
    from: [IN_STOCK, ON_HOLD],
    to: WRITTEN_OFF,
    movement: MovementType.WRITTEN_OFF,
    document: DocumentType.WRITE_OFF,
  },
  HOLD: { from: [IN_STOCK], to: ON_HOLD, movement: MovementType.HELD, document: DocumentType.HOLD },
  RELEASE: { from: [ON_HOLD], to: IN_STOCK, movement: MovementType.RELEASED, document: DocumentType.RELEASE },
  REPAIR_INTAKE: {
    from: [SHIPPED],
    to: IN_REPAIR,
    movement: MovementType.REPAIR_INTAKE,
    document: DocumentType.REPAIR_INTAKE,
  },
  REPAIR_RELEASE: {
    from: [IN_REPAIR],
    to: SHIPPED,
    movement: MovementType.REPAIR_RELEASE,
    document: DocumentType.REPAIR_RELEASE,
  },
  // The swapped-out unit stays in our storage, unavailable, until someone decides its fate.
  REPLACE_OUT: {
    from: [IN_REPAIR],
    to: ON_HOLD,
    movement: MovementType.REPLACED,
    document: DocumentType.REPAIR_RELEASE,
  },
  // The replacement leaves stock under the repair release document, not a shipment of its own.
  REPLACEMENT_SHIP: {
    from: [IN_STOCK],
    to: SHIPPED,
    movement: MovementType.REPAIR_RELEASE,
    document: DocumentType.REPAIR_RELEASE,
  },
  // A misread label can be fixed wherever the unit is, even after it left, without changing its state.
  CORRECT_NUMBER: {
    from: [IN_STOCK, ON_HOLD, IN_REPAIR, SHIPPED, WRITTEN_OFF],
    to: 'SAME',
    movement: MovementType.NUMBER_CORRECTED,
    document: DocumentType.SERIAL_CORRECTION,
  },
  // The organization's own code beside the serial: set, changed or cleared in any status, recorded like a correction.
  CHANGE_INTERNAL_CODE: {
    from: [IN_STOCK, ON_HOLD, IN_REPAIR, SHIPPED, WRITTEN_OFF],
    to: 'SAME',
    movement: MovementType.INTERNAL_CODE_CHANGED,
    document: DocumentType.SERIAL_CORRECTION,
  },
} as const satisfies Record<string, SerialOperationRule>;

/** The name of one operation in {@link SERIAL_OPERATIONS}. */
export type SerialOperation = keyof typeof SERIAL_OPERATIONS;

/** True when the operation may be applied to a unit in this status; null status means a unit not yet recorded. */
export function canApply(op: SerialOperation, status: SerialStatus | null): boolean {
  const from: readonly SerialStatus[] | null = SERIAL_OPERATIONS[op].from;
  if (from === null) return status === null;
  return status !== null && from.includes(status);
}

/** The status a unit ends in after the operation; throws SERIAL_NOT_AVAILABLE when the operation does not apply. */
export function targetStatus(op: SerialOperation, status: SerialStatus | null): SerialStatus {
  if (!canApply(op, status)) {
    throw new DomainError(ErrorCode.SERIAL_NOT_AVAILABLE, undefined, undefined, { operation: op, status });
  }
  const to: SerialStatus | 'SAME' = SERIAL_OPERATIONS[op].to;
  // canApply guarantees an existing unit whenever the rule keeps the status.
  return to === 'SAME' ? (status as SerialStatus) : to;
}
