import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app';
import { openDatabase } from '../src/db/database';
import { createApiKey, findOrCreateOrganization } from '../src/modules/auth/auth.service';
import { createLogger } from '../src/observability';
import { adminQuery, withDatabase } from './support/global-setup';
import { hasPgBouncer, startPgBouncer, type PgBouncer } from './support/pgbouncer';
import { skipWithout } from './support/required-tools';
import { gqlAt } from './support/test-server';

// compose.yaml puts PgBouncer in transaction mode between the API replicas and PostgreSQL. These
// tests run the shipped docker/pgbouncer/pgbouncer.ini with a real PgBouncer (Debian's package;
// CI installs it) and the shipped docker/postgres/init.sql.

const initSql = fileURLToPath(new URL('../../../docker/postgres/init.sql', import.meta.url));

const skip = skipWithout('pgbouncer', [!hasPgBouncer && 'pgbouncer']);

describe.skipIf(skip)('behind PgBouncer in transaction mode', () => {
  let bouncer: PgBouncer;
  let database: string;
  let directUrl: string;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    const adminUrl = inject('pgAdminUrl');
    database = `sg_bouncer_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${database}`);
    directUrl = withDatabase(adminUrl, database);
    // The compose database's one-time set-up, on this database.
    const init = (await readFile(initSql, 'utf8')).replaceAll('DATABASE serialgraph', `DATABASE ${database}`);
    await adminQuery(directUrl, init);
    bouncer = await startPgBouncer(adminUrl);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await bouncer?.stop();
    await adminQuery(inject('pgAdminUrl'), `drop database if exists ${database} with (force)`);
  });

  async function advisoryLocks(): Promise<number> {
    const client = new pg.Client({ connectionString: directUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and d.datname = current_database()`,
      );
      return rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  it('two replicas start at once (migrating), and leave no migration lock behind on a pooled connection', async () => {
    const quiet = createLogger('warn');
    const started = await Promise.all(
      [0, 1].map(() =>
        startApp({
          port: 0,
          host: '127.0.0.1',
          dataDir: '',
          databaseUrl: bouncer.url(directUrl),
          logger: quiet,
        }),
      ),
    );
    apps.push(...started);
    // A session-level advisory lock taken through PgBouncer stays with the server connection
    // after the client has gone, and a replica starting later on another one waits for ever.
    expect(await advisoryLocks()).toBe(0);
  });

  it('serve reads and postings; reads keep the database’s timeout, a posting’s raised one ends with it', async () => {
    const [a, b] = apps as [RunningApp, RunningApp];
    const em = a.db.orm.em.fork();
    const org = await findOrCreateOrganization(em, 'bouncer');
    const { key } = await createApiKey(em, org.id, { name: 'admin', role: 'admin' });
    const gql = async (app: RunningApp, query: string, variables?: unknown) => {
      const body = await gqlAt(app.url, query, variables, key);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data!;
    };
    const w = await gql(
      a,
      `mutation {
        wh: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
        p: createProduct(input: { sku: "PB-1", name: "Terminal", trackingMode: SERIAL }) { id }
      }`,
    );
    const receipt = await gql(
      b,
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
      {
        input: {
          warehouseId: w.wh.id,
          lines: [{ productId: w.p.id, quantity: 2, serials: ['PB-0001', 'PB-0002'] }],
        },
      },
    );
    expect(receipt.receiveStock.number).toBe('RCV-000001');
    expect((await gql(a, `{ lookupSerial(number: "pb-0002") { status } }`)).lookupSerial).toEqual([
      { status: 'IN_STOCK' },
    ]);
    // Every pooled server connection answers reads with the database default of init.sql, not
    // the posting timeout a transaction set for itself.
    for (const app of apps) {
      const rows = await Promise.all(
        [0, 1, 2].map(() =>
          app.db.orm.em
            .fork()
            .getConnection()
            .execute<{ statement_timeout: string }[]>('show statement_timeout'),
        ),
      );
      expect(rows.map((r) => r[0]!.statement_timeout)).toEqual(['15s', '15s', '15s']);
    }
    // A shipment of more units than one batch reads them from the locking statement's portal in
    // parts, inside its transaction: through the pooler too, with the other replica posting meanwhile.
    const many = Array.from({ length: 2500 }, (_, i) => `PB-M${String(i).padStart(5, '0')}`);
    const lines = [{ productId: w.p.id, quantity: many.length, serials: many }];
    const customer = await gql(a, `mutation { createParty(input: { name: "C", roles: [CUSTOMER] }) { id } }`);
    await gql(a, `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`, {
      input: { warehouseId: w.wh.id, lines },
    });
    const [shipment, other] = await Promise.all([
      gql(b, `mutation($input: ShipStockInput!) { shipStock(input: $input) { number lines { quantity } } }`, {
        input: { warehouseId: w.wh.id, customerId: customer.createParty.id, lines },
      }),
      gql(a, `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`, {
        input: { warehouseId: w.wh.id, lines: [{ productId: w.p.id, quantity: 1, serials: ['PB-0003'] }] },
      }),
    ]);
    expect(shipment.shipStock).toEqual({ number: 'SHP-000001', lines: [{ quantity: 2500 }] });
    expect(other.receiveStock.number).toMatch(/^RCV-00000[34]$/);
    const shipped = await gql(
      a,
      `query($w: ID!) { serials(first: 0, filter: { warehouseId: $w }) { totalCount } }`,
      { w: w.wh.id },
    );
    expect(shipped.serials.totalCount).toBe(3);
  });

  it('refuse the API’s connections without statement_timeout in ignore_startup_parameters', async () => {
    const strict = await startPgBouncer(inject('pgAdminUrl'), (ini) =>
      ini.replace(/^ignore_startup_parameters = .*$/m, ''),
    );
    try {
      const error = await openDatabase({ databaseUrl: strict.url(directUrl), dataDir: '' }).then(
        async (db) => {
          await db.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(String((error as Error | null)?.message)).toMatch(
        /unsupported startup parameter: statement_timeout/,
      );
    } finally {
      await strict.stop();
    }
  });
});
