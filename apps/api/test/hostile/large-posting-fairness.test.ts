import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, range, seedWorld, type World } from '../support/fixtures';

// The largest document a clerk may post must not stall everybody else: while 100,000 serials are
// received, /healthz and another organization's small query keep answering within a second.
const SERIALS = 100_000;
const BUDGET_MS = 1_000;

let s: TestServer;
let w: World;
let otherKey: string;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  otherKey = await s.newOrganization('bystander');
  ok(await s.gql(`mutation { createWarehouse(input: { code: "B", name: "B" }) { id } }`, {}, otherKey));
}, 120_000);
afterAll(() => s.close());

/** Probes /healthz and another organization's query every 50 ms until the posting answers. */
async function probeWhile(posting: Promise<unknown>): Promise<{ probes: number[]; stallMs: number }> {
  // The server runs in this process: the event loop's delay is the server's own stall.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  void posting.finally(() => (done = true));
  const probes: number[] = [];
  while (!done) {
    const started = performance.now();
    const [health, other] = await Promise.all([
      fetch(`${s.url}/healthz`),
      s.gql(`{ warehouses { code } }`, {}, otherKey),
    ]);
    probes.push(performance.now() - started);
    expect(health.status).toBe(200);
    expect(ok(other).warehouses).toEqual([{ code: 'B' }]);
    await new Promise((r) => setTimeout(r, 50));
  }
  loop.disable();
  return { probes, stallMs: loop.max / 1e6 };
}

function expectFair({ probes, stallMs }: { probes: number[]; stallMs: number }) {
  expect(probes.length).toBeGreaterThan(1);
  expect(Math.max(...probes), `slowest probe of ${probes.length}`).toBeLessThan(BUDGET_MS);
  expect(stallMs, 'longest event-loop stall').toBeLessThan(BUDGET_MS);
}

it('keeps /healthz and another organization answering within 1 s during a 100,000-serial receipt and its shipment', async () => {
  const serials = range('FAIR-', 1, SERIALS, 6);
  const lines = [{ productId: w.terminal.id, quantity: serials.length, serials }];
  const receipt = s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`, {
    input: { warehouseId: w.main.id, lines },
  });
  expectFair(await probeWhile(receipt));
  expect(ok(await receipt).receiveStock.number).toBe('RCV-000001');
  // A shipment locks and reads every unit it moves: 100,000 rows that must not hold the loop either.
  const shipment = s.gql(`mutation($input: ShipStockInput!) { shipStock(input: $input) { number } }`, {
    input: { warehouseId: w.main.id, customerId: w.customer.id, lines },
  });
  expectFair(await probeWhile(shipment));
  expect(ok(await shipment).shipStock.number).toBe('SHP-000001');
}, 300_000);
