import { randomUUID } from 'node:crypto';

/** A caller's id is kept only if it is a plain token: nothing that could forge or break a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token (≤ 128 of [A-Za-z0-9._-]), otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
