import path from 'node:path';
import { DEFAULT_MAX_BODY_BYTES } from './http/json-body';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
} from './http/rate-limit';

/** Runtime settings, read once from the environment. */
export interface ServerConfig {
  /** HTTP port; default 4000. */
  port: number;
  /** HTTP bind address; default 127.0.0.1. */
  host: string;
  /** Any PostgreSQL ≥ 15; when unset an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
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
  };
}

/** A whole number ≥ `min` from the environment, or the default when unset; anything else stops start-up. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}".`);
  }
  return value;
}
