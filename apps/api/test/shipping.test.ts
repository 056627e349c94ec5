import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '@serialgraph/domain';
import { startTestServer, type GqlResponse, type TestServer } from './support/test-server';
import * as fixtures from './support/fixtures';
import {
  ok,
  post,
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
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s, { warrantyMonths: 24 });
});
afterAll(() => s?.close());

const expectRefusedUnchanged = (run: () => Promise<GqlResponse>, code: string, serials?: string[]) =>
  fixtures.expectRefusedUnchanged(s, run, code, serials);
const stockOf = (productId: string, warehouseId?: string) => fixtures.stockOf(s, productId, warehouseId);
const shipLines = (lines: unknown[], extra: Record<string, unknown> = {}, key?: string) =>
  post(
    s,
    'shipStock',
    'ShipStockInput',
    { warehouseId: w.main.id, customerId: w.customer.id, lines, ...extra },
    key,
  );
const numbersOf = (line: { serials: { number: string }[] }) => line.serials.map((x) => x.number);

/** Puts units on hold in a warehouse (a movement the shipment must respect). */
async function hold(numbers: string[], warehouseId = w.main.id) {
  return ok(
    await post(s, 'holdStock', 'HoldStockInput', {
      warehouseId,
      reason: 'label unreadable',
      lines: [{ productId: w.terminal.id, quantity: numbers.length, serials: numbers }],
    }),
  );
}

async function shippedMovements(number: string) {
  const [row] = await s.sql<{ n: number }>(
    `select count(*)::int as n from movement m join serial x on x.id = m.serial_id where lower(x.number) = lower(?) and m.type = 'SHIPPED'`,
    [number],
  );
  return row!.n;
}

describe('shipping serial units', () => {
  it('ships IN_STOCK units to the customer: out of storage, shipped now, warranty from the shipment', async () => {
    ok(await receive(s, w, ['SHIP-1', 'SHIP-2']));
    const doc = ok(
      await ship(s, w, ['SHIP-1', 'ship-2'], { reference: 'SO-1', note: 'express' }, s.keys.clerk),
    ).shipStock;
    expect(doc).toMatchObject({
      type: 'SHIPMENT',
      reference: 'SO-1',
      note: 'express',
      actor: 'clerk-key',
      warehouse: { code: 'MAIN' },
      party: { id: w.customer.id, name: 'Acme Retail' },
      basedOn: null,
    });
    expect(doc.number).toMatch(/^SHP-\d{6}$/);
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0].quantity).toBe(2);
    expect(doc.lines[0].serials.map((x: { number: string; status: string }) => [x.number, x.status])).toEqual(
      [
        ['SHIP-1', 'SHIPPED'],
        ['SHIP-2', 'SHIPPED'],
      ],
    );
    const unit = await serialByNumber(s, 'SHIP-2');
    expect(unit).toMatchObject({
      status: 'SHIPPED',
      inStorage: false,
      warehouse: null,
      customer: { id: w.customer.id, name: 'Acme Retail' },
      supplier: { name: 'Handheld Supply Co' },
      shippedAt: doc.postedAt,
      warranty: { startsAt: doc.postedAt, active: true },
    });
    expect(unit.warranty.endsAt).toBe(addMonths(new Date(doc.postedAt), 24).toISOString());
    expect(unit.history.map((m: { type: string }) => m.type)).toEqual(['RECEIVED', 'SHIPPED']);
    expect(unit.history[1]).toMatchObject({
      type: 'SHIPPED',
      fromStatus: 'IN_STOCK',
      toStatus: 'SHIPPED',
      fromWarehouse: { code: 'MAIN' },
      toWarehouse: null,
      party: { name: 'Acme Retail' },
      note: 'express',
      actor: 'clerk-key',
      document: { number: doc.number, type: 'SHIPMENT' },
    });
  });

  it('lists a shipment line’s units in the order they were entered', async () => {
    const numbers = ['ORDER-5', 'ORDER-1', 'ORDER-4', 'ORDER-2', 'ORDER-3'];
    ok(await receive(s, w, [...numbers].sort()));
    const doc = ok(await ship(s, w, numbers)).shipStock;
    expect(numbersOf(doc.lines[0])).toEqual(numbers);
  });

  it('costs a shipment line as the sum of its units’ own costs', async () => {
    ok(
      await receive(s, w, ['COST-1'], {
        lines: [{ productId: w.terminal.id, quantity: 1, serials: ['COST-1'], unitCost: '100.00' }],
      }),
    );
    ok(
      await receive(s, w, ['COST-2'], {
        lines: [{ productId: w.terminal.id, quantity: 2, serials: ['COST-2', 'COST-3'], unitCost: '150.50' }],
      }),
    );
    const doc = ok(await ship(s, w, ['COST-1', 'COST-2', 'COST-3'])).shipStock;
    expect(doc.lines[0]).toMatchObject({ quantity: 3, totalCost: '401.00' });
    expect(Number(doc.lines[0].unitCost)).toBeCloseTo(401 / 3, 2);
  });

  it('gives a product without warrantyMonths no warranty', async () => {
    const bare = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "NW-1", name: "No warranty", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    ok(await receive(s, w, [], { lines: [{ productId: bare.id, quantity: 1, serials: ['NOWAR-1'] }] }));
    ok(await shipLines([{ productId: bare.id, quantity: 1, serials: ['NOWAR-1'] }]));
    expect(await serialByNumber(s, 'NOWAR-1')).toMatchObject({ status: 'SHIPPED', warranty: null });
  });

  it('refuses numbers not recorded for the product, naming every one', async () => {
    ok(await receive(s, w, ['FOUND-1']));
    await expectRefusedUnchanged(() => ship(s, w, ['NOPE-1', 'FOUND-1', 'NOPE-2']), 'SERIAL_NOT_FOUND', [
      'NOPE-1',
      'NOPE-2',
    ]);
    expect((await serialByNumber(s, 'FOUND-1')).status).toBe('IN_STOCK');
  });

  it('refuses a number recorded only for another product as SERIAL_NOT_FOUND', async () => {
    const other = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "HT-300", name: "Other terminal", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    ok(await receive(s, w, ['OTHER-PROD-1']));
    await expectRefusedUnchanged(
      () => shipLines([{ productId: other.id, quantity: 1, serials: ['OTHER-PROD-1'] }]),
      'SERIAL_NOT_FOUND',
      ['OTHER-PROD-1'],
    );
  });

  it('refuses units in the other warehouse, on hold or already shipped, naming every one', async () => {
    ok(await receive(s, w, ['NA-EAST'], { warehouseId: w.east.id }));
    ok(await receive(s, w, ['NA-HOLD', 'NA-SHIPPED', 'NA-FINE']));
    await hold(['NA-HOLD']);
    ok(await ship(s, w, ['NA-SHIPPED']));
    const err = await expectRefusedUnchanged(
      () => ship(s, w, ['na-east', 'NA-FINE', 'NA-HOLD', 'NA-SHIPPED']),
      'SERIAL_NOT_AVAILABLE',
    );
    expect(err.extensions?.serials).toEqual(['na-east', 'NA-HOLD', 'NA-SHIPPED']);
    expect((await serialByNumber(s, 'NA-FINE')).status).toBe('IN_STOCK');
  });

  it('refuses to ship the same unit twice', async () => {
    ok(await receive(s, w, ['TWICE-1']));
    ok(await ship(s, w, ['TWICE-1']));
    await expectRefusedUnchanged(
      () => ship(s, w, ['TWICE-1'], { customerId: w.customer2.id }),
      'SERIAL_NOT_AVAILABLE',
      ['TWICE-1'],
    );
    expect(await shippedMovements('TWICE-1')).toBe(1);
    expect((await serialByNumber(s, 'TWICE-1')).customer.name).toBe('Acme Retail');
  });

  it('refuses the same number twice in one shipment', async () => {
    ok(await receive(s, w, ['DUPSHIP-1']));
    await expectRefusedUnchanged(() => ship(s, w, ['DUPSHIP-1', 'dupship-1']), 'DUPLICATE_SERIAL', [
      'DUPSHIP-1',
    ]);
  });

  it('refuses a party without the CUSTOMER role', async () => {
    ok(await receive(s, w, ['ROLE-1']));
    await expectRefusedUnchanged(
      () => ship(s, w, ['ROLE-1'], { customerId: w.supplier.id }),
      'BAD_USER_INPUT',
    );
  });

  it('refuses an unknown customer or warehouse as NOT_FOUND', async () => {
    ok(await receive(s, w, ['REF-1']));
    await expectRefusedUnchanged(
      () => ship(s, w, ['REF-1'], { customerId: fixtures.unknownId('Party') }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => ship(s, w, ['REF-1'], { warehouseId: fixtures.unknownId('Warehouse') }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(() => ship(s, w, ['REF-1'], { customerId: w.main.id }), 'NOT_FOUND');
  });

  it('refuses a serial line without serials and an untracked line with serials', async () => {
    await expectRefusedUnchanged(
      () => shipLines([{ productId: w.terminal.id, quantity: 1 }]),
      'SERIALS_REQUIRED',
    );
    await expectRefusedUnchanged(
      () => shipLines([{ productId: w.cable.id, quantity: 1, serials: ['X'] }]),
      'SERIALS_NOT_ALLOWED',
    );
    await expectRefusedUnchanged(
      () => shipLines([{ productId: w.terminal.id, quantity: 2, serials: ['REF-1'] }]),
      'SERIAL_COUNT_MISMATCH',
    );
    await expectRefusedUnchanged(() => shipLines([]), 'BAD_USER_INPUT');
  });
});

describe('shipping untracked products', () => {
  it('takes untracked quantities from the warehouse stock', async () => {
    ok(
      await post(s, 'receiveStock', 'ReceiveStockInput', {
        warehouseId: w.main.id,
        lines: [{ productId: w.cable.id, quantity: 10 }],
      }),
    );
    const before = await stockOf(w.cable.id, w.main.id);
    const doc = ok(await shipLines([{ productId: w.cable.id, quantity: 4 }])).shipStock;
    expect(doc.lines[0]).toMatchObject({ product: { sku: 'CBL-USB' }, quantity: 4, serials: [] });
    expect(await stockOf(w.cable.id, w.main.id)).toBe(before - 4);
  });

  it('refuses to ship more than the warehouse holds, writing nothing', async () => {
    const have = await stockOf(w.cable.id, w.main.id);
    await expectRefusedUnchanged(
      () => shipLines([{ productId: w.cable.id, quantity: have + 1 }]),
      'INSUFFICIENT_STOCK',
    );
    await expectRefusedUnchanged(
      () => shipLines([{ productId: w.cable.id, quantity: 1 }], { warehouseId: w.east.id }),
      'INSUFFICIENT_STOCK',
    );
    expect(await stockOf(w.cable.id, w.main.id)).toBe(have);
  });

  it('refuses two lines of one untracked product that together exceed the stock', async () => {
    const have = await stockOf(w.cable.id, w.main.id);
    await expectRefusedUnchanged(
      () =>
        shipLines([
          { productId: w.cable.id, quantity: have },
          { productId: w.cable.id, quantity: 1 },
        ]),
      'INSUFFICIENT_STOCK',
    );
  });

  it('refuses a whole mixed shipment when its untracked line is short: the serial units stay in stock', async () => {
    ok(await receive(s, w, ['MIXSHORT-1']));
    const have = await stockOf(w.cable.id, w.main.id);
    await expectRefusedUnchanged(
      () =>
        shipLines([
          { productId: w.terminal.id, quantity: 1, serials: ['MIXSHORT-1'] },
          { productId: w.cable.id, quantity: have + 5 },
        ]),
      'INSUFFICIENT_STOCK',
    );
    expect((await serialByNumber(s, 'MIXSHORT-1')).status).toBe('IN_STOCK');
  });

  it('ships a mixed document: serial units and an untracked quantity', async () => {
    ok(await receive(s, w, ['MIXOK-1']));
    const have = await stockOf(w.cable.id, w.main.id);
    const doc = ok(
      await shipLines([
        { productId: w.cable.id, quantity: 1 },
        { productId: w.terminal.id, quantity: 1, serials: ['MIXOK-1'] },
      ]),
    ).shipStock;
    expect(
      doc.lines.map((l: { product: { sku: string }; quantity: number }) => [l.product.sku, l.quantity]),
    ).toEqual([
      ['CBL-USB', 1],
      ['HT-100', 1],
    ]);
    expect(numbersOf(doc.lines[1])).toEqual(['MIXOK-1']);
    expect(await stockOf(w.cable.id, w.main.id)).toBe(have - 1);
  });

  it('keeps each unit on its own line when several serial lines of two products share numbers', async () => {
    const scanner = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SC-9", name: "Scanner", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    const line = (productId: string, serials: string[], unitCost: string) => ({
      productId,
      quantity: serials.length,
      serials,
      unitCost,
    });
    ok(
      await post(s, 'receiveStock', 'ReceiveStockInput', {
        warehouseId: w.main.id,
        lines: [
          { productId: w.cable.id, quantity: 1 },
          line(w.terminal.id, ['LN-1', 'LN-2', 'LN-3'], '10.00'),
          line(scanner.id, ['LN-1', 'LN-2'], '200.00'),
        ],
      }),
    );
    // The same number on a terminal line and a scanner line is two units: each is found on its line.
    const doc = ok(
      await shipLines([
        { productId: w.cable.id, quantity: 1 },
        { productId: scanner.id, quantity: 1, serials: ['LN-2'] },
        { productId: w.terminal.id, quantity: 2, serials: ['LN-3', 'LN-2'] },
        { productId: scanner.id, quantity: 1, serials: ['LN-1'] },
      ]),
    ).shipStock;
    expect(
      doc.lines.map(
        (l: { product: { sku: string }; serials: { number: string }[]; totalCost: string | null }) => [
          l.product.sku,
          numbersOf(l),
          l.totalCost,
        ],
      ),
    ).toEqual([
      ['CBL-USB', [], null],
      ['SC-9', ['LN-2'], '200.00'],
      ['HT-100', ['LN-3', 'LN-2'], '20.00'],
      ['SC-9', ['LN-1'], '200.00'],
    ]);
    const [left] = await s.sql<{ number: string; sku: string }>(
      `select x.number, p.sku from serial x join product p on p.id = x.product_id
        where x.number like 'LN-%' and x.status = 'IN_STOCK'`,
    );
    expect(left).toEqual({ number: 'LN-1', sku: 'HT-100' });
  });
});

describe('shipping under concurrency', () => {
  it('lets exactly one of 20 concurrent shipments of one unit win; 19 get SERIAL_NOT_AVAILABLE naming it', async () => {
    ok(await receive(s, w, ['RACE-UNIT']));
    const before = await writeCounts(s);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ship(s, w, ['RACE-UNIT'], { customerId: i % 2 ? w.customer.id : w.customer2.id }),
      ),
    );
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    const losses = results.filter((r) => r.errors);
    expect(losses).toHaveLength(19);
    for (const r of losses) {
      const err = refused(r);
      expect(err.extensions?.code, err.message).toBe('SERIAL_NOT_AVAILABLE');
      expect(err.extensions?.serials).toEqual(['RACE-UNIT']);
    }
    expect(await shippedMovements('RACE-UNIT')).toBe(1);
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.movements).toBe(before.movements! + 1);
    expect(after.numbers).toBe(before.numbers! + 1);
    const unit = await serialByNumber(s, 'RACE-UNIT');
    expect(unit.status).toBe('SHIPPED');
    expect(unit.customer.id).toBe(wins[0]!.data!.shipStock.party.id);
  });

  it('settles two shipments of overlapping units named in opposite order without a deadlock: one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((x) => `OVL-${round}-${x}`) as [
        string,
        string,
        string,
        string,
      ];
      ok(await receive(s, w, [a, b, c, d]));
      const before = await writeCounts(s);
      const [first, second] = await Promise.all([
        ship(s, w, [a, b, c]),
        ship(s, w, [d, c, b], { customerId: w.customer2.id }),
      ]);
      const outcomes = [first, second].map((r) => (r.errors ? refused(r) : null));
      expect(outcomes.filter((o) => o === null)).toHaveLength(1);
      const loser = outcomes.find((o) => o !== null)!;
      expect(loser.extensions?.code, loser.message).toBe('SERIAL_NOT_AVAILABLE');
      expect([...(loser.extensions?.serials ?? [])].sort()).toEqual([b, c]);
      const after = await writeCounts(s);
      expect(after.documents).toBe(before.documents! + 1);
      expect(after.movements).toBe(before.movements! + 3);
    }
  });

  it('never takes more untracked stock than there is when shipments race for it', async () => {
    const bin = ok(
      await s.gql(`mutation { createWarehouse(input: { code: "BIN", name: "Small bin" }) { id } }`),
    ).createWarehouse;
    ok(
      await post(s, 'receiveStock', 'ReceiveStockInput', {
        warehouseId: bin.id,
        lines: [{ productId: w.cable.id, quantity: 5 }],
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        shipLines([{ productId: w.cable.id, quantity: 1 }], { warehouseId: bin.id }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    for (const r of results.filter((x) => x.errors))
      expect(refused(r).extensions?.code).toBe('INSUFFICIENT_STOCK');
    expect(await stockOf(w.cable.id, bin.id)).toBe(0);
  });

  it('lets exactly one of concurrent shipments, a transfer and a write-off of one unit win', async () => {
    ok(await receive(s, w, ['MIXRACE-1']));
    const line = [{ productId: w.terminal.id, quantity: 1, serials: ['MIXRACE-1'] }];
    const results = await Promise.all([
      ship(s, w, ['MIXRACE-1']),
      post(s, 'transferStock', 'TransferStockInput', {
        fromWarehouseId: w.main.id,
        toWarehouseId: w.east.id,
        lines: line,
      }),
      ship(s, w, ['mixrace-1'], { customerId: w.customer2.id }),
      post(s, 'writeOffStock', 'WriteOffStockInput', { warehouseId: w.main.id, reason: 'lost', lines: line }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      const err = refused(r);
      expect(err.extensions?.code, err.message).toBe('SERIAL_NOT_AVAILABLE');
      expect(err.extensions?.serials?.map((x) => x.toUpperCase())).toEqual(['MIXRACE-1']);
    }
    expect((await serialByNumber(s, 'MIXRACE-1')).history).toHaveLength(2);
  });

  it('numbers concurrent shipments gaplessly', async () => {
    const numbers = ['GAP-1', 'GAP-2', 'GAP-3', 'GAP-4', 'GAP-5', 'GAP-6'];
    ok(await receive(s, w, numbers));
    const docs = (await Promise.all(numbers.map((n) => ship(s, w, [n])))).map(
      (r) => ok(r).shipStock.number as string,
    );
    const seqs = docs.map((n) => Number(n.slice(4))).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]!).toBe(numbers.length - 1);
    expect(new Set(seqs).size).toBe(numbers.length);
  });
});
