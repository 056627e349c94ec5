import { wholeFromEnv } from '../../common/env-numbers';

/** Webhook delivery settings (README, Environment); every one has a default. */
export interface WebhooksConfig {
  /** Run the relay and the delivery worker in this process (SERIALGRAPH_WEBHOOKS=off: another process does). */
  enabled: boolean;
  /**
   * SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE=1: endpoints may be (and resolve to) loopback, private and
   * link-local addresses. Off by default: a webhook URL must never reach into the server's own network.
   */
  allowPrivate: boolean;
  /** One attempt's time limit (connect, send, response and its excerpt), in ms. */
  attemptTimeoutMs: number;
  /** The first retry's delay ceiling; each later one doubles it, up to {@link maxRetryDelayMs}. */
  retryBaseMs: number;
  /** The largest delay ceiling between two attempts. */
  maxRetryDelayMs: number;
  /** How long after its first attempt a delivery is retried; past it the delivery is FAILED. */
  retryForMs: number;
  /** How often committed outbox rows are turned into deliveries (each process). */
  relayPollMs: number;
  /** Deliveries one process sends at once. */
  concurrency: number;
}

export const DEFAULT_WEBHOOKS_CONFIG: WebhooksConfig = {
  enabled: true,
  allowPrivate: false,
  attemptTimeoutMs: 10_000,
  retryBaseMs: 30_000,
  maxRetryDelayMs: 2 * 60 * 60 * 1000,
  retryForMs: 24 * 60 * 60 * 1000,
  relayPollMs: 1000,
  concurrency: 4,
};

/** Response body bytes kept in the delivery log (and read at all). */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** The environment's settings; a malformed value stops the start-up, naming the variable. */
export function readWebhooksConfig(env: NodeJS.ProcessEnv = process.env): WebhooksConfig {
  const d = DEFAULT_WEBHOOKS_CONFIG;
  return {
    enabled: flag(env, 'SERIALGRAPH_WEBHOOKS', d.enabled),
    allowPrivate: flag(env, 'SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE', d.allowPrivate),
    attemptTimeoutMs: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_TIMEOUT_MS', d.attemptTimeoutMs, 50),
    retryBaseMs: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_RETRY_BASE_MS', d.retryBaseMs, 1),
    maxRetryDelayMs: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_RETRY_MAX_DELAY_MS', d.maxRetryDelayMs, 1),
    retryForMs: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_RETRY_FOR_MS', d.retryForMs, 0),
    relayPollMs: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_POLL_MS', d.relayPollMs, 50),
    concurrency: wholeFromEnv(env, 'SERIALGRAPH_WEBHOOKS_CONCURRENCY', d.concurrency, 1),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'on', 'true'].includes(raw)) return true;
  if (['0', 'off', 'false'].includes(raw)) return false;
  throw new Error(`${name} must be 1/on or 0/off, not "${env[name]}".`);
}
