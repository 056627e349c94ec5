import { ErrorCode, isDomainError, type DomainError } from '@serialgraph/domain';
import { RETRY_AFTER_SECONDS } from '../../common/errors';
import { logFailure } from '../../common/log';
import { isTransientDatabaseError, sqlStateOf } from '../../common/transient';

/** A refusal as the JSON GraphQL error body every route answers with, and its HTTP status. */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
}

const STATUS: Partial<Record<DomainError['code'], number>> = {
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.RATE_LIMITED]: 429,
};

function refusal(
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Refusal {
  return { status, headers, body: { errors: [{ message, extensions: { code, ...extensions } }] } };
}

/**
 * What a CSV route answers for `error`: domain refusals with their code (and every serial they
 * name), a statement timeout or a database hiccup as retryable 503, anything else a masked 500
 * whose id is in the server log. Never SQL text, a stack trace or a path.
 */
export function refusalFor(error: unknown): Refusal {
  const retry = { 'retry-after': String(RETRY_AFTER_SECONDS) };
  if (isDomainError(error))
    return refusal(
      STATUS[error.code] ?? 400,
      error.code,
      error.message,
      { ...(error.serials ? { serials: error.serials } : {}), ...error.details },
      error.code === ErrorCode.RATE_LIMITED ? retry : {},
    );
  if (sqlStateOf(error) === '57014' && String((error as Error).message).includes('statement timeout'))
    return refusal(
      503,
      ErrorCode.QUERY_TIMEOUT,
      'The database took longer than allowed and this request was stopped; nothing was written. Retry in a moment, or ask for less (a narrower filter).',
      { retryable: true, errorId: logFailure('warn', 'CSV route statement timeout', error) },
      retry,
    );
  if (isTransientDatabaseError(error))
    return refusal(
      503,
      ErrorCode.SERVICE_UNAVAILABLE,
      'The database is briefly unavailable; try again in a moment (see Retry-After).',
      {
        errorId: logFailure('warn', 'transient database failure', error),
      },
      retry,
    );
  return refusal(500, 'INTERNAL_SERVER_ERROR', 'Internal server error', {
    errorId: logFailure('error', 'unexpected CSV route error', error, { frames: true }),
  });
}
