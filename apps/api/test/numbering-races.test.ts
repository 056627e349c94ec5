import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNumberTemplate, formatTemplateNumber } from '@serialgraph/domain';
import { startServerProcess, type ServerProcess } from './support/processes';
import { gqlAt, startTestServer, type TestServer } from './support/test-server';
import { ok, seedWorld, type World } from './support/fixtures';

// Two API processes (this test's own and a second Node process running src/main.ts) on one
// database: reservations and generating receipts sent to both at once never get a number twice,
// each reservation is one unbroken run, and together they use the counter without a hole.
let s: TestServer;
let other: ServerProcess;
let w: World;
let tool: { id: string };
const TEMPLATE = 'RACE-{YYYY}-{SEQ:6}';

beforeAll(async () => {
  s = await startTestServer();
  other = await startServerProcess('', {
    DATABASE_URL: s.appDatabaseUrl,
    DATABASE_MIGRATION_URL: s.databaseUrl,
  });
  w = await seedWorld(s);
  tool = ok(
    await s.gql(
      `mutation($t: String) { createProduct(input: { sku: "RACE", name: "Race", trackingMode: SERIAL, numberTemplate: $t }) { id } }`,
      {
        t: TEMPLATE,
      },
    ),
  ).createProduct;
}, 120_000);

afterAll(async () => {
  await other?.stop();
  await s?.close();
});

describe('numbering across two API processes', () => {
  it('20 concurrent reservations and 6 generating receipts: no number twice, no gap inside one reservation', async () => {
    const urls = [s.url, other.url];
    const reservations = Array.from({ length: 20 }, (_, i) =>
      gqlAt<{ reserveSerials: { numbers: string[] } }>(
        urls[i % 2]!,
        `mutation($p: ID!, $n: Int!) { reserveSerials(productId: $p, count: $n) { numbers } }`,
        { p: tool.id, n: 1 + (i % 7) * 3 },
        s.keys.clerk,
      ),
    );
    const receipts = Array.from({ length: 6 }, (_, i) =>
      gqlAt<{ receiveStock: { lines: { serials: { number: string }[] }[] } }>(
        urls[i % 2]!,
        `mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { lines { serials { number } } } }`,
        {
          i: {
            warehouseId: w.main.id,
            supplierId: w.supplier.id,
            lines: [{ productId: tool.id, quantity: 4, generate: 4 }],
          },
        },
        s.keys.clerk,
      ),
    );
    const reserved = (await Promise.all(reservations)).map((r) => ok(r).reserveSerials.numbers);
    const received = (await Promise.all(receipts)).map((r) =>
      ok(r).receiveStock.lines[0]!.serials.map((u) => u.number),
    );

    const template = parseNumberTemplate(TEMPLATE);
    const seqOf = (number: string) => Number(number.slice(-6));
    const year = new Date();
    for (const run of [...reserved, ...received]) {
      // One unbroken run of the counter, written as the template writes it.
      const first = seqOf(run[0]!);
      expect(run).toEqual(run.map((_, i) => formatTemplateNumber(template, year, first + i)));
    }
    const all = [...reserved, ...received].flat();
    expect(new Set(all).size).toBe(all.length);
    // Every value from 1 to the total was handed out exactly once: no hole left by a race.
    const total = reserved.reduce((n, r) => n + r.length, 0) + 6 * 4;
    expect(all.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const [counter] = await s.sql<{ last: string }>(`select last from serial_number_counter`);
    expect(Number(counter!.last)).toBe(total);
  }, 120_000);
});
