import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, range, receive, seedWorld } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// Row-level security makes a tenant table a security barrier: a condition is an index condition
// only if its functions are leakproof. Each statement shape the API sends on its hot paths is
// planned here as the application role, under the organization setting, with sequential scans
// priced out (enable_seqscan = off): a plan that still scans the table has no index path at all,
// or one that walks the organization's whole key range, which at 1,000,000 units made a primary-key
// read take 107 ms and a lookup 350 ms. Each plan must show the index condition on the key itself.

let s: TestServer;
let organizationId: string;
let productId: string;
let client: pg.Client;

beforeAll(async () => {
  s = await startTestServer();
  // Enough rows, analysed, that the planner prices an index walk of the whole organization above a
  // key lookup (on a handful of rows any plan is as cheap as any other).
  ok(await receive(s, await seedWorld(s), range('IX-', 1, 5_000)));
  await s.sql('analyze serial, movement');
  const [unit] = await s.sql<{ organizationId: string; productId: string }>(
    `select organization_id as "organizationId", product_id as "productId" from serial limit 1`,
  );
  ({ organizationId, productId } = unit!);
  client = new pg.Client({ connectionString: s.appDatabaseUrl });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await s?.close();
});

/** The plan of `statement` as the application role inside the organization's setting. */
async function planOf(statement: string, params: unknown[]): Promise<string> {
  await client.query('begin');
  try {
    await client.query(`select set_config('serialgraph.organization_id', $1, true)`, [organizationId]);
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query(`explain ${statement}`, params);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('rollback');
  }
}

describe('as the application role under row-level security, hot statements use indexes', () => {
  it('a primary-key read of units and movements by a list of ids', async () => {
    const [unit] = await s.sql<{ id: string }>(`select id from serial limit 1`);
    for (const table of ['serial', 'movement']) {
      const plan = await planOf(
        `select * from ${table} t where t.id = any($1::uuid[]) and t.organization_id = $2`,
        [[unit!.id], organizationId],
      );
      expect(plan, plan).toMatch(/Index Cond: .*\bid = ANY/);
    }
  });

  it("a count of a party's units: each side an index-only range of its party index", async () => {
    // A party with few units (here none): the one supplier of every unit here is read whole either way.
    const party = '00000000-0000-7000-8000-000000000001';
    const plan = await planOf(
      `select count(*) from (
         (select 1 from serial s where s.organization_id = $1 and s.customer_id = $2 limit 10001)
         union all
         (select 1 from serial s where s.organization_id = $1 and s.supplier_id = $2
             and (s.customer_id is null or s.customer_id <> $2) limit 10001)
         limit 10001) m`,
      [organizationId, party],
    );
    expect(plan, plan).toMatch(/Index Only Scan using serial_customer .*\n.*Index Cond: \(\(customer_id = /);
    expect(plan, plan).toMatch(/Index Only Scan using serial_supplier .*\n.*Index Cond: \(\(supplier_id = /);
  });

  it('a lookup by number and a posting locking its units by number', async () => {
    // Each with the index condition it must have (not a walk of the organization's key range).
    const shapes: [string, unknown[], RegExp][] = [
      [
        `select id from serial s where s.organization_id = $1 and lower(s.number) = lower($2)`,
        [organizationId, 'IX-00001'],
        /Index Cond: .*lower\(\(?number/,
      ],
      [
        `select s.id from unnest($1::uuid[], $2::text[]) as i(product_id, number)
           join serial s on s.organization_id = $3 and s.product_id = i.product_id and lower(s.number) = lower(i.number)
            for update of s`,
        [[productId], ['IX-00002'], organizationId],
        /Index Cond: .*lower\(number\) = lower\(i\.number\)/,
      ],
    ];
    for (const [statement, params, condition] of shapes) {
      const plan = await planOf(statement, params);
      expect(plan, plan).toMatch(condition);
    }
  });
});
