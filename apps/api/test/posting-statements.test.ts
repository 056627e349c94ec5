import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, seedWorld, type World } from './support/fixtures';

// A posting is a constant number of set-based statements, each of a size that does not grow with
// the number of units: 10 serials and 4,500 serials (their units read in three batches of the one
// locking statement) send the same statements, no longer text.
let s: TestServer;
let w: World;
const texts: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  s.app.db.orm.em.getKnex().on('query', (q: { sql: string }) => texts.push(q.sql));
});
afterAll(() => s?.close());

/** Statement count and longest statement text of one request (nothing else runs against this server). */
async function measure(query: string, variables: Record<string, unknown>) {
  texts.length = 0;
  const res = ok(await s.gql(query, variables));
  return { res, count: texts.length, longest: Math.max(...texts.map((t) => t.length)) };
}

/** Statements per posting, authentication included (the key is cached after the warm-up). */
const STATEMENTS = { receipt: 5, transfer: 6, shipment: 6, back: 6 };

const RECEIVE = `mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }`;
const TRANSFER = `mutation($i: TransferStockInput!) { transferStock(input: $i) { id number } }`;
const SHIP = `mutation($i: ShipStockInput!) { shipStock(input: $i) { id number } }`;
const RETURN = `mutation($i: ReturnStockInput!) { returnStock(input: $i) { id number } }`;

async function cycle(serials: string[]) {
  const lines = [{ productId: w.terminal.id, quantity: serials.length, serials }];
  const receipt = await measure(RECEIVE, {
    i: { warehouseId: w.main.id, lines: [{ ...lines[0], unitCost: '12.50' }] },
  });
  const transfer = await measure(TRANSFER, {
    i: { fromWarehouseId: w.main.id, toWarehouseId: w.east.id, lines },
  });
  const shipment = await measure(SHIP, { i: { warehouseId: w.east.id, customerId: w.customer.id, lines } });
  const back = await measure(RETURN, {
    i: { shipmentId: shipment.res.shipStock.id, condition: 'RESALABLE', serials },
  });
  return { receipt, transfer, shipment, back };
}

describe('postings', () => {
  it('send as many statements, none longer, for 4,500 serials as for 10', async () => {
    await cycle(range('WARM-', 1, 10)); // nothing lazily initialised is counted below
    const small = await cycle(range('SMALL-', 1, 10));
    const large = await cycle(range('LARGE-', 1, 4500));
    for (const op of ['receipt', 'transfer', 'shipment', 'back'] as const) {
      expect(large[op].count, op).toBe(small[op].count);
      expect(large[op].longest, op).toBeLessThanOrEqual(small[op].longest);
    }
    // BEGIN, statement timeout, references (one statement), [units locked], write (one statement), COMMIT;
    // a return locks its shipment with the references and reads its units as it locks them (lockShippedUnits).
    expect({
      receipt: small.receipt.count,
      transfer: small.transfer.count,
      shipment: small.shipment.count,
      back: small.back.count,
    }).toEqual(STATEMENTS);
  });
});
