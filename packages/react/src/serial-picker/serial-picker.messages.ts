// The strings of SerialPicker, kept beside the widget and merged into SerialgraphMessages as `picker`.
// Functions receive values already formatted for the locale (numbers, dates).

/** What the picker chooses units for: it decides which units are listed and pickable. */
export type SerialPickerMode = 'SHIP' | 'TRANSFER' | 'RETURN' | 'HOLD' | 'RELEASE' | 'WRITE_OFF';

/** Strings of SerialPicker. */
export interface SerialPickerMessages {
  /** Accessible name of the list of units, per mode. */
  listLabel: (mode: SerialPickerMode) => string;
  /** Label of the search-or-scan field. */
  searchLabel: string;
  /** Placeholder of the search-or-scan field. */
  searchPlaceholder: string;
  /** Description of the search-or-scan field and the list's keys. */
  searchHint: string;
  loading: string;
  loadingMore: string;
  error: string;
  retry: string;
  /** Nothing to pick at all, per mode. */
  empty: (mode: SerialPickerMode) => string;
  /** The search matches nothing. */
  noMatch: (search: string) => string;
  /** How many units the list holds (server total). */
  total: (count: number, formatted: string) => string;
  /** How many units are picked, against the line quantity when there is one. */
  pickedCount: (
    count: number,
    formatted: string,
    max: number | undefined,
    maxFormatted: string | undefined,
  ) => string;
  /** The receipt date shown on each row. */
  received: (date: string) => string;
  /** Accessible name of a row's internal code (asset tag). */
  internalCode: (code: string) => string;
  /** Badge of a unit repaired `count` times (count > 0). */
  repaired: (count: number, formatted: string) => string;
  /** Badge of a held unit, with its reason when known. */
  onHold: (reason: string | null) => string;
  /** Label of the "how many" field next to "Pick oldest". */
  pickCountLabel: string;
  /** The FIFO button. */
  pickOldest: string;
  /** Heading of the picked units. */
  pickedHeading: string;
  /** Button removing one picked unit. */
  remove: (number: string) => string;
  /** Button removing every picked unit. */
  clear: string;
  // Announcements, read by the live region (flat so a host can replace any one of them).
  picked: (number: string) => string;
  removed: (number: string) => string;
  cleared: string;
  alreadyPicked: (number: string) => string;
  maxReached: (max: number, formatted: string) => string;
  pickedOldest: (count: number, formatted: string) => string;
  nothingToPick: string;
  pickedMany: (count: number, formatted: string) => string;
  oldestFailed: string;
  checking: (number: string) => string;
  notFound: (number: string) => string;
  invalid: (number: string) => string;
  otherWarehouse: (number: string, warehouse: string) => string;
  shipped: (number: string) => string;
  heldRefused: (number: string, reason: string | null) => string;
  inRepair: (number: string) => string;
  writtenOff: (number: string) => string;
  notReturnable: (number: string) => string;
  failed: (number: string) => string;
  /** A scanned product barcode: another product was selected. */
  productScanned: (sku: string, name: string) => string;
  /** A scanned barcode of the product this list already shows. */
  sameProduct: (sku: string) => string;
}

const modeNoun: Record<SerialPickerMode, string> = {
  SHIP: 'ship',
  TRANSFER: 'transfer',
  RETURN: 'return',
  HOLD: 'put on hold',
  RELEASE: 'release',
  WRITE_OFF: 'write off',
};

/** English defaults of SerialPicker. */
export const defaultPickerMessages: SerialPickerMessages = {
  listLabel: (mode) => `Units to ${modeNoun[mode]}`,
  searchLabel: 'Search or scan a serial number',
  searchPlaceholder: 'Type to filter, scan or type a number + Enter to pick',
  searchHint:
    'Typing filters the list. An exact number and Enter picks that unit. In the list, Space picks, Shift+arrows pick while moving.',
  loading: 'Loading units…',
  loadingMore: 'Loading more units…',
  error: 'The units could not be loaded.',
  retry: 'Try again',
  empty: (mode) =>
    mode === 'RETURN'
      ? 'Every unit of this shipment has already come back.'
      : mode === 'RELEASE'
        ? 'No units on hold in this warehouse.'
        : 'No units available in this warehouse.',
  noMatch: (search) => `No unit matches “${search}”.`,
  total: (count, formatted) => (count === 1 ? '1 unit' : `${formatted} units`),
  pickedCount: (_count, formatted, max, maxFormatted) =>
    max === undefined ? `${formatted} picked` : `${formatted} of ${maxFormatted} picked`,
  received: (date) => `Received ${date}`,
  repaired: (count, formatted) => (count === 1 ? 'Repaired' : `Repaired ×${formatted}`),
  onHold: (reason) => (reason ? `On hold: ${reason}` : 'On hold'),
  internalCode: (code) => `Internal code ${code}`,
  pickCountLabel: 'How many',
  pickOldest: 'Pick oldest',
  pickedHeading: 'Picked units',
  remove: (number) => `Remove ${number}`,
  clear: 'Remove all',
  picked: (number) => `${number} picked.`,
  removed: (number) => `${number} removed.`,
  cleared: 'All picked units removed.',
  alreadyPicked: (number) => `${number} is already picked.`,
  maxReached: (_max, formatted) =>
    `The line quantity of ${formatted} is reached. Remove a unit to pick another.`,
  pickedOldest: (count, formatted) =>
    count === 1 ? 'Picked the oldest unit.' : `Picked the ${formatted} oldest units.`,
  nothingToPick: 'No more units to pick.',
  pickedMany: (count, formatted) => (count === 1 ? '1 unit picked.' : `${formatted} units picked.`),
  oldestFailed: 'The oldest units could not be fetched. Try again.',
  checking: (number) => `Checking ${number}…`,
  notFound: (number) => `${number} does not exist for this product.`,
  invalid: (number) => `${number} is not a valid serial number.`,
  otherWarehouse: (number, warehouse) => `${number} is in ${warehouse}, not in this warehouse.`,
  shipped: (number) => `${number} has already been shipped.`,
  heldRefused: (number, reason) => (reason ? `${number} is on hold: ${reason}.` : `${number} is on hold.`),
  inRepair: (number) => `${number} is in repair.`,
  writtenOff: (number) => `${number} was written off.`,
  notReturnable: (number) => `${number} was not sent by this shipment, or has already come back.`,
  failed: (number) => `${number} could not be checked. Try again.`,
  productScanned: (sku, name) => `Barcode of ${sku} · ${name}: product selected.`,
  sameProduct: (sku) => `That is the barcode of ${sku}; scan a unit's serial number to pick it.`,
};
