/**
 * The verdict on one row of a receipt imported from CSV (POST /import/receipt): the serial checks'
 * verdicts (INVALID_FORMAT, DUPLICATE_IN_INPUT, ALREADY_EXISTS, as `checkSerials` gives them) plus
 * what only a file can get wrong. A file is posted only when every row is OK.
 */
export const ImportRowVerdict = {
  OK: 'OK',
  INVALID_FORMAT: 'INVALID_FORMAT',
  DUPLICATE_IN_INPUT: 'DUPLICATE_IN_INPUT',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  UNKNOWN_PRODUCT: 'UNKNOWN_PRODUCT',
  UNKNOWN_WAREHOUSE: 'UNKNOWN_WAREHOUSE',
  /** The product is not serial-tracked: one row is one unit with a serial, so it cannot be imported. */
  NOT_SERIAL_TRACKED: 'NOT_SERIAL_TRACKED',
  INVALID_UNIT_COST: 'INVALID_UNIT_COST',
  INVALID_INTERNAL_CODE: 'INVALID_INTERNAL_CODE',
  /** On another unit already, or repeated in the file (letter case ignored). */
  INTERNAL_CODE_EXISTS: 'INTERNAL_CODE_EXISTS',
} as const;
/** One of the {@link ImportRowVerdict} values. */
export type ImportRowVerdict = (typeof ImportRowVerdict)[keyof typeof ImportRowVerdict];

/** Plain words per verdict, for reports and screens. */
export const importVerdictMessages: Record<ImportRowVerdict, string> = {
  OK: 'Ready to receive.',
  INVALID_FORMAT:
    "The serial is empty, longer than 64 characters, contains spaces or control characters, or does not match the product's serial format.",
  DUPLICATE_IN_INPUT:
    'This serial appears earlier in the file for the same product (letter case is ignored).',
  ALREADY_EXISTS: 'This serial is already recorded for this product.',
  UNKNOWN_PRODUCT: 'No product has this SKU.',
  UNKNOWN_WAREHOUSE: 'No warehouse has this code.',
  NOT_SERIAL_TRACKED: 'This product is not serial-tracked; receive it on the Receive screen with a quantity.',
  INVALID_UNIT_COST: 'The unit cost is not a non-negative decimal number such as 129.90.',
  INVALID_INTERNAL_CODE:
    'The internal code is longer than 64 characters or contains spaces or control characters.',
  INTERNAL_CODE_EXISTS: 'This internal code is already on another unit, or repeated in the file.',
};
