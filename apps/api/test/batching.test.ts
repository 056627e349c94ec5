import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, seedWorld, type World } from './support/fixtures';

let s: TestServer;
let w: World;

/** SQL statements the server sent to answer one request (nothing else runs against this server meanwhile). */
async function statementsFor(query: string, variables: Record<string, unknown> = {}) {
  const before = s.app.db.statementCount();
  const res = await s.gql(query, variables);
  const count = s.app.db.statementCount() - before;
  return { count, data: ok(res) };
}

const SERIALS_QUERY = `query($first: Int) { serials(first: $first, filter: { includeOutOfStorage: true }) {
  totalCount edges { node { number status
    product { sku } warehouse { code } customer { name } supplier { name } receivedIn { number }
    history { type document { number } toWarehouse { code } party { name } } } } } }`;

const DOCUMENTS_QUERY = `query($first: Int) { documents(first: $first) {
  totalCount edges { node { number type party { name } warehouse { code } basedOn { number }
    lines { quantity product { sku } serials { number status product { sku } warehouse { code } customer { name } } } } } } }`;

beforeAll(async () => {
  // The documents query reads every unit of every line of 200 documents: far over the default cost
  // limit (which assumes up to 1,000 units a line); batching is what is measured here.
  s = await startTestServer({ limits: { query: { maxCost: 100_000_000 } } });
  w = await seedWorld(s);
  // 260 units from two suppliers into two warehouses; 220 of them shipped in 220 one-unit shipments to two customers.
  const other = ok(
    await s.gql(`mutation { createParty(input: { name: "Second Source", roles: [SUPPLIER] }) { id } }`),
  ).createParty;
  ok(await receive(s, w, range('B-', 1, 130)));
  ok(await receive(s, w, range('B-', 131, 260), { warehouseId: w.east.id, supplierId: other.id }));
  const numbers = range('B-', 1, 220);
  // One posting per request (a request may carry one); 20 requests at a time.
  const shipOne = (n: string, j: number) =>
    s.gql(`mutation($input: ShipStockInput!) { shipStock(input: $input) { id } }`, {
      input: {
        warehouseId: Number(n.slice(2)) > 130 ? w.east.id : w.main.id,
        customerId: j % 2 ? w.customer.id : w.customer2.id,
        lines: [{ productId: w.terminal.id, quantity: 1, serials: [n] }],
      },
    });
  for (let i = 0; i < numbers.length; i += 20) {
    for (const res of await Promise.all(numbers.slice(i, i + 20).map(shipOne))) ok(res);
  }
});
afterAll(() => s?.close());

describe('field resolvers batch', () => {
  it('answers serials(first: 200) with as many SQL statements as serials(first: 10)', async () => {
    await statementsFor(SERIALS_QUERY, { first: 10 }); // warm-up: nothing lazily initialised is counted below
    const small = await statementsFor(SERIALS_QUERY, { first: 10 });
    const large = await statementsFor(SERIALS_QUERY, { first: 200 });
    expect(small.data.serials.edges).toHaveLength(10);
    expect(large.data.serials.edges).toHaveLength(200);
    // The page really spans several products' relations: shipped and in-storage units, both customers, both warehouses.
    const nodes = large.data.serials.edges.map((e: { node: any }) => e.node);
    expect(new Set(nodes.map((n: any) => n.customer?.name ?? null)).size).toBe(2);
    expect(
      nodes.every((n: any) => n.history.length >= 1 && n.history[0].document.number.startsWith('RCV-')),
    ).toBe(true);
    expect(large.count).toBe(small.count);
    expect(small.count).toBeLessThan(15);
  });

  it('answers documents(first: 200) with lines and their serials with as many SQL statements as documents(first: 10)', async () => {
    await statementsFor(DOCUMENTS_QUERY, { first: 10 });
    const small = await statementsFor(DOCUMENTS_QUERY, { first: 10 });
    const large = await statementsFor(DOCUMENTS_QUERY, { first: 200 });
    expect(small.data.documents.edges).toHaveLength(10);
    expect(large.data.documents.edges).toHaveLength(200);
    const serialsListed = large.data.documents.edges.flatMap((e: { node: any }) =>
      e.node.lines.flatMap((l: any) => l.serials),
    );
    expect(serialsListed.length).toBeGreaterThanOrEqual(200);
    expect(large.count).toBe(small.count);
    expect(small.count).toBeLessThan(15);
  });

  it('resolves lookupSerial of many aliased numbers in a request without one statement per field resolver', async () => {
    const one = `a0: lookupSerial(number: "B-00001") { product { sku } warehouse { code } customer { name } receivedIn { number } }`;
    const many = Array.from(
      { length: 15 },
      (_, i) =>
        `a${i}: lookupSerial(number: "B-${String(i + 1).padStart(5, '0')}") { product { sku } warehouse { code } customer { name } receivedIn { number } }`,
    );
    await statementsFor(`{ ${one} }`);
    const small = await statementsFor(`{ ${one} }`);
    const large = await statementsFor(`{ ${many.join('\n')} }`);
    // Each lookup is its own root query, but their relations batch: one statement per extra lookup, plus at most one
    // extra batch per relation (the lookups finish at different ticks), never one per relation per lookup.
    expect(large.count - small.count).toBeLessThanOrEqual(14 + 4);
  });
});
