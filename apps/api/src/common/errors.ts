import { DomainError, ErrorCode, defaultErrorMessages, isDomainError } from '@serialgraph/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AuthorizationError } from 'type-graphql';
import { logFailure } from './log';
import { isTransientDatabaseError } from './transient';
import { queryTimeoutError } from '../db/statement-timeout';

export { DomainError, ErrorCode };

/** Shorthand for the most common refusal. */
export function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${what} was not found.`);
}

export function badInput(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, undefined, details);
}

/** Seconds a client is asked to wait (Retry-After) after a transient database failure. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * What was thrown, under GraphQL's wrapping (a resolver's error, or Apollo's "Context creation
 * failed: …", whose message is the original's: for a database error, its SQL).
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/**
 * Turns whatever a resolver threw into the contract's error shape: a stable `extensions.code`, and
 * `extensions.serials` naming every offending number. A transient database failure is
 * SERVICE_UNAVAILABLE; anything else unexpected is masked as INTERNAL_SERVER_ERROR. Both carry an
 * `errorId` that the log line also carries (which holds no message: SQL, keys and inputs stay out).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = queryTimeoutError(rootCause(error)) ?? rootCause(error);
  if (isDomainError(original)) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.serials ? { serials: original.serials } : {}),
        ...(original.details ?? {}),
      },
    };
  }
  // type-graphql 2 throws AuthorizationError (extensions.code UNAUTHORIZED) when a role check fails.
  if (original instanceof AuthorizationError) {
    return {
      ...formatted,
      message: 'Your API key’s role may not do this.',
      extensions: { code: ErrorCode.FORBIDDEN },
    };
  }
  if (isTransientDatabaseError(original)) {
    return {
      message: defaultErrorMessages.SERVICE_UNAVAILABLE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        errorId: logFailure('warn', 'transient database failure', original),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError || (code && code !== 'INTERNAL_SERVER_ERROR')) return formatted;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      errorId: logFailure('error', 'unexpected error', original, { frames: true }),
    },
  };
}
