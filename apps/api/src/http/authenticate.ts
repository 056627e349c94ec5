import type { Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '@serialgraph/domain';
import type { Database } from '../db/database';
import type { ApiKey } from '../modules/auth/api-key.entity';
import { authenticate } from '../modules/auth/auth.service';
import { sendGraphQLError } from './graphql-error-response';
import { sendRateLimited, type RateLimiter } from './rate-limit';

/** The caller's key, found by {@link authenticateRequests}; undefined when the request has none. */
export function callerKey(res: Response): ApiKey | undefined {
  return res.locals.apiKey as ApiKey | undefined;
}

/** What a caller without a valid key is told, before the body is read and by the GraphQL context. */
export const UNAUTHENTICATED_MESSAGE = 'Send a valid API key: Authorization: Bearer <key>.';

export function sendUnauthenticated(res: Response): void {
  sendGraphQLError(res, 401, ErrorCode.UNAUTHENTICATED, { message: UNAUTHENTICATED_MESSAGE });
}

/** A request whose body we would have to read (GET and HEAD carry their query in the URL). */
function hasBody(req: Request): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD';
}

/**
 * Runs before the body is read: looks the key up (one indexed read) and counts the request against
 * its rate limit. A request with a body and no valid key is answered 401 at once, unread, however
 * large it claims to be. A GET without a key goes on: the landing page needs none, and the GraphQL
 * context answers 401 to an operation. Requests without a valid key are limited per address; a valid
 * key is still served from an address that used that up (many clerks may share one address), since
 * its lookup is a single indexed read. With `withoutKey` given, a request with a body and no
 * Authorization header at all goes to it instead of being refused (the public warranty lookup:
 * modules/warranty/public-request.ts, which reads at most a few KB and lets one field through).
 */
export function authenticateRequests(
  db: Database,
  limiter: RateLimiter,
  withoutKey?: RequestHandler,
): RequestHandler {
  return async (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const header = req.headers.authorization;
    let key: ApiKey | null = null;
    if (header) {
      try {
        key = await authenticate(db.orm.em.fork(), header);
      } catch (error) {
        return next(error); // handleHttpErrors: 503 with Retry-After if transient, else a masked 500
      }
    }
    if (key) {
      const wait = await limiter.consumeKey(key.id);
      if (wait) return sendRateLimited(res, wait, limiter.limits.perKeyPerMinute, 'for this API key');
      res.locals.apiKey = key;
      return next();
    }
    const wait = await limiter.consumeUnauthenticated(address);
    if (wait)
      return sendRateLimited(
        res,
        wait,
        limiter.limits.unauthenticatedPerMinute,
        'without a valid API key from your address',
      );
    if (!header && withoutKey && hasBody(req)) return withoutKey(req, res, next);
    if (header || hasBody(req)) return sendUnauthenticated(res);
    next();
  };
}
