import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ConnectionGate } from './connection-gate';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from './database-limits';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedOptions } from './embedded-postgres';
import { ormConfig } from './orm-config';
import { appRoleUrl, ensureAppRole } from './roles';
import { installTenantScope } from './tenancy';
import { installJobQueue } from '../modules/webhooks/job-queue-schema';

/** The ORM plus what it takes to shut the database side down again. */
export interface Database {
  orm: MikroORM;
  /** Each request's and organization's share of the pool (see connection-gate.ts). */
  gate: ConnectionGate;
  /** The tables' owner's connection (migrations; benchmarks bulk-load through it). */
  ownerUrl: string;
  /** How many SQL statements this process sent so far (benchmarks and tests read it). */
  statementCount(): number;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'serialgraph';
// Local-only cluster bound to 127.0.0.1, like the superuser's password (embedded-postgres.ts).
const EMBEDDED_APP_PASSWORD = 'serialgraph-app-local';

/**
 * Connects to DATABASE_URL, or to the embedded PostgreSQL in `dataDir` (started unless a running
 * server shares it with a command: see EmbeddedOptions.use); then applies pending migrations.
 */
export async function openDatabase(opts: {
  /** The application role's connection (README: least privilege). */
  databaseUrl?: string;
  /** The owner's connection, for migrations; the application's when not given (one role for both). */
  migrationUrl?: string;
  /** DATABASE_READ_URL: a streaming replica of `databaseUrl` for lag-tolerant reads (db/read-replica). */
  readDatabaseUrl?: string;
  dataDir: string;
  embeddedUse?: EmbeddedOptions['use'];
  limits?: DatabaseLimits;
}): Promise<Database> {
  const limits = opts.limits ?? DEFAULT_DATABASE_LIMITS;
  let embedded: EmbeddedDatabase | undefined;
  let url = opts.databaseUrl;
  let migrationUrl = opts.migrationUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir, { use: opts.embeddedUse });
    await createDatabaseIfMissing(embedded.adminUrl, EMBEDDED_DB_NAME);
    await ensureAppRole(embedded.adminUrl, EMBEDDED_APP_PASSWORD);
    migrationUrl = embedded.urlFor(EMBEDDED_DB_NAME);
    url = appRoleUrl(migrationUrl, EMBEDDED_APP_PASSWORD);
  }
  try {
    const orm = await MikroORM.init(ormConfig(url, limits, opts.readDatabaseUrl));
    if (migrationUrl && migrationUrl !== url) {
      const owner = await MikroORM.init(ormConfig(migrationUrl, limits));
      await migrate(owner, migrationUrl).finally(() => owner.close(true));
    } else {
      await migrate(orm, url);
    }
    // The webhooks' job queue (graphile-worker) keeps its own schema: installed or upgraded by the owner.
    await installJobQueue(migrationUrl ?? url);
    installTenantScope(orm.em.getKnex().client as never);
    // The replica's reads carry the organization setting too (row-level security applies there as well).
    if (opts.readDatabaseUrl) installTenantScope(orm.em.getKnex('read').client as never);
    const gate = new ConnectionGate(limits);
    gate.install(orm.em.getKnex().client);
    // A replica's connections count against the same request and organization shares as the primary's.
    if (opts.readDatabaseUrl) gate.install(orm.em.getKnex('read').client);
    let statements = 0;
    orm.em.getKnex().on('query', () => void statements++);
    return {
      orm,
      gate,
      ownerUrl: migrationUrl ?? url,
      statementCount: () => statements,
      close: async () => {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

/** Migrations may rebuild large tables: no statement timeout for them. */
function migrate(orm: MikroORM, url: string): Promise<void> {
  return withMigrationLock(url, () =>
    orm.em.getConnection().transactional(async (trx) => {
      await orm.em.getConnection().execute(`set local statement_timeout = 0`, [], 'run', trx);
      await orm.getMigrator().up({ transaction: trx });
      // Row-level security and the application role's grants for whatever is missing (a table of a
      // later migration, a role created since): see Migration20261130010000_roles_rls.
      await orm.em.getConnection().execute(`select serialgraph_secure_tenant_tables()`, [], 'run', trx);
    }),
  );
}

/** Any number, the same in every process: the key of the advisory lock around migrations. */
const MIGRATION_LOCK = 7_316_029_414;

/**
 * One migrator at a time per database (a server starting beside `pnpm db:migrate`, or replicas on one
 * DATABASE_URL): the others wait, then find nothing left to do. The lock belongs to a transaction
 * kept open meanwhile, not to the session: behind PgBouncer in transaction mode a session lock
 * would stay with the pooled server connection after we are gone, and the next migrator would wait
 * for ever. No statement timeout while waiting: the other one may be rebuilding a large table.
 */
async function withMigrationLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local statement_timeout = 0');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const result = await fn();
    await client.query('commit');
    return result;
  } finally {
    await client.end();
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
