import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, refused, seedWorld, type World } from '../support/fixtures';

// Product barcodes are checked before anything is written: a bad code, too many codes, an
// oversized string or a code held by another product is refused naming every offending code,
// and neither the product nor any barcode row changes.
let s: TestServer;
let w: World;

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id barcodes } }`;

async function counts() {
  const [row] = await s.sql(
    `select (select count(*)::int from product) as products,
            (select string_agg(product_id::text || code || coalesce(removed_at::text, '-'), ',' order by id) from product_barcode) as barcodes`,
  );
  return row!;
}

async function expectNothingWritten(request: () => Promise<unknown>) {
  const before = await counts();
  const result = await request();
  expect(await counts()).toEqual(before);
  return result;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await s.gql(UPDATE, { input: { id: w.terminal.id, barcodes: ['4006381333931'] } }));
});
afterAll(() => s?.close());

describe('hostile product barcodes', () => {
  it('a wrong check digit, a letter and a wrong length are INVALID_BARCODE naming each code, nothing written', async () => {
    const err = await expectNothingWritten(async () =>
      refused(
        await s.gql(CREATE, {
          input: {
            sku: 'BAD-1',
            name: 'Bad',
            barcodes: ['96385074', '4006381333932', '40063813339A1', '123'],
          },
        }),
      ),
    );
    const e = err as ReturnType<typeof refused>;
    expect(e.extensions?.code).toBe('INVALID_BARCODE');
    expect(e.extensions?.barcodes).toEqual(['4006381333932', '40063813339A1', '123']);
    for (const code of ['4006381333932', '40063813339A1', '123']) expect(e.message).toContain(code);
    expect(e.message).toContain('check digit');
  });

  it('more barcodes than the limit are refused naming the field and the limit, nothing written', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `9638507${i}`);
    const e = (await expectNothingWritten(async () =>
      refused(await s.gql(UPDATE, { input: { id: w.terminal.id, barcodes: many } })),
    )) as ReturnType<typeof refused>;
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('input.barcodes');
    expect(e.message).toContain('20');
  });

  it('an oversized code is refused naming the field, without echoing it', async () => {
    const huge = '1'.repeat(1500);
    const e = (await expectNothingWritten(async () =>
      refused(await s.gql(CREATE, { input: { sku: 'HUGE', name: 'Huge', barcodes: [huge] } })),
    )) as ReturnType<typeof refused>;
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('input.barcodes');
    expect(e.message).not.toContain(huge);
  });

  it('the same code twice (in two spellings) is refused naming it', async () => {
    const e = (await expectNothingWritten(async () =>
      refused(
        await s.gql(CREATE, {
          input: { sku: 'TWICE', name: 'Twice', barcodes: ['012345678905', '0012345678905'] },
        }),
      ),
    )) as ReturnType<typeof refused>;
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.extensions?.barcodes).toEqual(['0012345678905']);
  });

  it('a code held by another product is BARCODE_EXISTS on update too; the product keeps its barcodes and name', async () => {
    const e = (await expectNothingWritten(async () =>
      refused(
        await s.gql(UPDATE, {
          input: { id: w.cable.id, name: 'Renamed', barcodes: ['96385074', '4006381333931'] },
        }),
      ),
    )) as ReturnType<typeof refused>;
    expect(e.extensions?.code).toBe('BARCODE_EXISTS');
    expect(e.extensions?.barcodes).toEqual(['4006381333931']);
    expect(e.message).toContain('4006381333931 (HT-100)');
    const cable = ok(
      await s.gql(`query($id: ID!) { product(id: $id) { name barcodes } }`, { id: w.cable.id }),
    );
    expect(cable.product).toEqual({ name: 'USB cable', barcodes: [] });
  });

  it('clerks and viewers may read barcodes and scan but not set barcodes', async () => {
    for (const role of ['clerk', 'viewer'] as const) {
      const e = (await expectNothingWritten(async () =>
        refused(await s.gql(UPDATE, { input: { id: w.cable.id, barcodes: ['96385074'] } }, s.keys[role])),
      )) as ReturnType<typeof refused>;
      expect(e.extensions?.code).toBe('FORBIDDEN');
      const r = ok(
        await s.gql(
          `query { resolveScan(code: "4006381333931") { kind product { sku } } }`,
          {},
          s.keys[role],
        ),
      );
      expect(r.resolveScan).toEqual({ kind: 'PRODUCT', product: { sku: 'HT-100' } });
    }
  });

  it('a NUL or an oversized scan is refused as BAD_USER_INPUT, with no SQL text', async () => {
    for (const code of ['bad\u0000code', 'x'.repeat(5000)]) {
      const e = refused(await s.gql(`query($c: String!) { resolveScan(code: $c) { kind } }`, { c: code }));
      expect(e.extensions?.code).toBe('BAD_USER_INPUT');
      expect(e.message).toContain('code');
      expect(JSON.stringify(e)).not.toMatch(/select|product_barcode|stack/i);
    }
  });
});

describe('racing for one barcode', () => {
  it('ten products created at once with the same code: one gets it, nine are BARCODE_EXISTS naming it, nothing else written', async () => {
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.gql(CREATE, { input: { sku: `RACE-${i}`, name: 'Race', barcodes: ['50000000000012'] } }),
      ),
    );
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors).map((r) => refused(r));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const e of lost) {
      expect(e.extensions?.code).toBe('BARCODE_EXISTS');
      expect(e.extensions?.barcodes).toEqual(['50000000000012']);
      expect(e.message).toMatch(/50000000000012 \(RACE-\d\)/);
    }
    const after = await counts();
    expect(after.products).toBe((before.products as number) + 1);
    const rows = await s.sql(`select count(*)::int as n from product_barcode where code = '50000000000012'`);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
