// Bytes per unit at scale: `tsx scripts/unit-size.ts [units]` (default 1,000,000). Loads one
// organization's ledger with the reads benchmark's bulk loader (receipts of 10,000 units, two in ten
// shipped: 1.2 movements per unit) and prints rows, heap and index bytes of every table it wrote,
// and per unit. DATABASE_URL: a PostgreSQL to use; otherwise an embedded one.
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import type { RunningApp } from '../src/app';
import { ormConfig } from '../src/db/orm-config';
import { sql } from '../src/common/sql';
import { createReadsWorld, loadUnits, UNITS_PER_RECEIPT } from '../src/bench/reads-data';
import { withTempApp } from '../src/bench/temp-app';
import { createApiKey, findOrCreateOrganization } from '../src/modules/auth/auth.service';
import { createLogger } from '../src/observability';

const TABLES = ['serial', 'movement', 'document', 'document_line', 'serial_count'];

async function main(): Promise<void> {
  const units = Number(process.argv[2] ?? 1_000_000);
  await withTempApp('unit-size', (app) => measure(app, units), createLogger('warn'));
}

async function measure(app: RunningApp, units: number): Promise<void> {
  const em = app.db.orm.em.fork();
  const org = await findOrCreateOrganization(em, `unit-size-${Date.now()}`);
  const { key } = await createApiKey(em, org.id, { name: 'unit-size', role: 'admin' });
  const world = await createReadsWorld(org.id, async (query) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    return ((await res.json()) as { data: Record<string, unknown> }).data;
  });
  // Bulk loads and table sizes need the tables' owner, not the server's role (row-level security).
  const owner = await MikroORM.init(ormConfig(app.db.ownerUrl));
  const started = performance.now();
  for (let from = 0; from < units; from += 100 * UNITS_PER_RECEIPT)
    await loadUnits(owner.em.fork(), world, from, Math.min(units, from + 100 * UNITS_PER_RECEIPT));
  console.log(
    `${units.toLocaleString('en')} units loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const rows = await sql<{ t: string; rows: string; heap: string; indexes: string; total: string }>(
    owner.em.fork(),
    `select t, (xpath('/row/n/text()', query_to_xml('select count(*) as n from ' || t, false, true, '')))[1]::text as rows,
            pg_table_size(t) as heap, pg_indexes_size(t) as indexes, pg_total_relation_size(t) as total
       from unnest(?::text[]) t`,
    [TABLES],
  );
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  let sum = 0;
  console.log('table          rows        heap MB  index MB  total MB  bytes/unit');
  for (const r of rows) {
    const total = Number(r.total);
    sum += total;
    console.log(
      `${r.t.padEnd(14)} ${r.rows.padStart(10)} ${mb(Number(r.heap)).padStart(9)} ${mb(Number(r.indexes)).padStart(9)} ${mb(total).padStart(9)} ${(total / units).toFixed(0).padStart(11)}`,
    );
  }
  console.log(
    `all            ${''.padStart(10)} ${''.padStart(9)} ${''.padStart(9)} ${mb(sum).padStart(9)} ${(sum / units).toFixed(0).padStart(11)}`,
  );
  const idx = await sql<{ name: string; bytes: string }>(
    owner.em.fork(),
    `select indexrelid::regclass::text as name, pg_relation_size(indexrelid) as bytes from pg_index
      where indrelid in ('serial'::regclass, 'movement'::regclass) order by 2 desc`,
  );
  for (const i of idx)
    console.log(
      `  index ${i.name.padEnd(40)} ${mb(Number(i.bytes)).padStart(8)} MB ${(Number(i.bytes) / units).toFixed(0).padStart(5)} B/unit`,
    );
  await owner.close(true);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
