/**
 * Product barcodes: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14, validated by the GS1
 * check digit, and the rule that decides what a scanned code means. Shared by the API (which
 * stores and resolves barcodes) and the widgets (which check a typed code before asking).
 */
import { gs1CheckDigit, gs1CheckDigitValid } from './check-digits.js';

/** The lengths a GTIN may have: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];

/** Most barcodes one product may carry. */
export const MAX_BARCODES_PER_PRODUCT = 20;

/** Why a code is not a valid GTIN. */
export type GtinProblem = 'NOT_DIGITS' | 'LENGTH' | 'CHECK_DIGIT';

/** The GS1 check digit for the digits before it (every GTIN length). */
export const gtinCheckDigit = gs1CheckDigit;

/** The first problem with a (trimmed) code as a GTIN, or null when it is one. */
export function gtinProblem(code: string): GtinProblem | null {
  if (!/^\d+$/.test(code)) return 'NOT_DIGITS';
  if (!GTIN_LENGTHS.includes(code.length)) return 'LENGTH';
  return gs1CheckDigitValid(code) ? null : 'CHECK_DIGIT';
}

/** True when the code is a GTIN-8/12/13/14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return gtinProblem(code) === null;
}

/** Plain words for a problem, naming the code. */
export function describeGtinProblem(code: string, problem: GtinProblem): string {
  switch (problem) {
    case 'NOT_DIGITS':
      return `${code} is not a GTIN/EAN/UPC barcode: only digits are allowed.`;
    case 'LENGTH':
      return `${code} is not a GTIN/EAN/UPC barcode: it must have 8, 12, 13 or 14 digits.`;
    case 'CHECK_DIGIT':
      return `${code} is not a GTIN/EAN/UPC barcode: its check digit is wrong (misread or mistyped?).`;
  }
}

/**
 * The identity of a GTIN: its GTIN-14 form (zero-padded on the left). A UPC-A read as 12 digits
 * by one scanner and as an EAN-13 with a leading 0 by another is the same product.
 */
export function gtinKey(code: string): string {
  return code.trim().padStart(14, '0');
}

/** What a scan means once the rule is applied. */
export const ScanKind = {
  /** The code selects a product (adds a line for it). */
  PRODUCT: 'PRODUCT',
  /** The code picks a unit by its serial number. */
  SERIAL: 'SERIAL',
  /** Neither a product barcode nor a recorded serial. */
  NONE: 'NONE',
} as const;
export type ScanKind = (typeof ScanKind)[keyof typeof ScanKind];

/**
 * The scan rule. A code may be both a product barcode and a recorded serial. Inside a line of
 * product P (`contextProductId`), a code that is a serial of P is that serial: the clerk is
 * scanning units of P. Otherwise a product barcode selects its product; failing that, a recorded
 * serial (of any product) is the serial.
 */
export function resolveScanKind(match: {
  barcodeProductId: string | null;
  serialProductIds: readonly string[];
  contextProductId?: string | null;
}): ScanKind {
  const { barcodeProductId, serialProductIds, contextProductId } = match;
  if (contextProductId && serialProductIds.includes(contextProductId)) return ScanKind.SERIAL;
  if (barcodeProductId) return ScanKind.PRODUCT;
  if (serialProductIds.length > 0) return ScanKind.SERIAL;
  return ScanKind.NONE;
}
