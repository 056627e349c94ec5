/** Every stable error code a refused request can carry in `extensions.code`; values equal their keys. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  SERIALS_REQUIRED: 'SERIALS_REQUIRED',
  SERIALS_NOT_ALLOWED: 'SERIALS_NOT_ALLOWED',
  SERIAL_COUNT_MISMATCH: 'SERIAL_COUNT_MISMATCH',
  INVALID_SERIAL_FORMAT: 'INVALID_SERIAL_FORMAT',
  DUPLICATE_SERIAL: 'DUPLICATE_SERIAL',
  SERIAL_EXISTS: 'SERIAL_EXISTS',
  SERIAL_NOT_FOUND: 'SERIAL_NOT_FOUND',
  SERIAL_NOT_AVAILABLE: 'SERIAL_NOT_AVAILABLE',
  NOT_IN_SHIPMENT: 'NOT_IN_SHIPMENT',
  TRACKING_IRREVERSIBLE: 'TRACKING_IRREVERSIBLE',
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  // Not in contract v1: refusing to ship or move more untracked units than are in stock.
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  // The HTTP edge: refused before GraphQL runs (each with its HTTP status: 400, 413, 415, 429).
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  // A transient database failure (connection lost, deadlock, timeout): retry.
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // Not in contract v1: a query over the server's depth, alias, token or cost limit (refused before it runs).
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  // Not in contract v1: a database statement ran out of time (nothing was written); retry later or ask for less.
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  // Not in contract v1: a request carried a posting mutation beside other mutations.
  ONE_POSTING_PER_REQUEST: 'ONE_POSTING_PER_REQUEST',
  TOO_MANY_LABELS: 'TOO_MANY_LABELS',
  // Not in contract v1: an internal code (asset tag) already on another unit, or repeated in the input.
  INTERNAL_CODE_EXISTS: 'INTERNAL_CODE_EXISTS',
  // Not in contract v1: a product barcode that is not a GTIN/EAN/UPC with a correct check digit.
  INVALID_BARCODE: 'INVALID_BARCODE',
  // Not in contract v1: a product barcode already carried by another product of the organization.
  BARCODE_EXISTS: 'BARCODE_EXISTS',
  // Not in contract v1: a receipt named a serial reservation past its expiry (its numbers are never reissued).
  RESERVATION_EXPIRED: 'RESERVATION_EXPIRED',
  // Not in contract v1: the public warranty page's slug is already another organization's.
  WARRANTY_SLUG_TAKEN: 'WARRANTY_SLUG_TAKEN',
  // Not in contract v1: a WebSocket connection asked for more subscriptions than it may hold at once.
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  // Not in contract v1: a CSV import with rows that cannot be received (the report names every one); nothing written.
  IMPORT_REFUSED: 'IMPORT_REFUSED',
  // Not in contract v1: the stock count is closed or cancelled (closing is once; scans need an open count).
  STOCK_COUNT_NOT_OPEN: 'STOCK_COUNT_NOT_OPEN',
  // Not in contract v1: a webhook URL that is not http(s), carries credentials or points into a private network.
  WEBHOOK_URL_REFUSED: 'WEBHOOK_URL_REFUSED',
} as const;

/** One of the stable error codes in {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Plain-English message per code, used when no specific message is given; each says what to do. */
export const defaultErrorMessages: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Send a valid API key in the Authorization header.',
  FORBIDDEN: 'Your API key is not allowed to do this; ask an administrator for a key with the right role.',
  NOT_FOUND: 'Nothing with this id exists in your organization; check the id.',
  BAD_USER_INPUT: 'The input is malformed; correct it and try again.',
  SERIALS_REQUIRED: 'This product is serial-tracked: list the serial number of every unit on the line.',
  SERIALS_NOT_ALLOWED: 'This product is not serial-tracked: remove the serial numbers from the line.',
  SERIAL_COUNT_MISMATCH: 'The quantity must equal the number of serial numbers on the line.',
  INVALID_SERIAL_FORMAT:
    "These serial numbers are empty, longer than 64 characters, contain spaces or control characters, or do not match the product's serial format.",
  DUPLICATE_SERIAL:
    'These serial numbers appear more than once (letter case is ignored); list each unit once.',
  SERIAL_EXISTS: 'These serial numbers are already recorded for this product; check for a misread label.',
  SERIAL_NOT_FOUND:
    'These serial numbers are not recorded for this product; check the numbers or receive them first.',
  SERIAL_NOT_AVAILABLE: 'These units are not available for this operation (wrong status or warehouse).',
  NOT_IN_SHIPMENT: 'These units were not in this shipment or have already been returned.',
  TRACKING_IRREVERSIBLE:
    'Serial tracking cannot be turned off, nor turned on while untracked stock exists; create a new product instead.',
  IDEMPOTENCY_CONFLICT: 'This idempotency key was already used with a different input; use a new key.',
  INSUFFICIENT_STOCK: 'There are not enough units in stock in this warehouse for this quantity.',
  BAD_REQUEST: 'The request body is not valid JSON; send a JSON GraphQL request.',
  PAYLOAD_TOO_LARGE: 'The request body is too large; split the document into smaller ones.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the request as application/json.',
  RATE_LIMITED: 'Too many requests; wait as long as the Retry-After header says, then try again.',
  SERVICE_UNAVAILABLE:
    'The database is briefly unavailable; try again in a moment (see Retry-After). Resend a posting with the same idempotencyKey: it is never recorded twice.',
  QUERY_TOO_COMPLEX:
    'This query asks for too much at once (nesting, aliases, size or list sizes); ask for fewer fields or smaller pages, or split it.',
  QUERY_TIMEOUT:
    'The database took too long to answer and nothing was written; retry in a moment, or ask for less (smaller pages, fewer fields).',
  ONE_POSTING_PER_REQUEST:
    'A request may post one document and nothing else; send each posting mutation in its own request.',
  TOO_MANY_LABELS: 'This asks for more labels than one request prints; split it into smaller requests.',
  INTERNAL_CODE_EXISTS:
    'These internal codes are already on another unit of your organization, or repeated in the input (letter case is ignored); give each unit its own code.',
  INVALID_BARCODE:
    'These barcodes are not GTIN/EAN/UPC codes (8, 12, 13 or 14 digits with a correct check digit); check for a misread or mistyped digit.',
  BARCODE_EXISTS: 'These barcodes already belong to another product; take them off that product first.',
  RESERVATION_EXPIRED:
    'This serial reservation has expired and its numbers are void (never reissued); reserve new numbers.',
  WARRANTY_SLUG_TAKEN:
    'This warranty page address is already taken by another organization; choose another slug.',
  TOO_MANY_SUBSCRIPTIONS:
    'This connection holds as many subscriptions as it may; complete one first, or open another connection.',
  IMPORT_REFUSED:
    'Some rows of this file cannot be received and nothing was recorded; fix the rows the report names (try it with dryRun=true) and send the file again.',
  STOCK_COUNT_NOT_OPEN:
    'This stock count is already closed or cancelled; nothing was changed. Start a new count to count again.',
  WEBHOOK_URL_REFUSED:
    'This webhook URL is refused: use http:// or https://, no user:password@, and a public address; `extensions.field` is "url".',
};

// Thousands of serials in one message would swamp logs and UIs; `serials` keeps the full list.
const MAX_SERIALS_IN_MESSAGE = 50;

/** A refused domain rule with a stable code; `serials` names every offending number (default: none). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly serials?: string[],
    readonly details?: Record<string, unknown>,
  ) {
    super(withSerials(message ?? defaultErrorMessages[code], serials));
    this.name = 'DomainError';
  }
}

/** True for a DomainError, also one thrown by another bundled copy of this package (where instanceof fails). */
export function isDomainError(error: unknown): error is DomainError {
  if (error instanceof DomainError) return true;
  if (!(error instanceof Error) || error.name !== 'DomainError') return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(ErrorCode, code);
}

function withSerials(message: string, serials: readonly string[] | undefined): string {
  if (!serials || serials.length === 0) return message;
  const shown = serials.slice(0, MAX_SERIALS_IN_MESSAGE).join(', ');
  const rest = serials.length - MAX_SERIALS_IN_MESSAGE;
  // Drop the sentence's final period so the list reads as its continuation.
  return `${message.replace(/\.$/, '')}: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`;
}
