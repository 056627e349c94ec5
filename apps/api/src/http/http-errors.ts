import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, defaultErrorMessages } from '@serialgraph/domain';
import { RETRY_AFTER_SECONDS } from '../common/errors';
import { logFailure } from '../common/log';
import { isTransientDatabaseError } from '../common/transient';
import { sendGraphQLError } from './graphql-error-response';
import { tooLarge } from './json-body';

/** Express's default 404 is an HTML page; this one is a GraphQL error and echoes nothing of the URL. */
export const notFound: RequestHandler = (_req, res) =>
  sendGraphQLError(res, 404, ErrorCode.NOT_FOUND, {
    message: 'Nothing is served at this path; send GraphQL requests to /graphql.',
  });

/** Errors of body-parser (and other http-errors) by their `type`, as the client should read them. */
function describe(error: { type?: unknown; limit?: unknown; status?: unknown }) {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: tooLarge(Number(error.limit)),
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: 'Send the request as UTF-8 JSON, uncompressed or gzip/deflate/br encoded.',
      };
  }
  const status = typeof error.status === 'number' ? error.status : 500;
  if (status >= 400 && status < 500) {
    return { status, code: ErrorCode.BAD_REQUEST, message: 'The request could not be read.' };
  }
  return null;
}

/**
 * Replaces Express's default error handler, which answers with an HTML page carrying the stack
 * trace and file paths (outside production). Every error becomes a JSON GraphQL error; unexpected
 * ones are logged without their message and answered with an error id.
 */
export const handleHttpErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const known = describe((error ?? {}) as Record<string, unknown>);
  if (known) return sendGraphQLError(res, known.status, known.code, { message: known.message });
  if (isTransientDatabaseError(error)) return sendServiceUnavailable(res, error);
  sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', {
    extensions: { errorId: logFailure('error', 'unexpected HTTP error', error, { frames: true }) },
  });
};

/** 503 with Retry-After, for a transient database failure that failed the whole request. */
export function sendServiceUnavailable(res: Parameters<RequestHandler>[1], error: unknown): void {
  sendGraphQLError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, {
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    extensions: { errorId: logFailure('warn', 'transient database failure', error) },
  });
}

/**
 * Wraps the GraphQL context function: a transient database failure while creating the context
 * (Apollo would answer 500 "Context creation failed: <the SQL>") becomes 503 SERVICE_UNAVAILABLE
 * with Retry-After. The message is set by formatError, which also masks every other failure.
 */
export function retryLaterOnTransientFailure<A extends unknown[], C>(
  createContext: (...args: A) => Promise<C>,
): (...args: A) => Promise<C> {
  return async (...args) => {
    try {
      return await createContext(...args);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      throw new GraphQLError(defaultErrorMessages.SERVICE_UNAVAILABLE, {
        originalError: error as Error,
        extensions: {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
        },
      });
    }
  };
}

/**
 * A request that produced no data because the database was briefly unavailable answers HTTP 503
 * with Retry-After (a partial result keeps 200: the data that was read is valid).
 */
export const serviceUnavailableStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data != null || !errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE))
          return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};
