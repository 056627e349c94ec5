import { DocumentType } from './statuses.js';

/** The three-letter prefix of each document type's human-readable number (RECEIPT → RCV, …). */
export const DOCUMENT_NUMBER_PREFIX: Record<DocumentType, string> = {
  RECEIPT: 'RCV',
  SHIPMENT: 'SHP',
  SALES_RETURN: 'RET',
  TRANSFER: 'TRF',
  WRITE_OFF: 'WOF',
  HOLD: 'HLD',
  RELEASE: 'RLS',
  REPAIR_INTAKE: 'RPI',
  REPAIR_RELEASE: 'RPO',
  SERIAL_CORRECTION: 'COR',
};

/** Width of the zero-padded sequence (6); longer sequences are written in full, never truncated. */
export const DOCUMENT_NUMBER_DIGITS = 6;

/** The human-readable number of a document, e.g. RECEIPT 1 → `RCV-000001`; seq must be a positive integer. */
export function formatDocumentNumber(type: DocumentType, seq: number): string {
  // A bad sequence is a bug in the caller, not user input, so it is not a DomainError.
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`Document sequence must be a positive integer, got ${seq}`);
  return `${DOCUMENT_NUMBER_PREFIX[type]}-${String(seq).padStart(DOCUMENT_NUMBER_DIGITS, '0')}`;
}
