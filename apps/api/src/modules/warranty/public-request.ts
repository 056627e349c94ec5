import express, { type RequestHandler, type Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '@serialgraph/domain';
import { sendUnauthenticated } from '../../http/authenticate';
import { sendGraphQLError } from '../../http/graphql-error-response';
import { sendRateLimited } from '../../http/rate-limit';
import { isPublicWarrantyRequest } from './public-document';
import { PUBLIC_MAX_BODY_BYTES } from './public-limits';

const PUBLIC_REQUEST = 'publicWarrantyRequest';

/** True when {@link publicWarrantyRequests} let this request without a key through. */
export function isPublicWarrantyCall(res: Response): boolean {
  return res.locals[PUBLIC_REQUEST] === true;
}

function payloadTooLarge(res: Response): void {
  sendGraphQLError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, {
    message: `A request without an API key may carry at most ${PUBLIC_MAX_BODY_BYTES} bytes.`,
  });
}

/**
 * The one way in without an API key (authenticate.ts hands it the POSTs without an Authorization
 * header): a body of at most PUBLIC_MAX_BODY_BYTES (a larger announced one is refused 413 before
 * it is uploaded, a longer one when the limit is passed, unparsed) whose only root field is
 * `publicWarranty` (public-document.ts); anything else is 401 as before. Lookups are counted per
 * address on top of the limit for requests without a key; over it, 429.
 */
export function publicWarrantyRequests(perMinute: number): RequestHandler {
  const limiter = perMinute > 0 ? new RateLimiterMemory({ points: perMinute, duration: 60 }) : null;
  const readBody = express.json({ limit: PUBLIC_MAX_BODY_BYTES, type: () => true });
  /** Seconds to wait when this address used up its lookups, else null (and the lookup is counted). */
  const wait = async (address: string): Promise<number | null> => {
    if (!limiter) return null;
    try {
      await limiter.consume(address);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  };
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.is('application/json')) return sendUnauthenticated(res);
    if (Number(req.headers['content-length']) > PUBLIC_MAX_BODY_BYTES) return payloadTooLarge(res);
    readBody(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') return payloadTooLarge(res);
      if (error || !isPublicWarrantyRequest(req.body)) return sendUnauthenticated(res);
      wait(req.ip ?? req.socket.remoteAddress ?? 'unknown').then((seconds) => {
        if (seconds !== null)
          return sendRateLimited(res, seconds, perMinute, 'for warranty lookups from your address');
        res.locals[PUBLIC_REQUEST] = true;
        next();
      }, next);
    });
  };
}
