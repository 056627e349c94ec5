import { ErrorCode } from './error-codes.js';

/** A document line as far as quantity rules care: whether the product is tracked and how many serials were given. */
export interface LineQuantityInput {
  tracked: boolean;
  quantity: number;
  /** Serials on the line; null when the line has none. */
  serialCount: number | null;
}

/** A line's quantity: a whole number of units, at least one. */
export function isValidQuantity(quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= 1;
}

/** The code refusing a line's quantity/serials combination, or null when it is consistent ("no serial, no move"). */
export function validateLineQuantity({
  tracked,
  quantity,
  serialCount,
}: LineQuantityInput): ErrorCode | null {
  if (!isValidQuantity(quantity)) return ErrorCode.BAD_USER_INPUT;
  const hasSerials = serialCount !== null && serialCount > 0;
  if (!tracked) return hasSerials ? ErrorCode.SERIALS_NOT_ALLOWED : null;
  if (!hasSerials) return ErrorCode.SERIALS_REQUIRED;
  return quantity === serialCount ? null : ErrorCode.SERIAL_COUNT_MISMATCH;
}
