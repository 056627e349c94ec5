import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, receive, refused, seedWorld, ship, writeCounts, type World } from './support/fixtures';

let s: TestServer;
let w: World;

const PRODUCT_FIELDS = 'id sku name trackingMode serialFormat warrantyMonths';

function create(input: Record<string, unknown>, key?: string) {
  return s.gql(
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`,
    { input },
    key,
  );
}

function update(input: Record<string, unknown>, key?: string) {
  return s.gql(
    `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { ${PRODUCT_FIELDS} } }`,
    { input },
    key,
  );
}

async function productRows() {
  return s.sql<{ sku: string; tracking_mode: string; serial_format: string | null; name: string }>(
    'select sku, name, tracking_mode, serial_format from product order by sku',
  );
}

function moveUntracked(mutation: 'receiveStock' | 'shipStock', productId: string, quantity: number) {
  const input =
    mutation === 'receiveStock'
      ? { warehouseId: w.main.id, lines: [{ productId, quantity }] }
      : { warehouseId: w.main.id, customerId: w.customer.id, lines: [{ productId, quantity }] };
  const type = mutation === 'receiveStock' ? 'ReceiveStockInput' : 'ShipStockInput';
  return s.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input });
}

async function stockOf(productId: string, warehouseId?: string) {
  const d = ok(
    await s.gql(`query($id: ID!, $wh: ID) { product(id: $id) { stock(warehouseId: $wh) } }`, {
      id: productId,
      wh: warehouseId ?? null,
    }),
  );
  return d.product.stock as number;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

describe('creating and updating products', () => {
  it('creates an untracked product by default, with the SKU trimmed and no format or warranty', async () => {
    const p = ok(await create({ sku: '  DOCK-1 ', name: 'Docking station' })).createProduct;
    expect(p).toMatchObject({
      sku: 'DOCK-1',
      name: 'Docking station',
      trackingMode: 'NONE',
      serialFormat: null,
      warrantyMonths: null,
    });
    expect(typeof p.id).toBe('string');
  });

  it('creates a serial-tracked product with a format and a warranty', async () => {
    const p = ok(
      await create({
        sku: 'PRN-1',
        name: 'Label printer',
        trackingMode: 'SERIAL',
        serialFormat: 'P\\d{6}',
        warrantyMonths: 36,
      }),
    ).createProduct;
    expect(p).toMatchObject({
      sku: 'PRN-1',
      trackingMode: 'SERIAL',
      serialFormat: 'P\\d{6}',
      warrantyMonths: 36,
    });
  });

  it('updates name, format and warranty, and an empty format removes it', async () => {
    const { id } = ok(await create({ sku: 'UPD-1', name: 'Old name', trackingMode: 'SERIAL' })).createProduct;
    expect(
      ok(await update({ id, name: 'New name', serialFormat: '[A-Z]+', warrantyMonths: 6 })).updateProduct,
    ).toMatchObject({
      id,
      sku: 'UPD-1',
      name: 'New name',
      serialFormat: '[A-Z]+',
      warrantyMonths: 6,
      trackingMode: 'SERIAL',
    });
    // Fields left out stay as they are.
    expect(ok(await update({ id, warrantyMonths: 12 })).updateProduct).toMatchObject({
      name: 'New name',
      serialFormat: '[A-Z]+',
      warrantyMonths: 12,
    });
    expect(ok(await update({ id, serialFormat: '' })).updateProduct.serialFormat).toBeNull();
  });

  it('refuses a SKU that exists in another case as BAD_USER_INPUT and creates nothing', async () => {
    const before = await productRows();
    const err = refused(await create({ sku: 'ht-100', name: 'Clash' }));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/ht-100/i);
    expect(refused(await create({ sku: ' HT-100 ', name: 'Clash' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(await productRows()).toEqual(before);
  });

  it('refuses an invalid serialFormat regular expression on create and on update, changing nothing', async () => {
    const before = await productRows();
    for (const fmt of ['[A-Z', '(unclosed', 'a)|(b', '*']) {
      expect(
        refused(
          await create({ sku: `BAD-${fmt}`, name: 'Bad format', trackingMode: 'SERIAL', serialFormat: fmt }),
        ).extensions?.code,
        fmt,
      ).toBe('BAD_USER_INPUT');
      expect(refused(await update({ id: w.terminal.id, serialFormat: fmt })).extensions?.code, fmt).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await productRows()).toEqual(before);
  });

  it('refuses a blank SKU or name and a negative warranty as BAD_USER_INPUT', async () => {
    const before = await productRows();
    expect(refused(await create({ sku: '', name: 'No SKU' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused(await create({ sku: '   ', name: 'Blank SKU' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused(await create({ sku: 'NONAME', name: '' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused(await create({ sku: 'NEG', name: 'Negative', warrantyMonths: -1 })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refused(await update({ id: w.terminal.id, warrantyMonths: -1 })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await productRows()).toEqual(before);
  });

  it('answers NOT_FOUND when updating a product id that does not exist', async () => {
    expect(refused(await update({ id: w.main.id, name: 'x' })).extensions?.code).toBe('NOT_FOUND');
    expect(refused(await update({ id: 'nonsense', name: 'x' })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('switching serial tracking', () => {
  it('never switches tracking off (TRACKING_IRREVERSIBLE), even without stock', async () => {
    const before = await productRows();
    const err = refused(await update({ id: w.terminal.id, trackingMode: 'NONE' }));
    expect(err.extensions?.code).toBe('TRACKING_IRREVERSIBLE');
    expect(await productRows()).toEqual(before);
  });

  it('refuses switching tracking on while the product has untracked stock, changing nothing', async () => {
    const { id } = ok(await create({ sku: 'BAT-1', name: 'Battery pack' })).createProduct;
    ok(await moveUntracked('receiveStock', id, 5));
    const before = await productRows();
    const counts = await writeCounts(s);
    const err = refused(await update({ id, trackingMode: 'SERIAL', name: 'Renamed meanwhile' }));
    expect(err.extensions?.code).toBe('TRACKING_IRREVERSIBLE');
    expect(await productRows()).toEqual(before);
    expect(await writeCounts(s)).toEqual(counts);

    // Once the untracked units are gone, tracking can be switched on.
    ok(await moveUntracked('shipStock', id, 5));
    expect(ok(await update({ id, trackingMode: 'SERIAL' })).updateProduct.trackingMode).toBe('SERIAL');
  });

  it('switches tracking on for a product that never had stock, after which it takes serials', async () => {
    const { id } = ok(await create({ sku: 'SCN-9', name: 'Scanner' })).createProduct;
    expect(ok(await update({ id, trackingMode: 'SERIAL' })).updateProduct.trackingMode).toBe('SERIAL');
    const serialLess = refused(await moveUntracked('receiveStock', id, 1));
    expect(serialLess.extensions?.code).toBe('SERIALS_REQUIRED');
    ok(
      await s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
        input: { warehouseId: w.main.id, lines: [{ productId: id, quantity: 2, serials: ['S-1', 'S-2'] }] },
      }),
    );
    expect(await stockOf(id)).toBe(2);
  });

  it('accepts setting the tracking mode it already has', async () => {
    expect(ok(await update({ id: w.terminal.id, trackingMode: 'SERIAL' })).updateProduct.trackingMode).toBe(
      'SERIAL',
    );
  });
});

describe('reading products', () => {
  it('finds a product by SKU, case-insensitively, and answers null for an unknown SKU or id', async () => {
    const q = `query($sku: String, $id: ID) { product(sku: $sku, id: $id) { id sku } }`;
    expect(ok(await s.gql(q, { sku: 'ht-100' })).product).toEqual({ id: w.terminal.id, sku: 'HT-100' });
    expect(ok(await s.gql(q, { id: w.terminal.id })).product).toEqual({ id: w.terminal.id, sku: 'HT-100' });
    expect(ok(await s.gql(q, { sku: 'NOPE' })).product).toBeNull();
    expect(ok(await s.gql(q, { id: w.main.id })).product).toBeNull();
    expect(ok(await s.gql(q, { id: 'garbage' })).product).toBeNull();
  });

  it('pages through products by SKU with a search on SKU or name, without repeats', async () => {
    const skus = ['PG-07', 'PG-03', 'pg-05', 'PG-01', 'PG-06', 'PG-02', 'PG-04'];
    for (const sku of skus) ok(await create({ sku, name: `Paging ${sku}` }));
    ok(await create({ sku: 'OTHER-1', name: 'Has pg- in its name' }));

    const q = `query($search: String, $first: Int, $after: String) {
      products(search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { sku } } } }`;
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = ok(await s.gql(q, { search: 'PG-', first: 3, after })).products;
      expect(page.totalCount).toBe(8);
      seen.push(...page.edges.map((e: { node: { sku: string } }) => e.node.sku));
      pages.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(['OTHER-1', 'PG-01', 'PG-02', 'PG-03', 'PG-04', 'pg-05', 'PG-06', 'PG-07']);
  });

  it('lists every product without a search, and refuses a cursor it did not issue', async () => {
    const all = ok(await s.gql(`{ products(first: 1000) { totalCount edges { node { sku } } } }`)).products;
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.edges.map((e: { node: { sku: string } }) => e.node.sku)).toEqual(
      expect.arrayContaining(['HT-100', 'CBL-USB', 'PG-01']),
    );
    expect(refused(await s.gql(`{ products(after: "not-a-cursor") { totalCount } }`)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('counts stock per warehouse: IN_STOCK serials only for a tracked product, the quantity for an untracked one', async () => {
    ok(await receive(s, w, ['ST-1', 'ST-2', 'ST-3', 'ST-4']));
    ok(await receive(s, w, ['ST-9'], { warehouseId: w.east.id }));
    ok(await ship(s, w, ['ST-1']));
    ok(
      await s.gql(`mutation($input: HoldStockInput!) { holdStock(input: $input) { id } }`, {
        input: {
          warehouseId: w.main.id,
          reason: 'inspection',
          lines: [{ productId: w.terminal.id, quantity: 1, serials: ['ST-2'] }],
        },
      }),
    );
    expect(await stockOf(w.terminal.id)).toBe(3);
    expect(await stockOf(w.terminal.id, w.main.id)).toBe(2);
    expect(await stockOf(w.terminal.id, w.east.id)).toBe(1);

    ok(await moveUntracked('receiveStock', w.cable.id, 40));
    ok(await moveUntracked('shipStock', w.cable.id, 15));
    expect(await stockOf(w.cable.id)).toBe(25);
    expect(await stockOf(w.cable.id, w.main.id)).toBe(25);
    expect(await stockOf(w.cable.id, w.east.id)).toBe(0);
  });
});
