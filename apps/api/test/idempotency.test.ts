import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, receive, refused, seedWorld, ship, writeCounts, type World } from './support/fixtures';

let s: TestServer;
let w: World;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

describe('idempotent posting', () => {
  it('returns the first document for a retry with the same key and input, and writes nothing more', async () => {
    const first = ok(
      await receive(s, w, ['ID-1', 'ID-2'], { idempotencyKey: 'rcv-1', reference: 'INV-1' }),
    ).receiveStock;
    const before = await writeCounts(s);
    const retry = ok(
      await receive(s, w, ['ID-1', 'ID-2'], { reference: 'INV-1', idempotencyKey: 'rcv-1' }),
    ).receiveStock;
    expect(retry).toEqual(first);
    expect(retry.number).toMatch(/^RCV-\d{6}$/);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('still returns the first document when its units have moved on since', async () => {
    const first = ok(await receive(s, w, ['ID-3'], { idempotencyKey: 'rcv-moved' })).receiveStock;
    ok(await ship(s, w, ['ID-3']));
    const before = await writeCounts(s);
    const retry = ok(await receive(s, w, ['ID-3'], { idempotencyKey: 'rcv-moved' })).receiveStock;
    expect({ id: retry.id, number: retry.number }).toEqual({ id: first.id, number: first.number });
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses the same key with another input as IDEMPOTENCY_CONFLICT and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(
      await receive(s, w, ['ID-1', 'ID-9'], { idempotencyKey: 'rcv-1', reference: 'INV-1' }),
    );
    expect(err.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(
      refused(await receive(s, w, ['ID-1', 'ID-2'], { idempotencyKey: 'rcv-1', reference: 'INV-2' }))
        .extensions?.code,
    ).toBe('IDEMPOTENCY_CONFLICT');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a key already used by another document type as IDEMPOTENCY_CONFLICT', async () => {
    ok(await receive(s, w, ['ID-4']));
    const before = await writeCounts(s);
    expect(refused(await ship(s, w, ['ID-4'], { idempotencyKey: 'rcv-1' })).extensions?.code).toBe(
      'IDEMPOTENCY_CONFLICT',
    );
    expect(await writeCounts(s)).toEqual(before);
  });

  it('does not use up a key on a refused document: the corrected retry posts', async () => {
    const before = await writeCounts(s);
    expect(
      refused(await receive(s, w, ['ID-1', 'ID-5'], { idempotencyKey: 'rcv-fix' })).extensions?.code,
    ).toBe('SERIAL_EXISTS');
    expect(await writeCounts(s)).toEqual(before);
    const doc = ok(await receive(s, w, ['ID-5'], { idempotencyKey: 'rcv-fix' })).receiveStock;
    expect(doc.lines[0].serials.map((x: { number: string }) => x.number)).toEqual(['ID-5']);
  });

  it('keeps keys per organization: another organization may use the same key for its own document', async () => {
    const other = await s.newOrganization('globex');
    const own = ok(
      await s.gql(
        `mutation { wh: createWarehouse(input: { code: "G", name: "G" }) { id } p: createProduct(input: { sku: "G", name: "G", trackingMode: SERIAL }) { id } }`,
        {},
        other,
      ),
    );
    const doc = ok(
      await s.gql(
        `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id number } }`,
        {
          input: {
            warehouseId: own.wh.id,
            idempotencyKey: 'rcv-1',
            lines: [{ productId: own.p.id, quantity: 1, serials: ['ID-1'] }],
          },
        },
        other,
      ),
    ).receiveStock;
    expect(doc.number).toBe('RCV-000001');
  });

  it('posts one document when five retries with one key arrive at once, and answers all five with it', async () => {
    ok(await receive(s, w, ['RACE-1', 'RACE-2']));
    const before = await writeCounts(s);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ship(s, w, ['RACE-1', 'RACE-2'], { idempotencyKey: 'shp-race' })),
    );
    const docs = results.map((r) => ok(r).shipStock);
    expect(new Set(docs.map((d) => d.id)).size).toBe(1);
    expect(new Set(docs.map((d) => d.number)).size).toBe(1);
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.movements).toBe(before.movements! + 2);
    expect(after.numbers).toBe(before.numbers! + 1);
    const [row] = await s.sql<{ n: number }>(
      `select count(*)::int as n from document where idempotency_key = 'shp-race'`,
    );
    expect(row!.n).toBe(1);
  });

  it('posts one receipt when five retries with one key arrive at once', async () => {
    const before = await writeCounts(s);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => receive(s, w, ['RACE-9'], { idempotencyKey: 'rcv-race' })),
    );
    const ids = results.map((r) => ok(r).receiveStock.id);
    expect(new Set(ids).size).toBe(1);
    const after = await writeCounts(s);
    expect([after.documents, after.serials, after.movements]).toEqual([
      before.documents! + 1,
      before.serials! + 1,
      before.movements! + 1,
    ]);
  });
});
