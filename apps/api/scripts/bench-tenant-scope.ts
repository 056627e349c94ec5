// `pnpm bench:tenant-scope`: what row-level security adds to a primary-key read. The same read
// (`select … from product where id = ?`) sent N times, one after another, on the embedded PostgreSQL:
// before — as the tables' owner, one autocommit statement (what every read was before RLS);
// after — through the server's ORM as the application role within an organization, which wraps the
// statement in `begin; set_config(…)` … `commit` (db/tenancy.ts). Prints mean and median per read.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../src/common/sql';
import { createDatabaseIfMissing, openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { ormConfig } from '../src/db/orm-config';
import { appRoleUrl, ensureAppRole } from '../src/db/roles';
import { inOrganization } from '../src/db/tenancy';

const READS = Number(process.env.BENCH_READS ?? 3000);
const PASSWORD = 'bench-app';

async function time(label: string, read: () => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await read(); // warm-up: pool, plans, caches
  const ms: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    await read();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(
    `${label}: mean ${mean.toFixed(3)} ms, median ${ms[ms.length >> 1]!.toFixed(3)} ms (${READS} reads)`,
  );
  return mean;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-rls-'));
const cluster = await startEmbeddedPostgres(dataDir);
try {
  await createDatabaseIfMissing(cluster.adminUrl, 'bench');
  await ensureAppRole(cluster.adminUrl, PASSWORD);
  const ownerUrl = cluster.urlFor('bench');
  const db = await openDatabase({
    databaseUrl: appRoleUrl(ownerUrl, PASSWORD),
    migrationUrl: ownerUrl,
    dataDir: '',
  });
  const owner = await MikroORM.init(ormConfig(ownerUrl));
  const org = randomUUID();
  const product = randomUUID();
  const em = owner.em.fork();
  await sql(em, `insert into organization (id, name) values (?, 'bench')`, [org]);
  await sql(
    em,
    `insert into product (id, organization_id, sku, name, tracking_mode) values (?, ?, 'P-1', 'Bench', 'SERIAL')`,
    [product, org],
  );
  const read = `select * from product where id = ? and organization_id = ?`;
  const before = await time('before (owner, one statement)', () =>
    sql(owner.em.fork(), read, [product, org]),
  );
  const after = await time('after (application role, RLS, organization setting)', () =>
    inOrganization(org, () => sql(db.orm.em.fork(), read, [product, org])),
  );
  console.log(`added per statement outside a transaction: ${(after - before).toFixed(3)} ms`);
  await owner.close(true);
  await db.close();
} finally {
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
}
