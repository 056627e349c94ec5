/**
 * The tables holding an organization's data, parents before children (an order their foreign keys
 * accept for copying rows). serial_count is left out: triggers keep it. Migrations keep their own
 * frozen lists; this one follows the current schema.
 */
export const LEDGER_TABLES = [
  'organization',
  'api_key',
  'product',
  'warehouse',
  'party',
  'document',
  'document_counter',
  'document_line',
  'serial',
  'movement',
  'stock_level',
] as const;
