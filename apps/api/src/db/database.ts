import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { ConnectionGate } from './connection-gate';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from './database-limits';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { ormConfig } from './orm-config';

/** The ORM plus what it takes to shut the database side down again. */
export interface Database {
  orm: MikroORM;
  /** Each request's and organization's share of the pool (see connection-gate.ts). */
  gate: ConnectionGate;
  /** How many SQL statements this process sent so far (benchmarks and tests read it). */
  statementCount(): number;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'serialgraph';

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL; then applies pending migrations. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  limits?: DatabaseLimits;
}): Promise<Database> {
  const limits = opts.limits ?? DEFAULT_DATABASE_LIMITS;
  let embedded: EmbeddedDatabase | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir);
    await createDatabaseIfMissing(embedded.adminUrl, EMBEDDED_DB_NAME);
    url = embedded.urlFor(EMBEDDED_DB_NAME);
  }
  try {
    const orm = await MikroORM.init(ormConfig(url, limits));
    // Migrations may rebuild large tables: no statement timeout for them.
    await orm.em.getConnection().transactional(async (trx) => {
      await orm.em.getConnection().execute(`set local statement_timeout = 0`, [], 'run', trx);
      await orm.getMigrator().up({ transaction: trx });
    });
    const gate = new ConnectionGate(limits);
    gate.install(orm.em.getKnex().client);
    let statements = 0;
    orm.em.getKnex().on('query', () => void statements++);
    return {
      orm,
      gate,
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
