import { randomUUID } from 'node:crypto';
import { DriverException } from '@mikro-orm/core';
import { currentLog } from '../observability/request-context';
import { isTransientDatabaseError, socketCodeOf, sqlStateOf } from './transient';

// A frame of a stack trace ("    at fn (file:line:col)"). Only these lines of a stack are logged:
// an error's message is never logged, because database errors carry the SQL with every value
// inlined (an API key's hash, a customer's name, 100,000 serials).
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?$/;

/**
 * Logs a failure that the caller only sees as a code: an id (also handed to the caller as
 * `extensions.errorId`, to quote when reporting it), the error's class, its PostgreSQL SQLSTATE
 * and, for unexpected errors, its stack frames. Returns the id. Inside a request the line also
 * carries the request id (see observability/request-log.ts).
 */
export function logFailure(
  level: 'error' | 'warn',
  what: string,
  error: unknown,
  opts: { frames?: boolean } = {},
): string {
  const errorId = randomUUID();
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const sqlState = sqlStateOf(error);
  const socketCode = sqlState ? undefined : socketCodeOf(error);
  const frames =
    opts.frames && error instanceof Error
      ? (error.stack ?? '')
          .split('\n')
          .filter((line) => STACK_FRAME.test(line))
          .slice(0, 12)
      : [];
  currentLog()[level](
    { errorId, error: name, sqlState, socketCode, ...(frames.length ? { frames } : {}) },
    what,
  );
  return errorId;
}

/**
 * An error for a start-up or command-line failure: its stack (or message), unless it came from the
 * database, whose message is the SQL with every value inlined (e.g. a key's hash): then its class,
 * SQLSTATE and whether the connection failed.
 */
export function describeForLog(error: unknown, opts: { stack?: boolean } = {}): string {
  if (!(error instanceof Error)) return String(error);
  const sqlState = sqlStateOf(error);
  if (!(error instanceof DriverException) && !sqlState)
    return (opts.stack ? error.stack : undefined) ?? error.message;
  const name = error.constructor.name || error.name;
  const what = isTransientDatabaseError(error)
    ? 'the connection to the database failed (is it running and reachable?)'
    : 'the database refused a statement';
  return `${name}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}: ${what}`;
}
