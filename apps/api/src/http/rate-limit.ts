import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Response } from 'express';
import { ErrorCode } from '@serialgraph/domain';
import { sendGraphQLError } from './graphql-error-response';

/** Requests per minute per API key: a busy scanning station does a few per second. 0 disables. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 3000;
/** Requests per minute per client address that carry no valid key. 0 disables. */
export const DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE = 300;

export interface RateLimits {
  perKeyPerMinute: number;
  unauthenticatedPerMinute: number;
}

/** Seconds until the caller may try again, or null when the request may go on. */
type Verdict = number | null;

/**
 * Fixed one-minute windows kept in this process's memory (rate-limiter-flexible): per API key
 * (by its id, so no key material is kept) and, for requests without a valid key, per address.
 */
export class RateLimiter {
  private readonly perKey: RateLimiterMemory | null;
  private readonly unauthenticated: RateLimiterMemory | null;

  constructor(readonly limits: RateLimits) {
    this.perKey =
      limits.perKeyPerMinute > 0
        ? new RateLimiterMemory({ points: limits.perKeyPerMinute, duration: 60 })
        : null;
    this.unauthenticated =
      limits.unauthenticatedPerMinute > 0
        ? new RateLimiterMemory({ points: limits.unauthenticatedPerMinute, duration: 60 })
        : null;
  }

  /** Counts a request of an authenticated key. */
  consumeKey(keyId: string): Promise<Verdict> {
    return consume(this.perKey, keyId);
  }

  /** Counts a request without a valid key from this address. */
  consumeUnauthenticated(address: string): Promise<Verdict> {
    return consume(this.unauthenticated, address);
  }
}

async function consume(limiter: RateLimiterMemory | null, key: string): Promise<Verdict> {
  if (!limiter) return null;
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return secondsOf(rejection);
    throw rejection;
  }
}

function secondsOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** 429 with Retry-After and RATE_LIMITED, naming the limit. */
export function sendRateLimited(
  res: Response,
  retryAfterSeconds: number,
  perMinute: number,
  whose: string,
): void {
  sendGraphQLError(res, 429, ErrorCode.RATE_LIMITED, {
    message: `Too many requests ${whose}: the limit is ${perMinute} per minute. Try again in ${retryAfterSeconds} s.`,
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { limitPerMinute: perMinute, retryAfterSeconds },
  });
}
