import type { WebhooksConfig } from './webhooks-config';

/**
 * The wait before attempt `failed + 1`, after `failed` failed attempts: exponential backoff with full
 * jitter (a uniform draw below the ceiling `base · 2^(failed-1)`, capped at `maxRetryDelayMs`), so
 * receivers that come back up are not hit by every sender at once. Null once the next attempt would
 * fall past `retryForMs` after the first one: the delivery has failed.
 */
export function nextRetryDelayMs(
  failed: number,
  firstAttemptAt: Date,
  now: Date,
  config: Pick<WebhooksConfig, 'retryBaseMs' | 'maxRetryDelayMs' | 'retryForMs'>,
  random: () => number = Math.random,
): number | null {
  const ceiling = Math.min(config.maxRetryDelayMs, config.retryBaseMs * 2 ** Math.min(failed - 1, 40));
  const delay = Math.floor(random() * ceiling);
  const elapsed = now.getTime() - firstAttemptAt.getTime();
  return elapsed + delay > config.retryForMs ? null : delay;
}
