import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, receive, refused, seedWorld, type World } from './support/fixtures';

let s: TestServer;
let w: World;

const SCAN = `query($code: String!, $productId: ID) {
  resolveScan(code: $code, productId: $productId) {
    code kind ambiguous product { id sku } serial { number status product { sku } warehouse { code } }
    serials { number product { sku } }
  }
}`;

async function scan(code: string, productId?: string) {
  return ok(await s.gql(SCAN, { code, productId: productId ?? null })).resolveScan;
}

async function barcodesOf(productId: string): Promise<string[]> {
  return ok(await s.gql(`query($id: ID!) { product(id: $id) { barcodes } }`, { id: productId })).product
    .barcodes;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

describe('product barcodes', () => {
  it('are set on createProduct, trimmed, and read back in the order given', async () => {
    const p = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SCN-1", name: "Scanner", barcodes: [" 4006381333931 ", "96385074"] }) { id barcodes } }`,
      ),
    ).createProduct;
    expect(p.barcodes).toEqual(['4006381333931', '96385074']);
  });

  it('keep the order given across many codes set in one request, and follow a new order on update', async () => {
    // Codes written by one statement share a millisecond, so id order is random among them.
    const codes = [
      '8801234567893',
      '5901234123457',
      '7612345678900',
      '3001234567892',
      '8712345678906',
      '4601234567893',
      '5012345678900',
      '4006381333900',
    ];
    const p = ok(
      await s.gql(
        `mutation($codes: [String!]!) { createProduct(input: { sku: "SCN-ORDER", name: "Ordered", barcodes: $codes }) { id barcodes } }`,
        { codes },
      ),
    ).createProduct;
    expect(p.barcodes).toEqual(codes);
    const reordered = [...codes.slice(4).reverse(), '4000000000006', ...codes.slice(0, 3)];
    ok(
      await s.gql(
        `mutation($id: ID!, $codes: [String!]!) { updateProduct(input: { id: $id, barcodes: $codes }) { id } }`,
        {
          id: p.id,
          codes: reordered,
        },
      ),
    );
    expect(await barcodesOf(p.id)).toEqual(reordered);
  });

  it('are replaced by updateProduct: removed ones are kept as history, not deleted', async () => {
    ok(
      await s.gql(
        `mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: ["036000291452"] }) { id } }`,
        {
          id: w.terminal.id,
        },
      ),
    );
    ok(
      await s.gql(
        `mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: ["036000291452", "10614141000415"] }) { id } }`,
        { id: w.terminal.id },
      ),
    );
    expect(await barcodesOf(w.terminal.id)).toEqual(['036000291452', '10614141000415']);
    ok(
      await s.gql(
        `mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: ["10614141000415"] }) { id } }`,
        {
          id: w.terminal.id,
        },
      ),
    );
    expect(await barcodesOf(w.terminal.id)).toEqual(['10614141000415']);
    const rows = await s.sql(
      `select code, removed_at is not null as removed from product_barcode b
        where product_id = (select id from product where sku = 'HT-100') order by id`,
    );
    expect(rows).toEqual([
      { code: '036000291452', removed: true },
      { code: '10614141000415', removed: false },
    ]);
    // Leaving barcodes out changes nothing; [] removes them all.
    ok(
      await s.gql(`mutation($id: ID!) { updateProduct(input: { id: $id, name: "Terminal" }) { id } }`, {
        id: w.terminal.id,
      }),
    );
    expect(await barcodesOf(w.terminal.id)).toEqual(['10614141000415']);
  });

  it('a barcode freed by one product can be given to another', async () => {
    const a = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "MOVE-A", name: "A", barcodes: ["50000000000012"] }) { id } }`,
      ),
    ).createProduct;
    ok(
      await s.gql(`mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: [] }) { id } }`, {
        id: a.id,
      }),
    );
    const b = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "MOVE-B", name: "B", barcodes: ["50000000000012"] }) { id barcodes } }`,
      ),
    ).createProduct;
    expect(b.barcodes).toEqual(['50000000000012']);
    expect((await scan('50000000000012')).product.sku).toBe('MOVE-B');
  });

  it('a UPC-A and its EAN-13 form are one code: taken by another product is BARCODE_EXISTS naming the code and SKU', async () => {
    ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "UPC-1", name: "U", barcodes: ["012345678905"] }) { id } }`,
      ),
    );
    const before = await s.sql(`select count(*)::int as n from product`);
    const err = refused(
      await s.gql(
        `mutation { createProduct(input: { sku: "UPC-2", name: "U2", barcodes: ["0012345678905"] }) { id } }`,
      ),
    );
    expect(err.extensions?.code).toBe('BARCODE_EXISTS');
    expect(err.message).toContain('0012345678905');
    expect(err.message).toContain('UPC-1');
    expect(await s.sql(`select count(*)::int as n from product`)).toEqual(before);
    // The scan finds the product whatever the spelling.
    expect((await scan('0012345678905')).product.sku).toBe('UPC-1');
  });

  it('are per organization: another organization may use the same code', async () => {
    const key = await s.newOrganization('barcode-other');
    const p = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "X", name: "X", barcodes: ["012345678905"] }) { barcodes } }`,
        {},
        key,
      ),
    ).createProduct;
    expect(p.barcodes).toEqual(['012345678905']);
  });
});

describe('resolveScan', () => {
  let both: { id: string };
  beforeAll(async () => {
    // A product whose barcode is also recorded as a serial number of the same product.
    both = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "BOTH", name: "Both", trackingMode: SERIAL, barcodes: ["4006381333948"] }) { id } }`,
      ),
    ).createProduct;
    ok(
      await receive(s, w, [], {
        lines: [
          { productId: both.id, quantity: 2, serials: ['4006381333948', 'BOTH-2'] },
          { productId: w.terminal.id, quantity: 1, serials: ['SCAN-T1'] },
        ],
      }),
    );
  });

  it('inside a line of the product, a code that is both its barcode and its serial is the serial', async () => {
    const r = await scan('4006381333948', both.id);
    expect(r).toMatchObject({ kind: 'SERIAL', ambiguous: true, product: { sku: 'BOTH' } });
    expect(r.serial).toEqual({
      number: '4006381333948',
      status: 'IN_STOCK',
      product: { sku: 'BOTH' },
      warehouse: { code: 'MAIN' },
    });
  });

  it('outside a line of that product, the same code selects the product', async () => {
    expect(await scan('4006381333948')).toMatchObject({ kind: 'PRODUCT', ambiguous: true, serial: null });
    expect(await scan('4006381333948', w.terminal.id)).toMatchObject({
      kind: 'PRODUCT',
      product: { sku: 'BOTH' },
    });
  });

  it('a serial alone is the serial, case-insensitively, with its status and place', async () => {
    const r = await scan(' scan-t1 ');
    expect(r).toMatchObject({
      code: 'scan-t1',
      kind: 'SERIAL',
      ambiguous: false,
      product: null,
      serial: {
        number: 'SCAN-T1',
        status: 'IN_STOCK',
        product: { sku: 'HT-100' },
        warehouse: { code: 'MAIN' },
      },
    });
  });

  it('neither: NONE, with nothing found', async () => {
    expect(await scan('NOPE-1')).toEqual({
      code: 'NOPE-1',
      kind: 'NONE',
      ambiguous: false,
      product: null,
      serial: null,
      serials: [],
    });
  });

  it('a productId that is not a product id is refused, naming the argument', async () => {
    const err = refused(await s.gql(SCAN, { code: 'X', productId: w.main.id }));
    expect(err.extensions?.code).toBe('NOT_FOUND');
    expect(err.message).toContain('productId');
  });
});
