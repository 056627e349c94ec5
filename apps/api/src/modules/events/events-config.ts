import { wholeFromEnv } from '../../common/env-numbers';

/** Subscriptions: where the listener connects, how often it polls, and what one caller may hold. */
export interface EventsConfig {
  /**
   * DATABASE_LISTEN_URL: a direct (session) connection for LISTEN, as the application role. PgBouncer
   * in transaction mode cannot LISTEN; default: the application's own connection (DATABASE_URL).
   */
  listenUrl?: string;
  /** Whether to LISTEN at all; off, delivery relies on polling alone (SERIALGRAPH_EVENTS_LISTEN=off). */
  listen: boolean;
  /** How often the outbox is polled for organizations with subscribers, in case a NOTIFY was missed. */
  pollIntervalMs: number;
  /** Subscriptions one WebSocket connection may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** WebSocket connections one API key may hold at once (in this process). */
  maxConnectionsPerKey: number;
  /** Largest WebSocket message a client may send, in bytes. */
  maxMessageBytes: number;
}

export const DEFAULT_EVENTS_CONFIG: EventsConfig = {
  listen: true,
  pollIntervalMs: 2000,
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerKey: 20,
  maxMessageBytes: 64 * 1024,
};

/** The environment's settings; a malformed number stops the start-up, naming the variable. */
export function readEventsConfig(env: NodeJS.ProcessEnv = process.env): EventsConfig {
  const d = DEFAULT_EVENTS_CONFIG;
  const listen = env.SERIALGRAPH_EVENTS_LISTEN?.trim().toLowerCase();
  if (listen && !['on', 'off'].includes(listen))
    throw new Error(
      `SERIALGRAPH_EVENTS_LISTEN must be "on" or "off", not "${env.SERIALGRAPH_EVENTS_LISTEN}".`,
    );
  return {
    listenUrl: env.DATABASE_LISTEN_URL?.trim() || undefined,
    listen: listen !== 'off',
    pollIntervalMs: wholeFromEnv(env, 'SERIALGRAPH_EVENTS_POLL_MS', d.pollIntervalMs, 50),
    maxSubscriptionsPerConnection: wholeFromEnv(
      env,
      'SERIALGRAPH_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION',
      d.maxSubscriptionsPerConnection,
      1,
    ),
    maxConnectionsPerKey: wholeFromEnv(
      env,
      'SERIALGRAPH_WS_MAX_CONNECTIONS_PER_KEY',
      d.maxConnectionsPerKey,
      1,
    ),
    maxMessageBytes: wholeFromEnv(env, 'SERIALGRAPH_WS_MAX_MESSAGE_BYTES', d.maxMessageBytes, 1024),
  };
}
