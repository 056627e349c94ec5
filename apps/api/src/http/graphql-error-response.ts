import type { Response } from 'express';
import { defaultErrorMessages, type ErrorCode } from '@serialgraph/domain';
import { noteOutcome } from '../observability/request-context';

/**
 * Answers with the body a GraphQL client already understands,
 * `{"errors":[{"message":…,"extensions":{"code":…}}]}`, for refusals made before GraphQL runs.
 */
export function sendGraphQLError(
  res: Response,
  status: number,
  code: ErrorCode | 'INTERNAL_SERVER_ERROR',
  opts: { message?: string; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): void {
  noteOutcome(code);
  const message =
    opts.message ?? (code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : defaultErrorMessages[code]);
  res
    .status(status)
    .set(opts.headers ?? {})
    .json({ errors: [{ message, extensions: { code, ...opts.extensions } }] });
}
