import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, range, seedWorld, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// `Product.stock` was one statement per product (two for `stock` and `stock(warehouseId:)`): a page
// of 100 products cost 200 statements. It now goes through a per-request DataLoader.

let s: TestServer;
let w: World;
/** Product ids (global) by SKU. */
const ids = new Map<string, string>();

async function statementsFor(query: string, variables: Record<string, unknown>) {
  const before = s.app.db.statementCount();
  const data = ok(await s.gql(query, variables));
  return { count: s.app.db.statementCount() - before, data };
}

const PRODUCTS = `query($first: Int, $wh: ID) { products(first: $first) {
  edges { node { sku trackingMode stock inMain: stock(warehouseId: $wh) } } } }`;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  // 12 serial and 12 untracked products besides the world's two, with different stock in two warehouses.
  for (const kind of ['S', 'U'] as const) {
    for (let chunk = 0; chunk < 12; chunk += 6) {
      const fields = range('', chunk + 1, chunk + 6).map(
        (n) =>
          `p${n}: createProduct(input: { sku: "${kind}-${n}", name: "P", trackingMode: ${kind === 'S' ? 'SERIAL' : 'NONE'} }) { id }`,
      );
      const created = ok(await s.gql(`mutation { ${fields.join('\n')} }`));
      for (const [alias, product] of Object.entries(created)) {
        const n = Number(alias.slice(1));
        ids.set(`${kind}-${n}`, (product as { id: string }).id);
        const serials = kind === 'S' ? range(`${kind}${n}-`, 1, n) : undefined;
        const line = (quantity: number) => ({ productId: (product as { id: string }).id, quantity, serials });
        for (const [warehouseId, quantity] of [
          [w.main.id, n],
          [w.east.id, kind === 'S' ? 0 : 2 * n],
        ] as const) {
          if (!quantity) continue;
          ok(
            await s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
              input: { warehouseId, supplierId: w.supplier.id, lines: [line(quantity)] },
            }),
          );
        }
      }
    }
  }
  // One serial unit leaves storage: stock counts IN_STOCK units only.
  ok(
    await s.gql(`mutation($input: ShipStockInput!) { shipStock(input: $input) { id } }`, {
      input: {
        warehouseId: w.main.id,
        customerId: w.customer.id,
        lines: [{ productId: ids.get('S-3')!, quantity: 1, serials: ['S3-00001'] }],
      },
    }),
  );
});
afterAll(() => s?.close());

/** What the stock of each product is, counted straight from the units and the untracked levels. */
async function expectedStock(warehouseId: string | null) {
  const rows = await s.sql<{ sku: string; n: number }>(
    `select p.sku,
            case when p.tracking_mode = 'SERIAL'
              then (select count(*) from serial u where u.product_id = p.id and u.status = 'IN_STOCK'
                      and (?::uuid is null or u.warehouse_id = ?::uuid))
              else (select coalesce(sum(l.quantity), 0) from stock_level l where l.product_id = p.id
                      and (?::uuid is null or l.warehouse_id = ?::uuid))
            end::int as n
       from product p`,
    [warehouseId, warehouseId, warehouseId, warehouseId],
  );
  return new Map(rows.map((r) => [r.sku, r.n]));
}

describe('Product.stock batches', () => {
  it('answers a page of 26 products with as many statements as a page of 5, with the right stock', async () => {
    const mainId = (await s.sql<{ id: string }>(`select id from warehouse where code = 'MAIN'`))[0]!.id;
    const vars = { wh: w.main.id };
    await statementsFor(PRODUCTS, { ...vars, first: 5 }); // warm-up
    const small = await statementsFor(PRODUCTS, { ...vars, first: 5 });
    const large = await statementsFor(PRODUCTS, { ...vars, first: 26 });
    const nodes = large.data.products.edges.map(
      (e: { node: { sku: string; trackingMode: string; stock: number; inMain: number } }) => e.node,
    );
    expect(nodes).toHaveLength(26);
    expect(new Set(nodes.map((n: { trackingMode: string }) => n.trackingMode))).toEqual(
      new Set(['SERIAL', 'NONE']),
    );
    expect(large.count).toBe(small.count);

    const all = await expectedStock(null);
    const main = await expectedStock(mainId);
    for (const n of nodes) {
      expect({ sku: n.sku, stock: n.stock, inMain: n.inMain }).toEqual({
        sku: n.sku,
        stock: all.get(n.sku),
        inMain: main.get(n.sku),
      });
    }
    // The data really varies: serial and untracked stock, in and outside the main warehouse.
    expect(nodes.find((n: { sku: string }) => n.sku === 'S-00003')).toMatchObject({ stock: 2, inMain: 2 });
    expect(nodes.find((n: { sku: string }) => n.sku === 'U-00004')).toMatchObject({ stock: 12, inMain: 4 });
  });
});
