import { SerialStatus } from './statuses.js';

/**
 * Stock count (audit) rules shared by the API and the widgets.
 *
 * The expected set is snapshotted when the count starts: the units IN_STOCK in the warehouse (of the
 * product, when the count has one). Units keep moving while people count, so each list also looks at
 * the unit now and at the moment it was scanned:
 * - counted and expected: scanned, and in scope at the scan or now (a unit shipped after it was
 *   scanned was on the shelf when counted: neither missing nor found);
 * - missing: in the snapshot, still in scope now, and not scanned (a unit that left by a document
 *   during the count is accounted for by that document; one that arrived during it was never expected);
 * - found but not expected: scanned, out of scope at the scan and now (or a number nobody recorded).
 */

/** Where a count stands. */
export const StockCountStatus = { OPEN: 'OPEN', CLOSED: 'CLOSED', CANCELLED: 'CANCELLED' } as const;
export type StockCountStatus = (typeof StockCountStatus)[keyof typeof StockCountStatus];

/** Counts are numbered per organization like documents: CNT-000001. */
export const STOCK_COUNT_NUMBER_PREFIX = 'CNT';
/** The counter key counts use beside the document types' keys. */
export const STOCK_COUNT_COUNTER = 'STOCK_COUNT';

export function formatStockCountNumber(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`Stock count sequence must be a positive integer, got ${seq}`);
  return `${STOCK_COUNT_NUMBER_PREFIX}-${String(seq).padStart(6, '0')}`;
}

/** What became of one scanned code. */
export const CountScanVerdict = {
  /** A recorded unit, now counted. */
  COUNTED: 'COUNTED',
  /** Already scanned in this count (by anyone, or earlier in the same batch): ignored. */
  DUPLICATE: 'DUPLICATE',
  /** No unit carries this number: kept as found-but-unknown for a person to look at. */
  UNKNOWN: 'UNKNOWN',
  /** A product barcode (GTIN on the box), not a serial: refused, scan the unit's serial label. */
  PRODUCT_BARCODE: 'PRODUCT_BARCODE',
  /** Empty, too long, spaces or control characters: refused. */
  INVALID: 'INVALID',
} as const;
export type CountScanVerdict = (typeof CountScanVerdict)[keyof typeof CountScanVerdict];

/** Why a found unit was not expected, from where the system thinks it is. */
export const FoundReason = {
  /** No unit with this number is recorded. */
  UNKNOWN: 'UNKNOWN',
  /** In stock, but recorded in another warehouse. */
  OTHER_WAREHOUSE: 'OTHER_WAREHOUSE',
  /** Recorded as out of storage (shipped to a customer, written off). */
  OUT_OF_STORAGE: 'OUT_OF_STORAGE',
  /** On hold or in repair (here or elsewhere): a person decides. */
  NOT_AVAILABLE: 'NOT_AVAILABLE',
  /** In stock here, but of another product than the count's. */
  OTHER_PRODUCT: 'OTHER_PRODUCT',
} as const;
export type FoundReason = (typeof FoundReason)[keyof typeof FoundReason];

/** Why a found unit was not expected, in the words a clerk reads beside it (one wording for every screen). */
export const FOUND_REASON_TEXT: Record<FoundReason, string> = {
  UNKNOWN: 'No unit has this number',
  OTHER_WAREHOUSE: 'Recorded in another warehouse',
  OUT_OF_STORAGE: 'Recorded as out of storage',
  NOT_AVAILABLE: 'On hold or in repair',
  OTHER_PRODUCT: 'Another product than counted',
};

/** The reason a found unit was not expected; `unit` null when the number is unknown. */
export function foundReason(
  unit: { status: SerialStatus; warehouseId: string | null } | null,
  countWarehouseId: string,
): FoundReason {
  if (!unit) return FoundReason.UNKNOWN;
  if (unit.status === SerialStatus.SHIPPED || unit.status === SerialStatus.WRITTEN_OFF)
    return FoundReason.OUT_OF_STORAGE;
  if (unit.status !== SerialStatus.IN_STOCK) return FoundReason.NOT_AVAILABLE;
  return unit.warehouseId === countWarehouseId ? FoundReason.OTHER_PRODUCT : FoundReason.OTHER_WAREHOUSE;
}

/**
 * The fix a close with fixes posts for a found unit: only a unit in stock in another warehouse is
 * moved here (a transfer). Units recorded as shipped, written off, on hold or in repair, and unknown
 * numbers, are left for a person: bringing them back needs a return, a receipt or a decision.
 */
export function foundFix(reason: FoundReason): 'TRANSFER' | null {
  return reason === FoundReason.OTHER_WAREHOUSE ? 'TRANSFER' : null;
}

/** The reason on the write-off of the units a count did not find. */
export function missingWriteOffReason(countNumber: string): string {
  return `not found in count ${countNumber}`;
}

/** The note on the transfer of units found here but recorded elsewhere. */
export function foundTransferNote(countNumber: string): string {
  return `found in count ${countNumber}`;
}

/** A scan's verdict in plain words, for the clerk holding the scanner. */
export function countScanMessage(verdict: CountScanVerdict, number: string | null): string {
  switch (verdict) {
    case CountScanVerdict.COUNTED:
      return `${number} counted.`;
    case CountScanVerdict.DUPLICATE:
      return `${number} was already scanned in this count; counted once.`;
    case CountScanVerdict.UNKNOWN:
      return `No unit carries ${number}; kept in the found list for a person to check (misread label?).`;
    case CountScanVerdict.PRODUCT_BARCODE:
      return `${number} is a product barcode, not a serial number; scan the unit's serial label.`;
    case CountScanVerdict.INVALID:
      return 'Not a serial number: empty, longer than 64 characters, or with spaces or control characters.';
  }
}
