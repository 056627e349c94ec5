import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, refused, seedWorld, serialByNumber, ship, type World } from './support/fixtures';

let s: TestServer;
let w: World;
let scanner: { id: string };
/** Document ids in the order they were posted. */
const posted: { id: string; number: string }[] = [];

const numbersOf = (conn: { edges: { node: { number: string } }[] }) => conn.edges.map((e) => e.node.number);

async function serials(filter: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const d = ok(
    await s.gql(
      `query($filter: SerialFilter, $first: Int, $after: String, $orderBy: SerialOrderBy) {
        serials(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number status } } } }`,
      { filter, first: 100, ...extra },
    ),
  );
  return d.serials;
}

async function documents(filter: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  const d = ok(
    await s.gql(
      `query($filter: DocumentFilter, $first: Int, $after: String) {
        documents(filter: $filter, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number type } } } }`,
      { filter, first: 100, ...extra },
    ),
  );
  return d.documents;
}

async function post(mutation: string, type: string, input: Record<string, unknown>) {
  const doc = ok(
    await s.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { id number } }`, { input }),
  )[mutation];
  posted.push(doc);
  return doc;
}

const terminalLine = (serials: string[]) => [{ productId: w.terminal.id, quantity: serials.length, serials }];

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  scanner = ok(
    await s.gql(
      `mutation { createProduct(input: { sku: "SCN-1", name: "Scanner", trackingMode: SERIAL }) { id } }`,
    ),
  ).createProduct;
  const track = (res: Awaited<ReturnType<typeof receive>>, field: string) => posted.push(ok(res)[field]);
  track(await receive(s, w, ['Q-010', 'Q-011', 'Q-012']), 'receiveStock');
  track(await receive(s, w, range('Q-', 1, 9, 3)), 'receiveStock');
  track(
    await receive(s, w, ['E_1', 'E%2', 'EX1', 'DUP-1'], { warehouseId: w.east.id, supplierId: null }),
    'receiveStock',
  );
  await post('receiveStock', 'ReceiveStockInput', {
    warehouseId: w.east.id,
    lines: [{ productId: scanner.id, quantity: 2, serials: ['dup-1', 'S-1'] }],
  });
  track(await ship(s, w, ['Q-001', 'Q-002']), 'shipStock');
  track(await ship(s, w, ['Q-003'], { customerId: w.customer2.id }), 'shipStock');
  await post('writeOffStock', 'WriteOffStockInput', {
    warehouseId: w.main.id,
    reason: 'dropped',
    lines: terminalLine(['Q-004']),
  });
  await post('holdStock', 'HoldStockInput', {
    warehouseId: w.main.id,
    reason: 'inspection',
    lines: terminalLine(['Q-005']),
  });
});
afterAll(() => s?.close());

describe('node(id)', () => {
  it('resolves every Node type with its __typename', async () => {
    const unit = await serialByNumber(s, 'Q-001');
    const full = ok(await s.gql(`{ lookupSerial(number: "Q-001") { history { id type } } }`)).lookupSerial[0];
    const cases: [string, string, Record<string, unknown>][] = [
      [w.terminal.id, 'Product', { sku: 'HT-100' }],
      [w.main.id, 'Warehouse', { code: 'MAIN' }],
      [w.customer.id, 'Party', { name: 'Acme Retail' }],
      [unit.id, 'Serial', { number: 'Q-001' }],
      [full.history[1].id, 'Movement', { type: 'SHIPPED' }],
      [posted[0]!.id, 'Document', { docNumber: posted[0]!.number }],
    ];
    for (const [id, typename, fields] of cases) {
      const d = ok(
        await s.gql(
          `query($id: ID!) { node(id: $id) { __typename id
             ... on Product { sku } ... on Warehouse { code } ... on Party { name } ... on Serial { number }
             ... on Movement { type } ... on Document { docNumber: number } } }`,
          { id },
        ),
      );
      expect(d.node).toEqual({ __typename: typename, id, ...fields });
    }
  });

  it('answers null for an id that is garbage, of an unknown type, or of no existing row', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const ids = [
      'garbage',
      '',
      '%%%',
      b64('Serial:not-a-uuid'),
      b64('Widget:00000000-0000-4000-8000-000000000000'),
      b64('Serial:00000000-0000-4000-8000-000000000000'),
    ];
    for (const id of ids) {
      const res = await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(ok(res).node, id).toBeNull();
    }
  });
});

describe('the serials report', () => {
  it('shows units in storage by default and adds shipped and written-off units with includeOutOfStorage', async () => {
    const inStorage = await serials(null);
    expect(inStorage.totalCount).toBe(14);
    expect(new Set(inStorage.edges.map((e: { node: { status: string } }) => e.node.status))).toEqual(
      new Set(['IN_STOCK', 'ON_HOLD']),
    );
    const all = await serials({ includeOutOfStorage: true });
    expect(all.totalCount).toBe(18);
    expect(numbersOf(all)).toEqual(expect.arrayContaining(['Q-001', 'Q-002', 'Q-003', 'Q-004']));
    expect(numbersOf(inStorage)).not.toEqual(expect.arrayContaining(['Q-001']));
  });

  it('filters by product and by warehouse', async () => {
    expect((await serials({ productId: scanner.id })).totalCount).toBe(2);
    expect((await serials({ productId: w.terminal.id })).totalCount).toBe(12);
    expect(numbersOf(await serials({ warehouseId: w.east.id })).sort()).toEqual(
      ['DUP-1', 'E%2', 'EX1', 'E_1', 'S-1', 'dup-1'].sort(),
    );
    expect(numbersOf(await serials({ warehouseId: w.main.id }))).toEqual(range('Q-', 5, 12, 3));
  });

  it('filters by statuses, which win over includeOutOfStorage', async () => {
    expect(numbersOf(await serials({ statuses: ['SHIPPED'] }))).toEqual(['Q-001', 'Q-002', 'Q-003']);
    expect(
      numbersOf(await serials({ statuses: ['ON_HOLD', 'WRITTEN_OFF'], includeOutOfStorage: false })),
    ).toEqual(['Q-004', 'Q-005']);
  });

  it('filters by party, matching the supplier or the customer', async () => {
    expect(numbersOf(await serials({ partyId: w.supplier.id }))).toEqual(range('Q-', 5, 12, 3));
    expect((await serials({ partyId: w.supplier.id, includeOutOfStorage: true })).totalCount).toBe(12);
    expect(numbersOf(await serials({ partyId: w.customer.id, includeOutOfStorage: true }))).toEqual([
      'Q-001',
      'Q-002',
    ]);
    expect(numbersOf(await serials({ partyId: w.customer2.id, includeOutOfStorage: true }))).toEqual([
      'Q-003',
    ]);
    expect((await serials({ partyId: w.customer.id })).totalCount).toBe(0);
  });

  it('searches a case-insensitive substring of the number, taking _ and % literally', async () => {
    expect(numbersOf(await serials({ search: 'q-01' }))).toEqual(['Q-010', 'Q-011', 'Q-012']);
    expect(numbersOf(await serials({ search: 'e_1' }))).toEqual(['E_1']);
    expect(numbersOf(await serials({ search: 'E%' }))).toEqual(['E%2']);
    expect(numbersOf(await serials({ search: '%' }))).toEqual(['E%2']);
    expect((await serials({ search: 'DUP' })).totalCount).toBe(2);
    expect((await serials({ search: 'nothing-like-this' })).totalCount).toBe(0);
  });

  it('combines filters', async () => {
    expect(
      numbersOf(await serials({ productId: w.terminal.id, warehouseId: w.east.id, search: 'e' })),
    ).toEqual(expect.arrayContaining(['E_1', 'E%2', 'EX1']));
    expect((await serials({ productId: scanner.id, search: 'q-' })).totalCount).toBe(0);
  });

  it('pages through every unit with stable cursors: right totalCount and hasNextPage, no repeats, same order as one page', async () => {
    const whole = numbersOf(await serials({ includeOutOfStorage: true }, { first: 100 }));
    const seen: string[] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = await serials({ includeOutOfStorage: true }, { first: 5, after });
      expect(page.totalCount).toBe(18);
      seen.push(...numbersOf(page));
      more.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(more).toEqual([true, true, true, false]);
    expect(seen).toEqual(whole);
    expect(new Set(seen).size).toBe(18);
    // Exactly one full page: no next page.
    expect((await serials({ includeOutOfStorage: true }, { first: 18 })).pageInfo.hasNextPage).toBe(false);
    expect((await serials({ includeOutOfStorage: true }, { first: 17 })).pageInfo.hasNextPage).toBe(true);
  });

  it('orders by number by default, and oldest receipt first with RECEIVED_AT_ASC, also across pages', async () => {
    // Out of storage, a unit has no warehouse; the supplier picks the two MAIN receipts.
    const main = { partyId: w.supplier.id, includeOutOfStorage: true };
    expect(numbersOf(await serials(main))).toEqual(range('Q-', 1, 12, 3));
    const fifo = [...range('Q-', 10, 12, 3), ...range('Q-', 1, 9, 3)];
    expect(numbersOf(await serials(main, { orderBy: 'RECEIVED_AT_ASC' }))).toEqual(fifo);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await serials(main, { orderBy: 'RECEIVED_AT_ASC', first: 4, after });
      paged.push(...numbersOf(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(fifo);
    expect(numbersOf(await serials(main, { orderBy: 'RECEIVED_AT_DESC' }))).toEqual([...fifo].reverse());
  });

  it('refuses a page size over the limit or a cursor it did not issue with BAD_USER_INPUT', async () => {
    expect(refused(await s.gql(`{ serials(first: 100000) { totalCount } }`)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refused(await s.gql(`{ serials(first: -1) { totalCount } }`)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refused(await s.gql(`{ serials(after: "bogus") { totalCount } }`)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('lookupSerial', () => {
  it('finds a number exactly and case-insensitively, across products', async () => {
    const q = `query($n: String!) { lookupSerial(number: $n) { number product { sku } } }`;
    for (const n of ['dup-1', 'DUP-1', ' Dup-1 ']) {
      const found = ok(await s.gql(q, { n })).lookupSerial;
      expect(found.map((x: { product: { sku: string } }) => x.product.sku).sort(), n).toEqual([
        'HT-100',
        'SCN-1',
      ]);
      expect(found.map((x: { number: string }) => x.number).sort()).toEqual(['DUP-1', 'dup-1']);
    }
    expect(ok(await s.gql(q, { n: 'DUP' })).lookupSerial).toEqual([]);
    expect(ok(await s.gql(q, { n: 'E_1' })).lookupSerial).toEqual([
      { number: 'E_1', product: { sku: 'HT-100' } },
    ]);
    expect(ok(await s.gql(q, { n: 'E%1' })).lookupSerial).toEqual([]);
    expect(ok(await s.gql(q, { n: 'q-004' })).lookupSerial).toEqual([
      { number: 'Q-004', product: { sku: 'HT-100' } },
    ]);
  });
});

describe('checkSerials', () => {
  const q = `query($p: ID!, $n: [String!]!, $purpose: SerialCheckPurpose!, $wh: ID) {
    checkSerials(productId: $p, numbers: $n, purpose: $purpose, warehouseId: $wh) { number ok issue serial { number status } } }`;

  it('judges numbers for a receipt one by one, in input order', async () => {
    const numbers = ['NEW-1', 'bad one', 'Q-006', 'new-1', 'NEW-2', 'q-006', 'X'.repeat(65)];
    const d = ok(await s.gql(q, { p: w.terminal.id, n: numbers, purpose: 'RECEIVE' }, s.keys.viewer));
    expect(d.checkSerials.map((c: { number: string }) => c.number)).toHaveLength(numbers.length);
    expect(d.checkSerials.map((c: { ok: boolean; issue: string | null }) => [c.ok, c.issue])).toEqual([
      [true, null],
      [false, 'INVALID_FORMAT'],
      [false, 'ALREADY_EXISTS'],
      [false, 'DUPLICATE_IN_INPUT'],
      [true, null],
      [false, 'DUPLICATE_IN_INPUT'],
      [false, 'INVALID_FORMAT'],
    ]);
    expect(d.checkSerials[2].serial).toEqual({ number: 'Q-006', status: 'IN_STOCK' });
    expect(d.checkSerials[0].serial).toBeNull();
  });

  it('flags a number another product has as fine for this product', async () => {
    const d = ok(await s.gql(q, { p: scanner.id, n: ['Q-006', 'DUP-1'], purpose: 'RECEIVE' }));
    expect(d.checkSerials.map((c: { issue: string | null }) => c.issue)).toEqual([null, 'ALREADY_EXISTS']);
  });

  it('judges numbers for a shipment from a warehouse: NOT_FOUND, NOT_AVAILABLE with the unit’s status, or ok', async () => {
    const numbers = ['Q-006', 'NOPE-1', 'Q-001', 'E_1', 'Q-005', 'q-007', 'Q-004'];
    const d = ok(await s.gql(q, { p: w.terminal.id, n: numbers, purpose: 'SHIP', wh: w.main.id }));
    expect(d.checkSerials).toEqual([
      { number: 'Q-006', ok: true, issue: null, serial: { number: 'Q-006', status: 'IN_STOCK' } },
      { number: 'NOPE-1', ok: false, issue: 'NOT_FOUND', serial: null },
      { number: 'Q-001', ok: false, issue: 'NOT_AVAILABLE', serial: { number: 'Q-001', status: 'SHIPPED' } },
      { number: 'E_1', ok: false, issue: 'NOT_AVAILABLE', serial: { number: 'E_1', status: 'IN_STOCK' } },
      { number: 'Q-005', ok: false, issue: 'NOT_AVAILABLE', serial: { number: 'Q-005', status: 'ON_HOLD' } },
      { number: 'q-007', ok: true, issue: null, serial: { number: 'Q-007', status: 'IN_STOCK' } },
      {
        number: 'Q-004',
        ok: false,
        issue: 'NOT_AVAILABLE',
        serial: { number: 'Q-004', status: 'WRITTEN_OFF' },
      },
    ]);
    // Without a warehouse, any unit in stock will do.
    const anywhere = ok(await s.gql(q, { p: w.terminal.id, n: ['E_1'], purpose: 'SHIP' }));
    expect(anywhere.checkSerials[0]).toMatchObject({ ok: true, issue: null });
  });

  it('answers NOT_FOUND for an unknown product or warehouse', async () => {
    expect(refused(await s.gql(q, { p: w.main.id, n: ['A'], purpose: 'SHIP' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      refused(await s.gql(q, { p: w.terminal.id, n: ['A'], purpose: 'SHIP', wh: w.terminal.id })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
  });
});

describe('the documents list', () => {
  it('lists documents newest first and filters them by type', async () => {
    const all = await documents(null);
    expect(all.totalCount).toBe(posted.length);
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      [...posted].reverse().map((d) => d.id),
    );
    expect(
      (await documents({ types: ['SHIPMENT'] })).edges.map((e: { node: { type: string } }) => e.node.type),
    ).toEqual(['SHIPMENT', 'SHIPMENT']);
    const receiptsAndWriteOffs = await documents({ types: ['RECEIPT', 'WRITE_OFF'] });
    expect(receiptsAndWriteOffs.totalCount).toBe(5);
    expect(new Set(receiptsAndWriteOffs.edges.map((e: { node: { type: string } }) => e.node.type))).toEqual(
      new Set(['RECEIPT', 'WRITE_OFF']),
    );
  });

  it('filters by party, warehouse and unit', async () => {
    const typesOf = (c: { edges: { node: { type: string } }[] }) => c.edges.map((e) => e.node.type);
    expect(typesOf(await documents({ partyId: w.customer.id }))).toEqual(['SHIPMENT']);
    expect(typesOf(await documents({ partyId: w.supplier.id }))).toEqual(['RECEIPT', 'RECEIPT']);
    expect(typesOf(await documents({ warehouseId: w.east.id }))).toEqual(['RECEIPT', 'RECEIPT']);
    expect((await documents({ warehouseId: w.main.id })).totalCount).toBe(6);
    const q1 = await serialByNumber(s, 'Q-001');
    expect(typesOf(await documents({ serialId: q1.id }))).toEqual(['SHIPMENT', 'RECEIPT']);
    expect(typesOf(await documents({ serialId: q1.id, types: ['RECEIPT'] }))).toEqual(['RECEIPT']);
    expect((await documents({ partyId: w.customer2.id, warehouseId: w.east.id })).totalCount).toBe(0);
  });

  it('pages through documents without repeats', async () => {
    const seen: string[] = [];
    const more: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = await documents(null, { first: 3, after });
      expect(page.totalCount).toBe(posted.length);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      more.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(posted.length).toBe(8);
    expect(more).toEqual([true, true, false]);
    expect(seen).toEqual([...posted].reverse().map((d) => d.id));
  });

  it('answers NOT_FOUND for a filter id of the wrong type', async () => {
    expect(
      refused(
        await s.gql(`query($id: ID!) { documents(filter: { partyId: $id }) { totalCount } }`, {
          id: w.main.id,
        }),
      ).extensions?.code,
    ).toBe('NOT_FOUND');
  });
});
