import { randomUUID } from 'node:crypto';
import { sqlStateOf } from './transient';

// A frame of a stack trace ("    at fn (file:line:col)"). Only these lines of a stack are logged:
// an error's message is never logged, because database errors carry the SQL with every value
// inlined (an API key's hash, a customer's name, 100,000 serials).
const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?$/;

/**
 * Logs a failure that the caller only sees as a code: an id (also handed to the caller as
 * `extensions.errorId`, to quote when reporting it), the error's class, its PostgreSQL SQLSTATE
 * and, for unexpected errors, its stack frames. Returns the id.
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
  const frames =
    opts.frames && error instanceof Error
      ? (error.stack ?? '')
          .split('\n')
          .filter((line) => STACK_FRAME.test(line))
          .slice(0, 12)
      : [];
  const line = `${what} [errorId ${errorId}]: ${name}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`;
  console[level]([line, ...frames].join('\n'));
  return errorId;
}
