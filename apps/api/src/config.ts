import path from 'node:path';
import { DEFAULT_MAX_BODY_BYTES } from './http/json-body';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
} from './http/rate-limit';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from './db/database-limits';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';
import {
  readLogLevel,
  readTracingConfig,
  type LogLevel,
  type MetricsAccess,
  type TracingConfig,
} from './observability';
import { DEFAULT_RESERVATION_TTL_MINUTES } from './modules/numbering/reservation.row';
import { DEFAULT_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE } from './modules/warranty/public-limits';
import { readEventsConfig, type EventsConfig } from './modules/events/events-config';
import { readWebhooksConfig, type WebhooksConfig } from './modules/webhooks/webhooks-config';
import { readCsvOptions, type CsvOptions } from './modules/csv/csv-config';

/** Runtime settings, read once from the environment. */
export interface ServerConfig {
  /** HTTP port; default 4000. */
  port: number;
  /** HTTP bind address; default 127.0.0.1. */
  host: string;
  /** Any PostgreSQL ≥ 15; when unset an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /** The tables' owner, for migrations (DATABASE_MIGRATION_URL); DATABASE_URL when unset. */
  migrationUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for lag-tolerant reads; default none (all reads on the primary). */
  readDatabaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its data; default ./.data. */
  dataDir: string;
  /** When set, an organization "default" with an admin key of this value exists after start-up. */
  bootstrapKey: string | undefined;
  /** Shows the Apollo Sandbox landing page; default true unless NODE_ENV=production. */
  landingPage: boolean;
  /** Largest request body read, in bytes; default 8 MiB (a 100,000-serial document). */
  maxBodyBytes: number;
  /** Requests per minute per API key; default 3000; 0 disables. */
  rateLimitPerMinute: number;
  /** Requests per minute per client address without a valid key; default 300; 0 disables. */
  unauthenticatedRateLimitPerMinute: number;
  /** Public warranty lookups per minute per client address; default 30; 0 disables. */
  publicWarrantyRateLimitPerMinute: number;
  /** What one query may ask for, and each request's and organization's share of the database. */
  limits: { query: QueryLimits; database: DatabaseLimits };
  /** LOG_LEVEL; default info. */
  logLevel: LogLevel;
  /** Who may read /metrics (SERIALGRAPH_METRICS_TOKEN, SERIALGRAPH_METRICS_PORT); default nobody. */
  metrics: MetricsAccess;
  /** Minutes reserved serial numbers stay receivable (SERIALGRAPH_RESERVATION_TTL_MINUTES); default 1440. */
  reservationTtlMinutes: number;
  /** OpenTelemetry traces, when OTEL_TRACES_EXPORTER / OTEL_EXPORTER_OTLP_ENDPOINT configure them; default off. */
  tracing: TracingConfig | undefined;
  /** Subscriptions: DATABASE_LISTEN_URL, polling and per-connection/per-key limits (modules/events). */
  events: EventsConfig;
  /** Webhooks: SERIALGRAPH_WEBHOOKS_* (modules/webhooks/webhooks-config.ts). */
  webhooks: WebhooksConfig;
  /** CSV export and import limits (SERIALGRAPH_EXPORT_*, SERIALGRAPH_MAX_IMPORT_BYTES). */
  csv: CsvOptions;
}

/** Environment variables of the limits, with their defaults (README, Environment). */
const LIMIT_VARIABLES = {
  maxDepth: ['SERIALGRAPH_MAX_QUERY_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth],
  maxAliases: ['SERIALGRAPH_MAX_QUERY_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases],
  maxTokens: ['SERIALGRAPH_MAX_QUERY_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens],
  maxCost: ['SERIALGRAPH_MAX_QUERY_COST', DEFAULT_QUERY_LIMITS.maxCost],
  poolMax: ['SERIALGRAPH_DB_POOL_MAX', DEFAULT_DATABASE_LIMITS.poolMax],
  statementTimeoutMs: ['SERIALGRAPH_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_LIMITS.statementTimeoutMs],
  postingStatementTimeoutMs: [
    'SERIALGRAPH_POSTING_STATEMENT_TIMEOUT_MS',
    DEFAULT_DATABASE_LIMITS.postingStatementTimeoutMs,
  ],
  requestsPerOrganization: [
    'SERIALGRAPH_DB_REQUESTS_PER_ORGANIZATION',
    DEFAULT_DATABASE_LIMITS.requestsPerOrganization,
  ],
  connectionsPerRequest: [
    'SERIALGRAPH_DB_CONNECTIONS_PER_REQUEST',
    DEFAULT_DATABASE_LIMITS.connectionsPerRequest,
  ],
} as const;

/** A positive whole number from the environment, or the default; anything else stops the start-up. */
function positiveInt(env: NodeJS.ProcessEnv, limit: keyof typeof LIMIT_VARIABLES): number {
  const [name, fallback] = LIMIT_VARIABLES[limit];
  return wholeNumber(env, name, fallback, 1);
}

export function readLimits(env: NodeJS.ProcessEnv = process.env): ServerConfig['limits'] {
  const database: DatabaseLimits = {
    poolMax: positiveInt(env, 'poolMax'),
    statementTimeoutMs: positiveInt(env, 'statementTimeoutMs'),
    postingStatementTimeoutMs: positiveInt(env, 'postingStatementTimeoutMs'),
    requestsPerOrganization: positiveInt(env, 'requestsPerOrganization'),
    connectionsPerRequest: positiveInt(env, 'connectionsPerRequest'),
  };
  // A posting holds its transaction's connection and may need one more for lookups.
  if (database.connectionsPerRequest < 2)
    throw new Error('SERIALGRAPH_DB_CONNECTIONS_PER_REQUEST must be at least 2.');
  return {
    query: {
      maxDepth: positiveInt(env, 'maxDepth'),
      maxAliases: positiveInt(env, 'maxAliases'),
      maxTokens: positiveInt(env, 'maxTokens'),
      maxCost: positiveInt(env, 'maxCost'),
      hideSuggestions: env.NODE_ENV === 'production',
    },
    database,
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    migrationUrl: env.DATABASE_MIGRATION_URL || undefined,
    readDatabaseUrl: env.DATABASE_READ_URL || undefined,
    // Relative to where the user ran pnpm (INIT_CWD), not the package folder pnpm switched to.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), env.SERIALGRAPH_DATA_DIR ?? '.data'),
    bootstrapKey: env.SERIALGRAPH_BOOTSTRAP_KEY || undefined,
    landingPage: env.NODE_ENV !== 'production',
    maxBodyBytes: wholeNumber(env, 'SERIALGRAPH_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1),
    rateLimitPerMinute: wholeNumber(env, 'SERIALGRAPH_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE),
    unauthenticatedRateLimitPerMinute: wholeNumber(
      env,
      'SERIALGRAPH_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE',
      DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    ),
    publicWarrantyRateLimitPerMinute: wholeNumber(
      env,
      'SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE',
      DEFAULT_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE,
    ),
    limits: readLimits(env),
    logLevel: readLogLevel(env),
    metrics: readMetricsAccess(env),
    reservationTtlMinutes: wholeNumber(
      env,
      'SERIALGRAPH_RESERVATION_TTL_MINUTES',
      DEFAULT_RESERVATION_TTL_MINUTES,
      1,
    ),
    tracing: readTracingConfig(env),
    events: readEventsConfig(env),
    webhooks: readWebhooksConfig(env),
    csv: readCsvOptions(env),
  };
}

/**
 * A whole number from `min` to `max` from the environment, or the default when unset; anything
 * else stops start-up.
 */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new Error(`${name} must be a whole number ${range}, not "${raw}".`);
  }
  return value;
}

/** SERIALGRAPH_METRICS_TOKEN and SERIALGRAPH_METRICS_PORT; a bad value stops the start-up. */
function readMetricsAccess(env: NodeJS.ProcessEnv): MetricsAccess {
  const token = env.SERIALGRAPH_METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < 16)
    throw new Error('SERIALGRAPH_METRICS_TOKEN must be at least 16 characters long.');
  const port = env.SERIALGRAPH_METRICS_PORT?.trim()
    ? wholeNumber(env, 'SERIALGRAPH_METRICS_PORT', 0, 0, 65_535)
    : undefined;
  return { token, port };
}
