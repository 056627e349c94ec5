import { formatTemplateNumber, parseNumberTemplate } from '@serialgraph/domain';

/** Most numbers one reservation (or one `generate` line) may hand out. */
export const MAX_RESERVATION_COUNT = 10_000;

/** Default life of a reservation when SERIALGRAPH_RESERVATION_TTL_MINUTES is unset: 24 hours. */
export const DEFAULT_RESERVATION_TTL_MINUTES = 24 * 60;

/** A `serial_reservation` row: `count` numbers of one counter from `firstSeq`, `received` of them received (in order). */
export interface ReservationRow {
  id: string;
  organizationId: string;
  productId: string;
  /** The product's template when the numbers were reserved: they keep its shape if it changes later. */
  template: string;
  counterKey: string;
  issuedAt: Date;
  firstSeq: number;
  count: number;
  received: number;
  expiresAt: Date;
  actor: string;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** Every column, as `select` lists read it (bigints as numbers: a counter stays below 10^15). */
export const RESERVATION_COLUMNS = `r.id, r.organization_id as "organizationId", r.product_id as "productId",
  r.template, r.counter_key as "counterKey", r.issued_at as "issuedAt", r.first_seq::float8 as "firstSeq",
  r.count, r.received, r.expires_at as "expiresAt", r.actor, r.idempotency_key as "idempotencyKey",
  r.request_hash as "requestHash"`;

/** A row as read with RESERVATION_COLUMNS, its times as Dates whatever the driver gave. */
export function asReservation(row: ReservationRow): ReservationRow;
export function asReservation(row: ReservationRow | undefined): ReservationRow | null;
export function asReservation(row: ReservationRow | undefined): ReservationRow | null {
  if (!row) return null;
  return { ...row, issuedAt: new Date(row.issuedAt), expiresAt: new Date(row.expiresAt) };
}

/** Numbers `from` … `from + n − 1` (0-based within the reservation), as the reservation's template writes them. */
export function reservedNumbers(r: ReservationRow, from = 0, n = r.count - from): string[] {
  const template = parseNumberTemplate(r.template);
  const numbers: string[] = [];
  for (let i = from; i < from + n; i++)
    numbers.push(formatTemplateNumber(template, r.issuedAt, r.firstSeq + i));
  return numbers;
}

export type ReservationState = 'ACTIVE' | 'CONSUMED' | 'EXPIRED';

/** Every number received: CONSUMED; otherwise EXPIRED from expiresAt on, ACTIVE before. */
export function reservationState(r: ReservationRow, now: Date): ReservationState {
  if (r.received >= r.count) return 'CONSUMED';
  return now >= r.expiresAt ? 'EXPIRED' : 'ACTIVE';
}

/** Opaque id of a reservation, shaped like the Node ids (base64url of `SerialReservation:uuid`). */
export function reservationGlobalId(id: string): string {
  return Buffer.from(`SerialReservation:${id}`).toString('base64url');
}
