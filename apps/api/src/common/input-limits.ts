import { SERIAL_FORMAT_MAX_LENGTH } from '@serialgraph/domain';

/**
 * Every size limit on what a caller may send, in one place (SECURITY.md lists them). Text limits
 * count UTF-16 code units, as class-validator's MaxLength does; serial numbers have their own
 * domain rule (64 code points, see @serialgraph/domain).
 */
export const LIMITS = {
  /** Warehouse code. */
  code: 32,
  /** Product SKU. */
  sku: 64,
  /** Names of products, warehouses and parties. */
  name: 200,
  /** A document's external reference (delivery note, order number). */
  reference: 200,
  /** Idempotency keys. */
  idempotencyKey: 200,
  /** Search strings of filters and lists. */
  search: 200,
  /** A product's serialFormat pattern. */
  serialFormat: SERIAL_FORMAT_MAX_LENGTH,
  /** A party's email address (RFC 5321's limit). */
  email: 254,
  /** A party's phone number, as written. */
  phone: 50,
  /** Notes and reasons (may span lines). */
  note: 2_000,
  /** Any other text argument (ids, cursors, lookups): nothing legitimate is longer. */
  anyText: 2_000,
  /** Serial numbers on one document, over all its lines. */
  serialsPerDocument: 100_000,
  /** Lines on one document. */
  linesPerDocument: 1_000,
  /** Units on one line (untracked products; a tracked line is bounded by its serials). */
  lineQuantity: 1_000_000,
} as const;
