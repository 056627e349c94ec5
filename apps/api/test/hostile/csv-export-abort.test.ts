import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, receive, seedWorld, type World } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

let s: TestServer;
let w: World;
const BULK = 200_000;

beforeAll(async () => {
  s = await startTestServer({ csv: { exportStallTimeoutMs: 1000 } });
  w = await seedWorld(s);
  ok(await receive(s, w, ['seed-1']));
  // Far more rows than socket buffers hold, written straight in as the owner (the export reads them).
  await s.sql(
    `insert into serial (id, organization_id, product_id, number, status, warehouse_id, supplier_id, received_in_id, received_at, unit_cost)
     select gen_random_uuid(), t.organization_id, t.product_id, 'bulk-' || lpad(g::text, 7, '0'), 'IN_STOCK',
            t.warehouse_id, t.supplier_id, t.received_in_id, t.received_at, t.unit_cost
       from serial t, generate_series(1, ?) g where t.number = 'seed-1'`,
    [BULK],
  );
}, 60_000);
afterAll(() => s?.close());

/**
 * The application role's sessions busy with an export (a query, or its transaction left open), by
 * the export's cursor: a relay's poll running at that moment is not the export's.
 */
async function busyAppSessions(): Promise<number> {
  const [row] = await s.sql<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and usename = 'serialgraph_app' and state <> 'idle'
        and query ilike '%csv_export%'`,
  );
  return row!.n;
}

function pooledInUse(): number {
  return (s.app.db.orm.em.getKnex().client as { pool: { numUsed(): number } }).pool.numUsed();
}

async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function startExport(signal?: AbortSignal) {
  return fetch(`${s.url}/export/serials.csv`, {
    headers: { authorization: `Bearer ${s.keys.admin}` },
    signal,
  });
}

describe('an export the client stops reading', () => {
  it('holds one connection while the client is slow, and returns it (query closed) when the client goes', async () => {
    const abort = new AbortController();
    const res = await startExport(abort.signal);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('sku,serial');
    // Backpressure: the client reads nothing more, so the cursor waits in its transaction.
    await new Promise((r) => setTimeout(r, 300));
    expect(await busyAppSessions()).toBe(1);
    expect(pooledInUse()).toBe(1);
    abort.abort();
    expect(await eventually(async () => (await busyAppSessions()) === 0 && pooledInUse() === 0)).toBe(true);
    // The server is fine: the next request is served.
    ok(await s.gql(`{ warehouses { code } }`));
  });

  it('ends an export whose client reads nothing for the stall timeout, and returns its connection', async () => {
    const res = await startExport();
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(await eventually(async () => (await busyAppSessions()) === 0 && pooledInUse() === 0, 15_000)).toBe(
      true,
    );
    // What was sent ends short: the download is incomplete, not silently truncated.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow();
  });

  it('streams all rows to a client that reads them', async () => {
    const res = await startExport();
    const text = await res.text();
    // header + seed-1 + BULK rows, each CRLF-terminated
    expect(text.split('\r\n').length - 1).toBe(BULK + 2);
    expect(await eventually(async () => (await busyAppSessions()) === 0 && pooledInUse() === 0)).toBe(true);
  }, 60_000);
});
