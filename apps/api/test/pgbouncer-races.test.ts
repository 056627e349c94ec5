import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, appRoleUrl, ensureAppRole } from '../src/db/roles';
import { canRunDebianPostgres, startDebianPostgres, type DebianCluster } from './support/debian-postgres';
import { hasPgBouncer, startPgBouncer, type PgBouncer } from './support/pgbouncer';
import { startServerProcess, type ServerProcess } from './support/processes';
import { skipWithout } from './support/required-tools';
import { gqlAt } from './support/test-server';

// Production at scale: three API processes behind Debian's PgBouncer in transaction mode, in
// front of Debian's PostgreSQL 15, all started here. The race guarantees (one winner per unit,
// one document per idempotency key, gapless numbers) must hold when every transaction may land
// on another server connection and the requests come from different processes.

const initSql = fileURLToPath(new URL('../../../docker/postgres/init.sql', import.meta.url));
const KEY = 'races-admin-key';
const APP_PASSWORD = 'races-app';
/** Server connections PgBouncer may open for the API role (default_pool_size + reserve_pool_size below). */
const SERVER_CONNECTIONS = 4 + 2;

const skip = skipWithout('pgbouncer-races', [
  !hasPgBouncer && 'pgbouncer',
  !canRunDebianPostgres && "Debian's postgresql",
]);

describe.skipIf(skip)('three API processes behind PgBouncer (transaction mode) on PostgreSQL 15', () => {
  let cluster: DebianCluster;
  let bouncer: PgBouncer;
  let direct: pg.Pool;
  const apis: ServerProcess[] = [];
  let w: Record<'main' | 'supplier' | 'customer' | 'customer2' | 'terminal', { id: string }>;

  beforeAll(async () => {
    cluster = await startDebianPostgres();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database serialgraph');
    await admin.end();
    direct = new pg.Pool({ connectionString: cluster.url('serialgraph'), max: 2 });
    await direct.query(await readFile(initSql, 'utf8'));
    // The API connects as the least-privilege role (row-level security applies), migrations as the owner.
    await ensureAppRole(cluster.url(), APP_PASSWORD);
    const users = path.join(cluster.dir, 'pgbouncer-users.txt');
    await writeFile(users, `"postgres" ""\n"${APP_ROLE}" "${APP_PASSWORD}"\n`, { mode: 0o644 });
    bouncer = await startPgBouncer(cluster.url(), (ini) =>
      ini
        .replace(/^auth_file = .*$/m, `auth_file = ${users}`)
        .replace(/^default_pool_size = .*$/m, 'default_pool_size = 4')
        .replace(/^reserve_pool_size = .*$/m, 'reserve_pool_size = 2'),
    );
    const env = {
      DATABASE_URL: bouncer.url(appRoleUrl(cluster.url('serialgraph'), APP_PASSWORD)),
      DATABASE_MIGRATION_URL: bouncer.url(cluster.url('serialgraph')),
      SERIALGRAPH_BOOTSTRAP_KEY: KEY,
    };
    // The first one migrates and creates the key; the other two start at once against it.
    apis.push(await startServerProcess('', env));
    apis.push(...(await Promise.all([startServerProcess('', env), startServerProcess('', env)])));
    w = (
      await gql(
        0,
        `mutation {
          main: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
          supplier: createParty(input: { name: "Supplier", roles: [SUPPLIER] }) { id }
          customer: createParty(input: { name: "Customer A", roles: [CUSTOMER] }) { id }
          customer2: createParty(input: { name: "Customer B", roles: [CUSTOMER] }) { id }
          terminal: createProduct(input: { sku: "HT-1", name: "Terminal", trackingMode: SERIAL }) { id }
        }`,
      )
    ).data as typeof w;
    expect(w?.terminal?.id).toBeDefined();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await direct?.end();
    await bouncer?.stop();
    await cluster?.stop();
  });

  const gql = (i: number, query: string, variables?: Record<string, unknown>) =>
    gqlAt(apis[i % apis.length]!.url, query, variables, KEY);
  const receive = (i: number, serials: string[], extra: Record<string, unknown> = {}) =>
    gql(i, `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id number } }`, {
      input: {
        warehouseId: w.main.id,
        supplierId: w.supplier.id,
        lines: [{ productId: w.terminal.id, quantity: serials.length, serials }],
        ...extra,
      },
    });
  const ship = (i: number, serials: string[], extra: Record<string, unknown> = {}) =>
    gql(i, `mutation($input: ShipStockInput!) { shipStock(input: $input) { id number party { id } } }`, {
      input: {
        warehouseId: w.main.id,
        customerId: w.customer.id,
        lines: [{ productId: w.terminal.id, quantity: serials.length, serials }],
        ...extra,
      },
    });
  async function counts() {
    const { rows } = await direct.query<{ documents: number; movements: number; numbers: number }>(
      `select (select count(*)::int from document) as documents, (select count(*)::int from movement) as movements,
              (select coalesce(sum(last), 0)::int from document_counter) as numbers`,
    );
    return rows[0]!;
  }
  /** Runs `race` while sampling how many server connections PostgreSQL sees; returns both. */
  async function watchingConnections<T>(race: () => Promise<T>): Promise<[T, number]> {
    let most = 0;
    let done = false;
    const sampler = (async () => {
      while (!done) {
        const { rows } = await direct.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = 'serialgraph' and usename = '${APP_ROLE}' and backend_type = 'client backend'`,
        );
        most = Math.max(most, rows[0]!.n);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      return [await race(), most];
    } finally {
      done = true;
      await sampler;
    }
  }

  it('lets exactly one of 20 concurrent shipments of one unit, spread over the three processes, win', async () => {
    expect((await receive(0, ['BNC-UNIT'])).errors).toBeUndefined();
    const before = await counts();
    const [results, connections] = await watchingConnections(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          ship(i, ['BNC-UNIT'], { customerId: i % 2 ? w.customer.id : w.customer2.id }),
        ),
      ),
    );
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    const losses = results.filter((r) => r.errors);
    expect(losses).toHaveLength(19);
    for (const r of losses) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions?.code, r.errors![0]!.message).toBe('SERIAL_NOT_AVAILABLE');
      expect(r.errors![0]!.extensions?.serials).toEqual(['BNC-UNIT']);
    }
    const after = await counts();
    expect(after).toEqual({
      documents: before.documents + 1,
      movements: before.movements + 1,
      numbers: before.numbers + 1,
    });
    const { rows } = await direct.query<{ status: string; customer_id: string }>(
      `select status, customer_id::text from serial where number = 'BNC-UNIT'`,
    );
    expect(rows[0]!.status).toBe('SHIPPED');
    // Three processes with 20 pooled connections each reached PostgreSQL through a handful.
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  });

  it('posts one document when retries of one posting reach all three processes at once', async () => {
    expect((await receive(1, ['BNC-R1', 'BNC-R2'])).errors).toBeUndefined();
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => ship(i, ['BNC-R1', 'BNC-R2'], { idempotencyKey: 'bouncer-retry' })),
    );
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const docs = results.map((r) => r.data!.shipStock as { id: string; number: string });
    expect(new Set(docs.map((d) => d.id)).size).toBe(1);
    expect(new Set(docs.map((d) => d.number)).size).toBe(1);
    expect(await counts()).toEqual({
      documents: before.documents + 1,
      movements: before.movements + 2,
      numbers: before.numbers + 1,
    });
  });

  it('numbers 30 concurrent receipts from the three processes gaplessly: 1..N, no gap, no duplicate', async () => {
    const { rows: start } = await direct.query<{ last: number }>(
      `select coalesce(max(last), 0)::int as last from document_counter where type = 'RECEIPT'`,
    );
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => receive(i, [`BNC-GAP-${i}`])));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const numbers = results
      .map((r) => Number(/^RCV-(\d+)$/.exec((r.data!.receiveStock as { number: string }).number)![1]))
      .sort((a, b) => a - b);
    const from = start[0]!.last + 1;
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => from + i));
    // And every receipt ever posted here is numbered 1..N.
    const { rows: all } = await direct.query<{ n: number; max: number }>(
      `select count(*)::int as n, max(substring(number from 5)::int) as max from document where type = 'RECEIPT'`,
    );
    expect(all[0]!.max).toBe(all[0]!.n);
  });
});
