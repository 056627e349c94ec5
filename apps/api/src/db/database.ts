import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedOptions } from './embedded-postgres';
import { ormConfig } from './orm-config';

/** The ORM plus what it takes to shut the database side down again. */
export interface Database {
  orm: MikroORM;
  /** How many SQL statements this process sent so far (benchmarks and tests read it). */
  statementCount(): number;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'serialgraph';

/**
 * Connects to DATABASE_URL, or to the embedded PostgreSQL in `dataDir` (started unless a running
 * server shares it with a command: see EmbeddedOptions.use); then applies pending migrations.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  embeddedUse?: EmbeddedOptions['use'];
}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = opts.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir, { use: opts.embeddedUse });
    await createDatabaseIfMissing(embedded.adminUrl, EMBEDDED_DB_NAME);
    url = embedded.urlFor(EMBEDDED_DB_NAME);
  }
  try {
    const orm = await MikroORM.init(ormConfig(url));
    await orm.getMigrator().up();
    let statements = 0;
    orm.em.getKnex().on('query', () => void statements++);
    return {
      orm,
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
