import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import {
  ok,
  receive,
  refused,
  seedWorld,
  serialByNumber,
  ship,
  writeCounts,
  type World,
} from './support/fixtures';

let s: TestServer;
let w: World;
let seq = 0;

const COUNT_FIELDS = `id number status note startedBy startedAt endedBy endedAt fixesPosted expectedTotal
  warehouse { code } product { sku }`;
const SCAN_FIELDS = `code number verdict message serial { number status } product { sku }`;
const LIST_FIELDS = `
  counted(first: 20) { totalCount edges { node { number scannedBy serial { number status } } } }
  missing(first: 20) { totalCount edges { node { number status } } }
  found(first: 20) { totalCount edges { node { number reason fixable
    serial { number status warehouse { code } customer { name } } } } }
  documents { id number type reference note warehouse { code } toWarehouse { code } stockCount { number } }`;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(
    await s.gql(
      `mutation($id: ID!) { updateProduct(input: { id: $id, barcodes: ["4006381333931"] }) { id } }`,
      {
        id: w.terminal.id,
      },
    ),
  );
});
afterAll(() => s?.close());

/** A warehouse of its own per test, so counts never see another test's units. */
async function newWarehouse(): Promise<{ id: string; code: string }> {
  const code = `CNT${++seq}`;
  return ok(
    await s.gql(`mutation { createWarehouse(input: { code: "${code}", name: "${code}" }) { id code } }`),
  ).createWarehouse;
}

function start(input: Record<string, unknown>, key = s.keys.clerk) {
  return s.gql(
    `mutation($input: StartStockCountInput!) { startStockCount(input: $input) { ${COUNT_FIELDS} } }`,
    { input },
    key,
  );
}

function scan(countId: string, numbers: string[], key = s.keys.clerk, idempotencyKey?: string) {
  return s.gql(
    `mutation($id: ID!, $n: [String!]!, $k: String) { recordCountScans(countId: $id, numbers: $n, idempotencyKey: $k) {
       count { number status } scans { ${SCAN_FIELDS} } } }`,
    { id: countId, n: numbers, k: idempotencyKey ?? null },
    key,
  );
}

function close(countId: string, postFixes: boolean, key = s.keys.admin) {
  return s.gql(
    `mutation($input: CloseStockCountInput!) { closeStockCount(input: $input) { ${COUNT_FIELDS} ${LIST_FIELDS} } }`,
    { input: { countId, postFixes } },
    key,
  );
}

async function lists(countId: string, key?: string) {
  return ok(
    await s.gql(
      `query($id: ID!) { stockCount(id: $id) { ${COUNT_FIELDS} ${LIST_FIELDS} } }`,
      { id: countId },
      key,
    ),
  ).stockCount;
}

const numbers = (conn: { edges: { node: { number: string } }[] }) => conn.edges.map((e) => e.node.number);

/** Rows of the count tables and every table a posting writes: a refusal leaves them all unchanged. */
async function allCounts() {
  const [row] = await s.sql(
    `select (select count(*)::int from stock_count) as counts, (select count(*)::int from stock_count_scan) as scans,
            (select count(*)::int from stock_count_document) as links,
            (select string_agg(status || coalesce(outcome, '-'), ',' order by c.id) from stock_count c
               left join stock_count_scan x on x.count_id = c.id) as states`,
  );
  return { ...row, ...(await writeCounts(s)) };
}

/** The uuid behind a count's id (rows are read by id: numbers repeat across organizations). */
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

async function scanRows(countId: string): Promise<number> {
  const [row] = await s.sql<{ n: number }>(
    `select count(*)::int as n from stock_count_scan where count_id = ?`,
    [uuidOf(countId)],
  );
  return row!.n;
}

async function linkedDocuments(countId: string): Promise<number> {
  const [row] = await s.sql<{ n: number }>(
    `select count(*)::int as n from stock_count_document where count_id = ?`,
    [uuidOf(countId)],
  );
  return row!.n;
}

/** The units on a document, as numbers with their status now. */
async function unitsOf(documentId: string): Promise<[string, string][]> {
  const d = ok(
    await s.gql(`query($id: ID!) { document(id: $id) { lines { serials { number status } } } }`, {
      id: documentId,
    }),
  );
  return d.document.lines
    .flatMap((l: { serials: { number: string; status: string }[] }) => l.serials)
    .map((x: { number: string; status: string }) => [x.number, x.status])
    .sort();
}

async function expectRefused(run: () => Promise<{ errors?: unknown }>, code: string) {
  const before = await allCounts();
  const err = refused((await run()) as never);
  expect(err.extensions?.code, err.message).toBe(code);
  expect(await allCounts()).toEqual(before);
  return err;
}

describe('a stock count', () => {
  it('lists counted, missing and found units with the live rule, then closes once with fixes based on it', async () => {
    const wh = await newWarehouse();
    const east = { warehouseId: w.east.id };
    ok(await receive(s, w, ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'S-1'], { warehouseId: wh.id }));
    ok(await receive(s, w, ['E-1', 'E-2'], east));
    ok(await ship(s, w, ['S-1'], { warehouseId: wh.id }));

    const count = ok(await start({ warehouseId: wh.id, note: 'weekly check' })).startStockCount;
    expect(count).toMatchObject({
      status: 'OPEN',
      note: 'weekly check',
      startedBy: 'clerk-key',
      expectedTotal: 6,
      warehouse: { code: wh.code },
      product: null,
    });
    expect(count.number).toMatch(/^CNT-\d{6}$/);

    const scanned = ok(
      await scan(count.id, [
        'a-1',
        ' A-2 ',
        'A-2',
        'E-1',
        'S-1',
        'NOPE-1',
        '4006381333931',
        '',
        'bad code',
        'A-1',
      ]),
    ).recordCountScans.scans;
    expect(scanned.map((x: { code: string; verdict: string }) => [x.code, x.verdict])).toEqual([
      ['a-1', 'COUNTED'],
      [' A-2 ', 'COUNTED'],
      ['A-2', 'DUPLICATE'],
      ['E-1', 'COUNTED'],
      ['S-1', 'COUNTED'],
      ['NOPE-1', 'UNKNOWN'],
      ['4006381333931', 'PRODUCT_BARCODE'],
      ['', 'INVALID'],
      ['bad code', 'INVALID'],
      ['A-1', 'DUPLICATE'],
    ]);
    expect(scanned[1]).toMatchObject({ number: 'A-2', serial: { number: 'A-2', status: 'IN_STOCK' } });
    expect(scanned[6]).toMatchObject({ product: { sku: 'HT-100' }, serial: null });
    expect(scanned[6].message).toMatch(/product barcode/);
    // Refused codes (barcode, invalid) are not kept; repeats are kept once.
    expect(await scanRows(count.id)).toBe(5);

    // Units move while people count: A-3 (never scanned) is shipped, A-1 is shipped after its scan,
    // A-9 arrives during the count and is not scanned: none of them is missing, none is found.
    ok(await ship(s, w, ['A-3', 'A-1'], { warehouseId: wh.id }));
    ok(await receive(s, w, ['A-9'], { warehouseId: wh.id }));

    const live = await lists(count.id);
    expect(numbers(live.counted)).toEqual(['a-1', 'A-2']);
    expect(live.counted.totalCount).toBe(2);
    expect(numbers(live.missing)).toEqual(['A-4', 'A-5', 'A-6']);
    expect(live.missing.totalCount).toBe(3);
    expect(live.found.totalCount).toBe(3);
    const found = Object.fromEntries(
      live.found.edges.map((e: { node: { number: string } }) => [e.node.number, e.node]),
    );
    expect(found['E-1']).toMatchObject({
      reason: 'OTHER_WAREHOUSE',
      fixable: true,
      serial: { status: 'IN_STOCK', warehouse: { code: 'EAST' } },
    });
    expect(found['S-1']).toMatchObject({
      reason: 'OUT_OF_STORAGE',
      fixable: false,
      serial: { status: 'SHIPPED', warehouse: null, customer: { name: 'Acme Retail' } },
    });
    expect(found['NOPE-1']).toMatchObject({ reason: 'UNKNOWN', fixable: false, serial: null });

    // A clerk may count but not post fixes.
    const forbidden = await expectRefused(() => close(count.id, true, s.keys.clerk), 'FORBIDDEN');
    expect(forbidden.message).toMatch(/admin/);

    const closed = ok(await close(count.id, true)).closeStockCount;
    expect(closed).toMatchObject({ status: 'CLOSED', fixesPosted: true, endedBy: 'admin-key' });
    expect(closed.documents).toHaveLength(2);
    const [writeOff, transfer] = closed.documents;
    expect(writeOff).toMatchObject({
      type: 'WRITE_OFF',
      reference: count.number,
      note: `not found in count ${count.number}`,
      warehouse: { code: wh.code },
      stockCount: { number: count.number },
    });
    expect(await unitsOf(writeOff.id)).toEqual([
      ['A-4', 'WRITTEN_OFF'],
      ['A-5', 'WRITTEN_OFF'],
      ['A-6', 'WRITTEN_OFF'],
    ]);
    expect(transfer).toMatchObject({
      type: 'TRANSFER',
      reference: count.number,
      note: `found in count ${count.number}`,
      warehouse: { code: 'EAST' },
      toWarehouse: { code: wh.code },
      stockCount: { number: count.number },
    });
    expect(await unitsOf(transfer.id)).toEqual([['E-1', 'IN_STOCK']]);
    // The units' history names the fix documents and the count.
    const a4 = await serialByNumber(s, 'A-4');
    expect(a4.status).toBe('WRITTEN_OFF');
    expect(a4.history.at(-1)).toMatchObject({
      type: 'WRITTEN_OFF',
      note: `not found in count ${count.number}`,
      document: { number: writeOff.number, type: 'WRITE_OFF' },
    });
    const e1 = await serialByNumber(s, 'E-1');
    expect(e1).toMatchObject({ status: 'IN_STOCK', warehouse: { code: wh.code } });
    expect(e1.history.at(-1)).toMatchObject({ type: 'TRANSFERRED', document: { number: transfer.number } });
    // Untouched: E-2 stays in EAST, S-1 stays shipped (left for a person).
    expect((await serialByNumber(s, 'E-2')).warehouse.code).toBe('EAST');
    expect((await serialByNumber(s, 'S-1')).status).toBe('SHIPPED');

    // The lists are frozen at the close, although the fixes moved the units.
    expect(numbers(closed.missing)).toEqual(['A-4', 'A-5', 'A-6']);
    expect(numbers(closed.counted)).toEqual(['a-1', 'A-2']);
    expect(
      closed.found.edges.map((e: { node: { number: string; reason: string } }) => [
        e.node.number,
        e.node.reason,
      ]),
    ).toEqual([
      ['E-1', 'OTHER_WAREHOUSE'],
      ['NOPE-1', 'UNKNOWN'],
      ['S-1', 'OUT_OF_STORAGE'],
    ]);

    // Closing is once; a closed count takes no scans and cannot be cancelled. Nothing is written.
    const again = await expectRefused(() => close(count.id, true), 'STOCK_COUNT_NOT_OPEN');
    expect(again.message).toContain(count.number);
    await expectRefused(() => scan(count.id, ['A-5']), 'STOCK_COUNT_NOT_OPEN');
    await expectRefused(
      () =>
        s.gql(`mutation($id: ID!) { cancelStockCount(countId: $id) { id } }`, { id: count.id }, s.keys.clerk),
      'STOCK_COUNT_NOT_OPEN',
    );
  });

  it('counts one product only when given one, and closes without fixes posting nothing', async () => {
    const wh = await newWarehouse();
    const other = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "LTP-${seq}", name: "Laptop", trackingMode: SERIAL }) { id sku } }`,
      ),
    ).createProduct;
    ok(await receive(s, w, ['P-1', 'P-2'], { warehouseId: wh.id }));
    ok(
      await s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
        input: {
          warehouseId: wh.id,
          supplierId: w.supplier.id,
          lines: [{ productId: other.id, quantity: 1, serials: ['L-1'] }],
        },
      }),
    );
    const count = ok(await start({ warehouseId: wh.id, productId: w.terminal.id })).startStockCount;
    expect(count).toMatchObject({ expectedTotal: 2, product: { sku: 'HT-100' } });
    ok(await scan(count.id, ['P-1', 'L-1']));
    const before = await writeCounts(s);
    const closed = ok(await close(count.id, false, s.keys.clerk)).closeStockCount;
    expect(closed).toMatchObject({ status: 'CLOSED', fixesPosted: false, documents: [] });
    expect(numbers(closed.counted)).toEqual(['P-1']);
    expect(numbers(closed.missing)).toEqual(['P-2']);
    expect(
      closed.found.edges.map((e: { node: { number: string; reason: string } }) => [
        e.node.number,
        e.node.reason,
      ]),
    ).toEqual([['L-1', 'OTHER_PRODUCT']]);
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents);
    expect(after.movements).toBe(before.movements);
  });

  it('pages each list with totals', async () => {
    const wh = await newWarehouse();
    const units = Array.from({ length: 5 }, (_, i) => `PG-${i + 1}`);
    ok(await receive(s, w, units, { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    const page = (after: string | null) =>
      s.gql(
        `query($id: ID!, $after: String) { stockCount(id: $id) { missing(first: 2, after: $after) {
           totalCount pageInfo { hasNextPage endCursor } edges { node { number } } } } }`,
        { id: count.id, after },
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const m: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { number: string } }[];
      } = ok(await page(after)).stockCount.missing;
      expect(m.totalCount).toBe(5);
      seen.push(...numbers(m));
      expect(m.pageInfo.hasNextPage).toBe(i < 2);
      after = m.pageInfo.endCursor;
    }
    expect(seen).toEqual(units);
    const forged = refused(await page('not-a-cursor'));
    expect(forged.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a retried scan batch with the same idempotencyKey as the first time', async () => {
    const wh = await newWarehouse();
    ok(await receive(s, w, ['ID-1', 'ID-2'], { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    const verdicts = async (k?: string) =>
      ok(await scan(count.id, ['ID-1', 'NOPE-ID'], s.keys.clerk, k)).recordCountScans.scans.map(
        (x: { verdict: string }) => x.verdict,
      );
    expect(await verdicts('batch-1')).toEqual(['COUNTED', 'UNKNOWN']);
    expect(await verdicts('batch-1')).toEqual(['COUNTED', 'UNKNOWN']);
    expect(await verdicts('batch-2')).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(await verdicts()).toEqual(['DUPLICATE', 'DUPLICATE']);
  });

  it('cancels an open count: nothing posted, the lists kept as they stood', async () => {
    const wh = await newWarehouse();
    ok(await receive(s, w, ['CX-1', 'CX-2'], { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    ok(await scan(count.id, ['CX-1']));
    const before = await writeCounts(s);
    const cancelled = ok(
      await s.gql(
        `mutation($id: ID!) { cancelStockCount(countId: $id) { status endedBy } }`,
        { id: count.id },
        s.keys.clerk,
      ),
    ).cancelStockCount;
    expect(cancelled).toEqual({ status: 'CANCELLED', endedBy: 'clerk-key' });
    expect(await writeCounts(s)).toEqual(before);
    const l = await lists(count.id);
    expect([numbers(l.counted), numbers(l.missing), l.found.totalCount]).toEqual([['CX-1'], ['CX-2'], 0]);
    await expectRefused(() => close(count.id, false), 'STOCK_COUNT_NOT_OPEN');
  });
});

describe('stock counts under concurrency', () => {
  it('counts a unit once when two clerks scan it at the same moment', async () => {
    const wh = await newWarehouse();
    const units = Array.from({ length: 20 }, (_, i) => `CC-${i + 1}`);
    ok(await receive(s, w, units, { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    const [a, b] = await Promise.all([
      scan(count.id, units, s.keys.clerk),
      scan(count.id, [...units].reverse(), s.keys.admin),
    ]);
    const verdictOf = (r: typeof a) =>
      new Map(
        ok(r).recordCountScans.scans.map((x: { code: string; verdict: string }) => [x.code, x.verdict]),
      );
    const va = verdictOf(a);
    const vb = verdictOf(b);
    for (const u of units) expect([va.get(u), vb.get(u)].sort()).toEqual(['COUNTED', 'DUPLICATE']);
    const l = await lists(count.id);
    expect(l.counted.totalCount).toBe(20);
    expect(l.missing.totalCount).toBe(0);
    expect(await scanRows(count.id)).toBe(20);
  });

  it('lets one of two simultaneous closes win; the other is STOCK_COUNT_NOT_OPEN and posts nothing', async () => {
    const wh = await newWarehouse();
    ok(await receive(s, w, ['RC-1', 'RC-2', 'RC-3'], { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    ok(await scan(count.id, ['RC-1']));
    const results = await Promise.all([close(count.id, true), close(count.id, true)]);
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    expect(losses[0]!.errors![0]!.extensions?.code).toBe('STOCK_COUNT_NOT_OPEN');
    expect(await linkedDocuments(count.id)).toBe(1);
    expect((await serialByNumber(s, 'RC-2')).status).toBe('WRITTEN_OFF');
    const history = (await serialByNumber(s, 'RC-3')).history.filter(
      (h: { type: string }) => h.type === 'WRITTEN_OFF',
    );
    expect(history).toHaveLength(1);
  });
});

describe('stock count refusals and tenancy', () => {
  it('refuses bad starts with typed codes and writes nothing', async () => {
    const wh = await newWarehouse();
    const unknownWarehouse = Buffer.from('Warehouse:00000000-0000-7000-8000-000000000000').toString(
      'base64url',
    );
    const e1 = await expectRefused(() => start({ warehouseId: unknownWarehouse }), 'NOT_FOUND');
    expect(e1.message).toContain('Warehouse');
    const e2 = await expectRefused(
      () => start({ warehouseId: wh.id, productId: w.cable.id }),
      'BAD_USER_INPUT',
    );
    expect(e2.message).toMatch(/serial-tracked/);
    await expectRefused(() => start({ warehouseId: wh.id }, s.keys.viewer), 'FORBIDDEN');
    await expectRefused(() => scan('nonsense', ['X']), 'NOT_FOUND');
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    await expectRefused(() => scan(count.id, ['X'], s.keys.viewer), 'FORBIDDEN');
    await expectRefused(() => close(count.id, false, s.keys.viewer), 'FORBIDDEN');
    // Viewers read counts.
    expect((await lists(count.id, s.keys.viewer)).status).toBe('OPEN');
  });

  it('keeps counts and scans within their organization', async () => {
    const wh = await newWarehouse();
    ok(await receive(s, w, ['ISO-1'], { warehouseId: wh.id }));
    const count = ok(await start({ warehouseId: wh.id })).startStockCount;
    const other = await s.newOrganization(`globex-${seq}`);
    // Another organization neither sees the count nor scans into it, nor closes it.
    expect(
      ok(await s.gql(`query($id: ID!) { stockCount(id: $id) { id } }`, { id: count.id }, other)).stockCount,
    ).toBeNull();
    expect(ok(await s.gql(`{ stockCounts { id } }`, {}, other)).stockCounts).toEqual([]);
    await expectRefused(() => scan(count.id, ['ISO-1'], other), 'NOT_FOUND');
    await expectRefused(() => close(count.id, true, other), 'NOT_FOUND');
    // Its own count does not know the first organization's units.
    const otherWh = ok(
      await s.gql(`mutation { createWarehouse(input: { code: "G1", name: "G1" }) { id } }`, {}, other),
    ).createWarehouse;
    const own = ok(await start({ warehouseId: otherWh.id }, other)).startStockCount;
    expect(own.number).toBe('CNT-000001');
    expect(own.expectedTotal).toBe(0);
    const v = ok(await scan(own.id, ['ISO-1'], other)).recordCountScans.scans[0];
    expect(v).toMatchObject({ verdict: 'UNKNOWN', serial: null });
    const mine = ok(await s.gql(`{ stockCounts { id } }`)).stockCounts.map((c: { id: string }) => c.id);
    expect(mine).toContain(count.id);
    expect(mine).not.toContain(own.id);
  });
});
