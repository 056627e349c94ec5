import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Database failures after which the same request can succeed a moment later: the caller gets
 * SERVICE_UNAVAILABLE (retry), never NOT_FOUND or INTERNAL_SERVER_ERROR. The driver's error travels
 * wrapped (MikroORM copies the pg error's fields, knex prefixes its message with the SQL), so every
 * test looks at codes and names, not at whole messages.
 */

/** PostgreSQL SQLSTATEs of a transient failure. Class 08 (connection exception) is matched as a class. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout, pg_cancel_backend)
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
]);

/** The transaction was rolled back by the database itself, so running it again whole is safe. */
const ROLLED_BACK_SQLSTATES = new Set(['40001', '40P01']);

/** Base pause before the one retry (doubled at most by jitter). */
const RETRY_PAUSE_MS = 50;

/** Socket failures on the way to the database. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * pg and knex raise these without a code: a connection that died, or none to be had from the pool.
 * "Transaction query already complete" is knex's answer to a statement sent on a transaction whose
 * connection died under it (postings await every statement inside their transaction, so nothing
 * else of ours reaches a finished one).
 */
const TRANSIENT_DRIVER_MESSAGE =
  /Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect|Timeout acquiring a connection|Transaction query already complete/;

interface DriverErrorFields {
  name?: unknown;
  code?: unknown;
  sqlState?: unknown;
  message?: unknown;
  cause?: unknown;
  previous?: unknown;
  originalError?: unknown;
}

/** The error and whatever it wraps (cause, MikroORM's previous, GraphQL's originalError). */
function* chain(error: unknown): Generator<DriverErrorFields> {
  const seen = new Set<unknown>();
  let current = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as DriverErrorFields;
    yield e;
    current = e.cause ?? e.previous ?? e.originalError;
  }
}

/** The PostgreSQL SQLSTATE behind an error, if it came from the server. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const e of chain(error)) {
    for (const value of [e.sqlState, e.code]) {
      // Five characters; no SQLSTATE class starts with E, which keeps out EPIPE and friends.
      if (typeof value === 'string' && /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(value)) return value;
    }
  }
  return undefined;
}

/** The socket error code (ECONNREFUSED, …) behind an error, if the connection failed. */
export function socketCodeOf(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** True when the database failed in a way that a retry a moment later can cure. */
export function isTransientDatabaseError(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  if (sqlState) return TRANSIENT_SQLSTATES.has(sqlState) || sqlState.startsWith('08');
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && TRANSIENT_SOCKET_CODES.has(e.code)) return true;
    if (e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && TRANSIENT_DRIVER_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** A serialization failure or deadlock: PostgreSQL rolled the whole transaction back. */
export function isRolledBackByDatabase(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  return sqlState !== undefined && ROLLED_BACK_SQLSTATES.has(sqlState);
}

/**
 * Runs `work`, and once more when it fails in a way `retryable` accepts. The default only retries
 * what PostgreSQL rolled back itself (serialization failure, deadlock): a transaction cut off by a
 * lost connection may or may not have committed, so it is answered, not repeated. Read-only work
 * may pass `isTransientDatabaseError`.
 */
export async function retryOnce<T>(
  work: () => Promise<T>,
  retryable: (error: unknown) => boolean = isRolledBackByDatabase,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!retryable(error)) throw error;
    // A short, jittered pause: the pool learns that a cut connection is closed (else it hands the
    // same one out again), and two deadlocked postings do not collide again in step.
    await sleep(RETRY_PAUSE_MS * (1 + Math.random()));
    return work();
  }
}

/** `em.transactional(work)`, run again whole once when PostgreSQL rolled it back (deadlock, serialization). */
export function transactionRetriedOnce<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return retryOnce(() => em.transactional(work));
}
