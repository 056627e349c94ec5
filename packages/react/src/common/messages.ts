import type { DocumentType, MovementType, SerialStatus } from '../generated/graphql';
import { defaultPickerMessages, type SerialPickerMessages } from '../serial-picker/serial-picker.messages';
import {
  defaultReceiveMessages,
  type ReceiveSerialsFormMessages,
} from '../receive-serials-form/receive-serials-form.messages';
import { defaultCameraMessages, type CameraScannerMessages } from '../camera-scanner/camera-scanner.messages';

/**
 * Every string the widgets show, grouped by component. Functions receive values already
 * formatted for the active locale (dates, numbers) so translations only arrange words.
 */
export interface SerialgraphMessages {
  /** Names of serial statuses, shown in badges and transitions. */
  serialStatus: Record<SerialStatus, string>;
  /** Names of movement types, the title of each history entry. */
  movementType: Record<MovementType, string>;
  /** Names of document types. */
  documentType: Record<DocumentType, string>;
  /** Strings of SerialHistoryTimeline. */
  timeline: {
    /** Accessible name of the timeline region when no serial is loaded yet. */
    label: string;
    /** Heading of the header: the serial number. */
    title: (number: string) => string;
    loading: string;
    error: string;
    retry: string;
    notFound: string;
    empty: string;
    product: string;
    status: string;
    location: string;
    customer: string;
    withCustomer: (customer: string) => string;
    outOfStorage: string;
    holdReason: string;
    /** Label of the unit's internal code (asset tag) in the header. */
    internalCode: string;
    warranty: string;
    warrantyActiveUntil: (date: string) => string;
    warrantyExpiredOn: (date: string) => string;
    noWarranty: string;
    repairs: string;
    repairCount: (count: number, formatted: string) => string;
    replacedBy: string;
    replaces: string;
    historyHeading: (count: number, formatted: string) => string;
    orderNewestFirst: string;
    orderOldestFirst: string;
    document: string;
    from: string;
    to: string;
    party: string;
    actor: (actor: string) => string;
    note: string;
    previousNumber: (number: string) => string;
  };
  /** Strings of SerialPicker (see serial-picker.messages.ts). */
  picker: SerialPickerMessages;
  /** Strings of ReceiveSerialsForm (see receive-serials-form.messages.ts). */
  receive: ReceiveSerialsFormMessages;
  /** Strings of the camera scanner (see camera-scanner.messages.ts). */
  camera: CameraScannerMessages;
}

/** Partial messages: any group, any key; the rest falls back to English. */
export type SerialgraphMessagesOverride = {
  [Group in keyof SerialgraphMessages]?: Partial<SerialgraphMessages[Group]>;
};

/** English defaults for every visible string. */
export const defaultMessages: SerialgraphMessages = {
  serialStatus: {
    IN_STOCK: 'In stock',
    ON_HOLD: 'On hold',
    IN_REPAIR: 'In repair',
    SHIPPED: 'Shipped',
    WRITTEN_OFF: 'Written off',
  },
  movementType: {
    RECEIVED: 'Received',
    SHIPPED: 'Shipped',
    RETURNED: 'Returned',
    TRANSFERRED: 'Transferred',
    WRITTEN_OFF: 'Written off',
    HELD: 'Put on hold',
    RELEASED: 'Released from hold',
    REPAIR_INTAKE: 'Taken in for repair',
    REPAIR_RELEASE: 'Released from repair',
    REPLACED: 'Replaced',
    NUMBER_CORRECTED: 'Number corrected',
    INTERNAL_CODE_CHANGED: 'Internal code changed',
  },
  documentType: {
    RECEIPT: 'Receipt',
    SHIPMENT: 'Shipment',
    SALES_RETURN: 'Sales return',
    TRANSFER: 'Transfer',
    WRITE_OFF: 'Write-off',
    HOLD: 'Hold',
    RELEASE: 'Release',
    REPAIR_INTAKE: 'Repair intake',
    REPAIR_RELEASE: 'Repair release',
    SERIAL_CORRECTION: 'Serial correction',
  },
  timeline: {
    label: 'Serial history',
    title: (number) => number,
    loading: 'Loading the history…',
    error: 'The history could not be loaded.',
    retry: 'Try again',
    notFound: 'This serial number does not exist or was removed.',
    empty: 'No movements recorded yet.',
    product: 'Product',
    status: 'Status',
    location: 'Location',
    customer: 'Customer',
    withCustomer: (customer) => `With ${customer}`,
    outOfStorage: 'Out of storage',
    holdReason: 'Hold reason',
    internalCode: 'Internal code',
    warranty: 'Warranty',
    warrantyActiveUntil: (date) => `Active until ${date}`,
    warrantyExpiredOn: (date) => `Expired on ${date}`,
    noWarranty: 'None',
    repairs: 'Repairs',
    repairCount: (count, formatted) =>
      count === 0 ? 'Never repaired' : count === 1 ? 'Repaired once' : `Repaired ${formatted} times`,
    replacedBy: 'Replaced by',
    replaces: 'Replaces',
    historyHeading: (count, formatted) => (count === 1 ? '1 movement' : `${formatted} movements`),
    orderNewestFirst: 'Newest first',
    orderOldestFirst: 'Oldest first',
    document: 'Document',
    from: 'From',
    to: 'To',
    party: 'Party',
    actor: (actor) => `by ${actor}`,
    note: 'Note',
    previousNumber: (number) => `Previously ${number}`,
  },
  picker: defaultPickerMessages,
  receive: defaultReceiveMessages,
  camera: defaultCameraMessages,
};

/** Merges partial overrides onto a complete message set, later overrides winning. */
export function mergeMessages(
  base: SerialgraphMessages,
  ...overrides: Array<SerialgraphMessagesOverride | undefined>
): SerialgraphMessages {
  let merged = base;
  for (const override of overrides) {
    if (!override) continue;
    merged = { ...merged };
    for (const group of Object.keys(override) as Array<keyof SerialgraphMessages>) {
      merged = { ...merged, [group]: { ...merged[group], ...override[group] } };
    }
  }
  return merged;
}
