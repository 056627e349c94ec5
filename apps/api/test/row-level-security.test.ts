import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { APP_ROLE } from '../src/db/roles';
import { asOrganization, ok, range, receive, seedWorld, ship, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';
import { startReceiver, type Receiver } from './support/webhook-receiver';

/**
 * Tenancy enforced by PostgreSQL itself: through the application role the server runs as, a
 * statement that forgot its `organization_id` condition still sees one organization only.
 */
let s: TestServer;
let organizations: { id: string; name: string }[];
let tenantTables: string[];

/** Read before the organization is known (the API-key lookup): the one table left without a policy. */
const DIRECTORY_TABLES = ['api_key'];

let hooks: Receiver;

async function populate(t: TestServer, w: World, prefix: string) {
  // A webhook endpoint: its deliveries and their attempts follow the postings below.
  const create = `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, events: [DOCUMENT_POSTED] }) { secret } }`;
  ok(await t.gql(create, { url: hooks.url }));
  ok(
    await receive(t, w, range(prefix, 1, 3), {
      lines: [
        { productId: w.terminal.id, quantity: 3, serials: range(prefix, 1, 3), unitCost: '100.00' },
        { productId: w.cable.id, quantity: 5, unitCost: '2.00' },
      ],
    }),
  );
  ok(await ship(t, w, [`${prefix}00001`]));
  const barcode = `mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: ["4006381333931"] }) { id } }`;
  ok(await t.gql(barcode, { id: w.cable.id }));
  // A number template's counter and a reservation.
  ok(
    await t.gql(
      `mutation($id: ID!, $t: String) { updateProduct(input: { id: $id, numberTemplate: $t }) { id } }`,
      {
        id: w.terminal.id,
        t: `${prefix}{SEQ:4}`,
      },
    ),
  );
  ok(
    await t.gql(`mutation($p: ID!) { reserveSerials(productId: $p, count: 2) { id } }`, { p: w.terminal.id }),
  );
  // A stock count closed with a fix: its expected units, a scan and the write-off it posted.
  ok(await receive(t, w, [`${prefix}C1`, `${prefix}C2`], { warehouseId: w.east.id }));
  const count = ok(
    await t.gql(`mutation($wh: ID!) { startStockCount(input: { warehouseId: $wh }) { id } }`, {
      wh: w.east.id,
    }),
  ).startStockCount;
  ok(
    await t.gql(
      `mutation($id: ID!, $n: [String!]!) { recordCountScans(countId: $id, numbers: $n) { count { id } } }`,
      {
        id: count.id,
        n: [`${prefix}C1`],
      },
    ),
  );
  ok(
    await t.gql(`mutation($id: ID!) { closeStockCount(input: { countId: $id, postFixes: true }) { id } }`, {
      id: count.id,
    }),
  );
}

async function asApp<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: s.appDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
}

beforeAll(async () => {
  hooks = await startReceiver();
  s = await startTestServer({ webhooks: { allowPrivate: true, relayPollMs: 100 } });
  await populate(s, await seedWorld(s), 'ACME-');
  const globex = asOrganization(s, await s.newOrganization('globex'));
  await populate(globex, await seedWorld(globex), 'GLBX-');
  // Both organizations' deliveries attempted (two documents each: a receipt and a shipment).
  while ((await s.sql(`select distinct organization_id from webhook_delivery_attempt`)).length < 2)
    await new Promise((r) => setTimeout(r, 100));
  organizations = await s.sql(`select id::text, name from organization order by name`);
  const rows = await s.sql<{ relname: string }>(
    `select c.relname from pg_class c
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
      where c.relkind in ('r', 'p') order by 1`,
  );
  tenantTables = rows.map((r) => r.relname).filter((t) => !DIRECTORY_TABLES.includes(t));
});

afterAll(async () => {
  await s?.close();
  await hooks?.close();
});

describe('row-level security', () => {
  it('covers every table with an organization_id but the key directory, each holding rows of both organizations here', async () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(['document', 'movement', 'product', 'serial', 'serial_count', 'stock_level']),
    );
    expect(organizations.map((o) => o.name)).toEqual(['acme', 'globex']);
    for (const table of tenantTables) {
      const [row] = await s.sql<{ orgs: number }>(
        `select count(distinct organization_id)::int as orgs from ${table}`,
      );
      expect({ table, orgs: row!.orgs }).toEqual({ table, orgs: 2 });
      const policies = await s.sql(
        `select 1 from pg_class c join pg_policies p on p.tablename = c.relname and p.schemaname = current_schema()
          where c.relname = ? and c.relrowsecurity and p.permissive = 'PERMISSIVE'`,
        [table],
      );
      expect({ table, policies: policies.length }).toEqual({ table, policies: 1 });
    }
  });

  it('shows an unscoped select through the application role only the rows of the organization its transaction names', async () => {
    await asApp(async (client) => {
      for (const org of organizations) {
        await client.query('begin');
        await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [org.id]);
        for (const table of tenantTables) {
          const { rows } = await client.query<{ organization_id: string }>(`select * from ${table}`);
          const [owned] = await s.sql<{ n: number }>(
            `select count(*)::int as n from ${table} where organization_id = ?`,
            [org.id],
          );
          expect({ table, rows: rows.length }).toEqual({ table, rows: owned!.n });
          expect({ table, organizations: [...new Set(rows.map((r) => r.organization_id))] }).toEqual({
            table,
            organizations: [org.id],
          });
        }
        await client.query('commit');
      }
    });
  });

  it('shows the application role no tenant rows without the setting, nor after the transaction that had it', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [
        organizations[0]!.id,
      ]);
      await client.query('commit');
      for (const table of tenantTables) {
        const { rows } = await client.query(`select * from ${table}`);
        expect({ table, rows: rows.length }).toEqual({ table, rows: 0 });
      }
    });
  });

  it("refuses the application role to write another organization's rows", async () => {
    const [acme, globex] = organizations;
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [acme!.id]);
      const updated = await client.query(`update product set name = 'taken over'`);
      expect(updated.rowCount).toBe(2); // acme's two products, not globex's
      await client.query('savepoint s');
      expect(
        await failure(
          client.query(
            `insert into warehouse (id, organization_id, code, name) values (gen_random_uuid(), $1, 'X', 'X')`,
            [globex!.id],
          ),
        ),
      ).toBe('42501'); // new row violates row-level security policy
      await client.query('rollback');
    });
    const [row] = await s.sql<{ n: number }>(
      `select count(*)::int as n from product where name = 'taken over'`,
    );
    expect(row!.n).toBe(0);
  });

  it('gives the application role no UPDATE or DELETE on the history, no ownership and no way around the policies', async () => {
    await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [
        organizations[0]!.id,
      ]);
      for (const statement of [
        `update movement set note = 'rewritten'`,
        `delete from movement`,
        `update document_line set quantity = 1`,
        `delete from document_line`,
        `delete from serial`,
        `truncate movement`,
      ]) {
        await client.query('savepoint s');
        expect({ statement, code: await failure(client.query(statement)) }).toEqual({
          statement,
          code: '42501',
        });
        await client.query('rollback to savepoint s');
      }
      await client.query('rollback');
      const { rows } = await client.query(
        `select current_user as name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                (select count(*)::int from pg_class where relowner = r.oid) as owned
           from pg_roles r where rolname = current_user`,
      );
      expect(rows[0]).toEqual({
        name: APP_ROLE,
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
        owned: 0,
      });
    });
  });

  it('is the role the server itself runs as', async () => {
    const rows = await s.app.db.orm.em.fork().getConnection().execute(`select current_user as name`);
    expect(rows[0]).toEqual({ name: APP_ROLE });
  });
});

describe('a tenant table added later', () => {
  it('gets its policy and the application role its grants when the migrations next run', async () => {
    await s.sql(`create table later_tenant_table (id uuid primary key, organization_id uuid not null)`);
    await s.sql(`insert into later_tenant_table values (gen_random_uuid(), ?), (gen_random_uuid(), ?)`, [
      organizations[0]!.id,
      organizations[1]!.id,
    ]);
    const db = await openDatabase({
      databaseUrl: s.appDatabaseUrl,
      migrationUrl: s.databaseUrl,
      dataDir: '',
    });
    await db.close();
    const seen = await asApp(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [
        organizations[1]!.id,
      ]);
      const { rows } = await client.query<{ organization_id: string }>(`select * from later_tenant_table`);
      await client.query('commit');
      return rows.map((r) => r.organization_id);
    });
    expect(seen).toEqual([organizations[1]!.id]);
  });
});
