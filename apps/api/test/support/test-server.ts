import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { knex } from '@mikro-orm/knex';
import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { appRoleUrl } from '../../src/db/roles';
import { createLogger, readLogLevel } from '../../src/observability';
import { createApiKey, findOrCreateOrganization } from '../../src/modules/auth/auth.service';
import type { Role } from '../../src/modules/auth/api-key.entity';
import { startDbProxy, type DbProxy } from './db-proxy';
import { adminQuery, TEST_APP_PASSWORD, withDatabase } from './global-setup';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; serials?: string[]; [k: string]: unknown } }[];
}

/** A real API server on its own fresh, migrated database, spoken to over real HTTP. */
export interface TestServer {
  app: RunningApp;
  url: string;
  /** Connection string of this server's own database. */
  databaseUrl: string;
  /** With `databaseProxy: true`: the relay the API reaches its database through (stop it for an outage). */
  proxy?: DbProxy;
  /** Keys of organization "acme": admin, clerk, viewer. */
  keys: Record<Role, string>;
  /** Creates another organization with an admin key (isolation tests). */
  newOrganization(name: string): Promise<string>;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GqlResponse<T>>;
  /**
   * Runs SQL directly against this server's database as its owner (superuser), across every
   * organization: to prove nothing was written. Placeholders are `?`.
   */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Connection string of the least-privileged application role the server runs as. */
  appDatabaseUrl: string;
  close(): Promise<void>;
}

/** One GraphQL request over HTTP to the server at `url`, as `key` (none: anonymous). */
export async function gqlAt<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: unknown,
  key?: string | null,
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as GqlResponse<T>), status: res.status };
}

export type TestServerOptions = Partial<Omit<AppOptions, 'port' | 'host' | 'databaseUrl' | 'dataDir'>> & {
  /** Reach the database through a TCP relay the test can stop (real connection failures). */
  databaseProxy?: boolean;
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { databaseProxy, ...appOptions } = options;
  const adminUrl = inject('pgAdminUrl');
  const database = `sg_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${database} template ${inject('pgTemplate')}`);
  const databaseUrl = withDatabase(adminUrl, database);
  const appDatabaseUrl = appRoleUrl(databaseUrl, TEST_APP_PASSWORD);
  const proxy = databaseProxy ? await startDbProxy(appDatabaseUrl) : undefined;
  const app = await startApp({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: proxy?.url ?? appDatabaseUrl,
    migrationUrl: databaseUrl,
    dataDir: '',
    // Quiet unless LOG_LEVEL asks: request lines of every test would drown vitest's report.
    logger: createLogger(process.env.LOG_LEVEL ? readLogLevel() : 'warn'),
    ...appOptions,
  });
  const owner = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
  const em = app.db.orm.em.fork();
  const org = await findOrCreateOrganization(em, 'acme');
  const keys = {} as Record<Role, string>;
  for (const role of ['admin', 'clerk', 'viewer'] as const) {
    keys[role] = (await createApiKey(em, org.id, { name: `${role}-key`, role })).key;
  }
  const gql = <T>(query: string, variables?: Record<string, unknown>, key: string | null = keys.admin) =>
    gqlAt<T>(app.url, query, variables, key);
  return {
    app,
    url: app.url,
    databaseUrl,
    appDatabaseUrl,
    proxy,
    keys,
    gql,
    async newOrganization(name) {
      const other = await findOrCreateOrganization(app.db.orm.em.fork(), name);
      return (await createApiKey(app.db.orm.em.fork(), other.id, { name: `${name}-admin`, role: 'admin' }))
        .key;
    },
    sql: async <T>(text: string, params: unknown[] = []) =>
      ((await owner.raw(text, params as never[])) as { rows: T[] }).rows,
    async close() {
      await proxy?.start();
      await app.close();
      await owner.destroy();
      await proxy?.close();
      await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
    },
  };
}
