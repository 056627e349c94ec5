import path from 'node:path';

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
  };
}
