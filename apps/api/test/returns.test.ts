import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  w = await seedWorld(s);
});
afterAll(() => s?.close());

const expectRefusedUnchanged = (run: () => Promise<GqlResponse>, code: string, serials?: string[]) =>
  fixtures.expectRefusedUnchanged(s, run, code, serials);

type Shipment = { id: string; number: string };

/** Receives the numbers into MAIN and ships them to a customer; returns the shipment. */
async function receiveAndShip(numbers: string[], customerId = w.customer.id): Promise<Shipment> {
  ok(await receive(s, w, numbers));
  return ok(await ship(s, w, numbers, { customerId })).shipStock;
}

function returnFrom(
  shipment: Shipment,
  serials: string[],
  extra: Record<string, unknown> = {},
  key?: string,
) {
  return post(
    s,
    'returnStock',
    'ReturnStockInput',
    { shipmentId: shipment.id, serials, condition: 'RESALABLE', ...extra },
    key,
  );
}

async function returnable(shipment: Shipment, extra: Record<string, unknown> = {}) {
  const d = ok(
    await s.gql(`query($f: SerialFilter) { serials(filter: $f) { totalCount edges { node { number } } } }`, {
      f: { returnableFromShipmentId: shipment.id, ...extra },
    }),
  );
  return {
    total: d.serials.totalCount as number,
    numbers: d.serials.edges.map((e: { node: { number: string } }) => e.node.number) as string[],
  };
}

describe('returning units from a shipment', () => {
  it('puts a resalable unit back in stock in the shipment’s warehouse; the customer stays on the unit', async () => {
    const shipment = await receiveAndShip(['RET-A1', 'RET-A2']);
    const doc = ok(await returnFrom(shipment, ['ret-a1'], { reason: 'unopened' }, s.keys.clerk)).returnStock;
    expect(doc).toMatchObject({
      type: 'SALES_RETURN',
      actor: 'clerk-key',
      note: 'unopened',
      warehouse: { code: 'MAIN' },
      party: { id: w.customer.id, name: 'Acme Retail' },
      basedOn: { id: shipment.id, number: shipment.number, type: 'SHIPMENT' },
    });
    expect(doc.number).toMatch(/^RET-\d{6}$/);
    expect(doc.lines).toEqual([
      expect.objectContaining({
        product: { id: w.terminal.id, sku: 'HT-100' },
        quantity: 1,
        unitCost: '100.00',
        totalCost: '100.00',
      }),
    ]);
    expect(doc.lines[0].serials).toEqual([expect.objectContaining({ number: 'RET-A1', status: 'IN_STOCK' })]);
    const unit = await serialByNumber(s, 'RET-A1');
    expect(unit).toMatchObject({
      status: 'IN_STOCK',
      inStorage: true,
      warehouse: { code: 'MAIN' },
      customer: { name: 'Acme Retail' },
      holdReason: null,
    });
    expect(unit.history.at(-1)).toMatchObject({
      type: 'RETURNED',
      fromStatus: 'SHIPPED',
      toStatus: 'IN_STOCK',
      fromWarehouse: null,
      toWarehouse: { code: 'MAIN' },
      party: { name: 'Acme Retail' },
      note: 'unopened',
      actor: 'clerk-key',
      document: { number: doc.number, type: 'SALES_RETURN' },
    });
    expect((await serialByNumber(s, 'RET-A2')).status).toBe('SHIPPED');
  });

  it('puts a returned unit into the warehouse given on the return', async () => {
    const shipment = await receiveAndShip(['RET-B1']);
    const doc = ok(await returnFrom(shipment, ['RET-B1'], { warehouseId: w.east.id })).returnStock;
    expect(doc.warehouse).toEqual({ id: w.east.id, code: 'EAST' });
    expect(await serialByNumber(s, 'RET-B1')).toMatchObject({
      status: 'IN_STOCK',
      warehouse: { code: 'EAST' },
    });
  });

  it('puts a defective unit on hold with the reason as its hold reason', async () => {
    const shipment = await receiveAndShip(['RET-C1', 'RET-C2']);
    const before = await fixtures.stockOf(s, w.terminal.id, w.main.id);
    ok(
      await returnFrom(shipment, ['RET-C1', 'RET-C2'], { condition: 'DEFECTIVE', reason: 'screen cracked' }),
    );
    for (const number of ['RET-C1', 'RET-C2']) {
      const unit = await serialByNumber(s, number);
      expect(unit).toMatchObject({
        status: 'ON_HOLD',
        inStorage: true,
        warehouse: { code: 'MAIN' },
        holdReason: 'screen cracked',
      });
      expect(unit.history.at(-1)).toMatchObject({
        type: 'RETURNED',
        fromStatus: 'SHIPPED',
        toStatus: 'ON_HOLD',
        note: 'screen cracked',
      });
    }
    // On hold is in storage but not available: the stock figure does not move.
    expect(await fixtures.stockOf(s, w.terminal.id, w.main.id)).toBe(before);
  });

  it('returns units of two products from one shipment as one line per product', async () => {
    const scanner = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SCN-1", name: "Scanner", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    ok(await receive(s, w, ['RET-D1']));
    ok(
      await receive(s, w, [], {
        lines: [{ productId: scanner.id, quantity: 1, serials: ['SCN-D1'], unitCost: '40.00' }],
      }),
    );
    const shipment = ok(
      await ship(s, w, [], {
        lines: [
          { productId: w.terminal.id, quantity: 1, serials: ['RET-D1'] },
          { productId: scanner.id, quantity: 1, serials: ['SCN-D1'] },
        ],
      }),
    ).shipStock;
    const doc = ok(await returnFrom(shipment, ['SCN-D1', 'RET-D1'])).returnStock;
    expect(
      doc.lines
        .map((l: { product: { sku: string }; quantity: number; totalCost: string }) => [
          l.product.sku,
          l.quantity,
          l.totalCost,
        ])
        .sort(),
    ).toEqual([
      ['HT-100', 1, '100.00'],
      ['SCN-1', 1, '40.00'],
    ]);
  });
});

describe('refusing returns', () => {
  it('refuses units the shipment did not send or that already came back, naming every one', async () => {
    const shipment = await receiveAndShip(['NIS-1', 'NIS-2', 'NIS-3']);
    await receiveAndShip(['NIS-ELSEWHERE']);
    ok(await receive(s, w, ['NIS-INSTOCK']));
    ok(await returnFrom(shipment, ['NIS-2']));
    await expectRefusedUnchanged(
      () => returnFrom(shipment, ['NIS-1', 'nis-elsewhere', 'NIS-2', 'NIS-INSTOCK', 'NIS-GHOST', 'NIS-3']),
      'NOT_IN_SHIPMENT',
      ['nis-elsewhere', 'NIS-2', 'NIS-INSTOCK', 'NIS-GHOST'],
    );
    expect((await serialByNumber(s, 'NIS-1')).status).toBe('SHIPPED');
  });

  it('refuses to return the same unit twice', async () => {
    const shipment = await receiveAndShip(['TWICE-R1']);
    ok(await returnFrom(shipment, ['TWICE-R1'], { condition: 'DEFECTIVE', reason: 'dead on arrival' }));
    await expectRefusedUnchanged(() => returnFrom(shipment, ['TWICE-R1']), 'NOT_IN_SHIPMENT', ['TWICE-R1']);
    expect(await serialByNumber(s, 'TWICE-R1')).toMatchObject({
      status: 'ON_HOLD',
      holdReason: 'dead on arrival',
    });
  });

  it('refuses to return against a first shipment a unit that came back and was shipped again', async () => {
    const first = await receiveAndShip(['AGAIN-1']);
    ok(await returnFrom(first, ['AGAIN-1']));
    const second = ok(await ship(s, w, ['AGAIN-1'], { customerId: w.customer2.id })).shipStock;
    await expectRefusedUnchanged(() => returnFrom(first, ['AGAIN-1']), 'NOT_IN_SHIPMENT', ['AGAIN-1']);
    const doc = ok(await returnFrom(second, ['AGAIN-1'])).returnStock;
    expect(doc).toMatchObject({ party: { name: 'Beta Shops' }, basedOn: { id: second.id } });
    expect(await serialByNumber(s, 'AGAIN-1')).toMatchObject({
      status: 'IN_STOCK',
      customer: { name: 'Beta Shops' },
    });
  });

  it('refuses the same number twice in one return', async () => {
    const shipment = await receiveAndShip(['RDUP-1']);
    await expectRefusedUnchanged(() => returnFrom(shipment, ['RDUP-1', ' rdup-1 ']), 'DUPLICATE_SERIAL', [
      'RDUP-1',
    ]);
  });

  it('refuses a return without serials and malformed numbers, naming every one', async () => {
    const shipment = await receiveAndShip(['RFMT-1']);
    await expectRefusedUnchanged(() => returnFrom(shipment, []), 'SERIALS_REQUIRED');
    await expectRefusedUnchanged(
      () => returnFrom(shipment, ['RFMT-1', 'A B', '  ', 'Z'.repeat(65)]),
      'INVALID_SERIAL_FORMAT',
      ['A B', '', 'Z'.repeat(65)],
    );
  });

  it('refuses a document that is not a shipment, an unknown shipment or warehouse as NOT_FOUND', async () => {
    const shipment = await receiveAndShip(['RNF-1']);
    const receipt = ok(await receive(s, w, ['RNF-2'])).receiveStock;
    await expectRefusedUnchanged(() => returnFrom(receipt, ['RNF-2']), 'NOT_FOUND');
    await expectRefusedUnchanged(
      () => returnFrom({ ...shipment, id: fixtures.unknownId('Document') }, ['RNF-1']),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => returnFrom({ ...shipment, id: w.customer.id }, ['RNF-1']),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => returnFrom(shipment, ['RNF-1'], { warehouseId: fixtures.unknownId('Warehouse') }),
      'NOT_FOUND',
    );
  });

  it('refuses a shipment of another organization as NOT_FOUND', async () => {
    const shipment = await receiveAndShip(['RORG-1']);
    const otherKey = await s.newOrganization('returns-elsewhere');
    await expectRefusedUnchanged(() => returnFrom(shipment, ['RORG-1'], {}, otherKey), 'NOT_FOUND');
  });

  it('lets exactly one of ten concurrent returns of one unit win; the others are NOT_IN_SHIPMENT naming it', async () => {
    const shipment = await receiveAndShip(['RRACE-1']);
    const before = await writeCounts(s);
    const results = await Promise.all(Array.from({ length: 10 }, () => returnFrom(shipment, ['RRACE-1'])));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      const err = refused(r);
      expect(err.extensions?.code, err.message).toBe('NOT_IN_SHIPMENT');
      expect(err.extensions?.serials).toEqual(['RRACE-1']);
    }
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.movements).toBe(before.movements! + 1);
  });
  it('posts concurrent returns of different units from one shipment, one after another', async () => {
    const numbers = Array.from({ length: 6 }, (_, k) => `RPAR-${k + 1}`);
    const shipment = await receiveAndShip(numbers);
    const before = await writeCounts(s);
    const results = await Promise.all(numbers.map((n) => returnFrom(shipment, [n])));
    for (const r of results) ok(r);
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + numbers.length);
    expect(after.movements).toBe(before.movements! + numbers.length);
  });
});

describe('listing what can still come back from a shipment', () => {
  it('lists only the units the shipment sent that have not come back, out of storage as they are', async () => {
    const shipment = await receiveAndShip(['LIST-1', 'LIST-2', 'LIST-3', 'LIST-4']);
    await receiveAndShip(['LIST-OTHER']);
    expect(await returnable(shipment)).toEqual({
      total: 4,
      numbers: ['LIST-1', 'LIST-2', 'LIST-3', 'LIST-4'],
    });
    ok(await returnFrom(shipment, ['LIST-2']));
    ok(await returnFrom(shipment, ['LIST-4'], { condition: 'DEFECTIVE', reason: 'noisy' }));
    expect(await returnable(shipment)).toEqual({ total: 2, numbers: ['LIST-1', 'LIST-3'] });
    expect(await returnable(shipment, { includeOutOfStorage: true })).toEqual({
      total: 2,
      numbers: ['LIST-1', 'LIST-3'],
    });
    // Back in stock and shipped again: it can come back from the new shipment, not from this one.
    const again = ok(await ship(s, w, ['LIST-2'])).shipStock;
    expect((await returnable(shipment)).numbers).toEqual(['LIST-1', 'LIST-3']);
    expect((await returnable(again)).numbers).toEqual(['LIST-2']);
  });

  it('refuses a filter id that is not a document as NOT_FOUND', async () => {
    const err = refused(
      await s.gql(`query($f: SerialFilter) { serials(filter: $f) { totalCount } }`, {
        f: { returnableFromShipmentId: w.main.id },
      }),
    );
    expect(err.extensions?.code).toBe('NOT_FOUND');
  });
});
