import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGlobalId } from '../src/common/global-id';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, ship, seedWorld, type World } from './support/fixtures';

let s: TestServer;
let w: World;

const line = (serials: string[]) => [{ productId: w.terminal.id, quantity: serials.length, serials }];

/** The true number of units per filter, counted from the serial table itself. */
async function trueCount(where: string, params: unknown[] = []) {
  const [row] = await s.sql<{ n: number }>(`select count(*)::int as n from serial s where ${where}`, params);
  return row!.n;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  // Every kind of document that moves units: receive into both warehouses, ship, return, transfer,
  // hold, write off, repair, correct a number.
  ok(await receive(s, w, range('C-', 1, 40)));
  ok(await receive(s, w, range('C-', 41, 60), { warehouseId: w.east.id }));
  const shipment = ok(await ship(s, w, range('C-', 1, 12))).shipStock;
  ok(await ship(s, w, range('C-', 41, 45), { warehouseId: w.east.id, customerId: w.customer2.id }));
  ok(
    await s.gql(`mutation($i: ReturnStockInput!) { returnStock(input: $i) { id } }`, {
      i: { shipmentId: shipment.id, serials: ['C-00001', 'C-00002'], condition: 'RESALABLE' },
    }),
  );
  ok(
    await s.gql(`mutation($i: TransferStockInput!) { transferStock(input: $i) { id } }`, {
      i: { fromWarehouseId: w.main.id, toWarehouseId: w.east.id, lines: line(range('C-', 20, 24)) },
    }),
  );
  ok(
    await s.gql(`mutation($i: HoldStockInput!) { holdStock(input: $i) { id } }`, {
      i: { warehouseId: w.main.id, reason: 'inspection', lines: line(range('C-', 25, 27)) },
    }),
  );
  ok(
    await s.gql(`mutation($i: WriteOffStockInput!) { writeOffStock(input: $i) { id } }`, {
      i: { warehouseId: w.main.id, reason: 'broken', lines: line(range('C-', 28, 29)) },
    }),
  );
  const unit = ok(await s.gql(`{ lookupSerial(number: "C-00010") { id } }`)).lookupSerial[0];
  ok(
    await s.gql(`mutation($i: IntakeRepairInput!) { intakeRepair(input: $i) { id } }`, {
      i: { serialId: unit.id, warehouseId: w.main.id },
    }),
  );
});
afterAll(() => s?.close());

describe('serials totalCount', () => {
  it('keeps the counters equal to the units, group by group, after every kind of document', async () => {
    const counted = await s.sql(
      `select organization_id, product_id, warehouse_id, status, n::int as n from serial_count where n <> 0
        order by 1, 2, 3, 4`,
    );
    const truth = await s.sql(
      `select organization_id, product_id, warehouse_id, status, count(*)::int as n from serial
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    expect(truth.length).toBeGreaterThanOrEqual(6); // in stock ×2 warehouses, on hold, in repair, shipped, written off
    expect(counted).toEqual(truth);
  });

  it('answers exactly for product, warehouse and status filters', async () => {
    const raw = (globalId: string) => parseGlobalId(globalId)!.id;
    const cases: [string, string, unknown[]][] = [
      ['{}', `s.status in ('IN_STOCK', 'ON_HOLD', 'IN_REPAIR')`, []],
      ['{ includeOutOfStorage: true }', 'true', []],
      [
        `{ productId: "${w.terminal.id}", warehouseId: "${w.east.id}" }`,
        's.warehouse_id = ?',
        [raw(w.east.id)],
      ],
      [
        `{ warehouseId: "${w.main.id}", statuses: [ON_HOLD, IN_REPAIR] }`,
        `s.warehouse_id = ? and s.status in ('ON_HOLD', 'IN_REPAIR')`,
        [raw(w.main.id)],
      ],
      ['{ statuses: [SHIPPED, WRITTEN_OFF] }', `s.status in ('SHIPPED', 'WRITTEN_OFF')`, []],
      [
        `{ partyId: "${w.customer.id}", includeOutOfStorage: true }`,
        's.customer_id = ?',
        [raw(w.customer.id)],
      ],
      ['{ search: "c-0002", includeOutOfStorage: true }', `lower(s.number) like '%c-0002%'`, []],
    ];
    for (const [filter, where, params] of cases) {
      const { totalCount } = ok(
        await s.gql(`{ serials(first: 0, filter: ${filter}) { totalCount } }`),
      ).serials;
      expect({ filter, totalCount }).toEqual({ filter, totalCount: await trueCount(where, params) });
    }
  });

  it('counts a party exactly on both sides, a unit it supplied and bought once', async () => {
    const trader = ok(
      await s.gql(`mutation { createParty(input: { name: "Trader", roles: [SUPPLIER, CUSTOMER] }) { id } }`),
    ).createParty;
    ok(await receive(s, w, range('TR-', 1, 6), { supplierId: trader.id }));
    ok(await ship(s, w, range('TR-', 1, 2), { customerId: trader.id })); // supplied and bought back
    ok(await ship(s, w, range('C-', 30, 32), { customerId: trader.id })); // bought only
    const raw = parseGlobalId(trader.id)!.id;
    const cases: [string, string][] = [
      ['includeOutOfStorage: true', 'true'],
      ['', `s.status in ('IN_STOCK', 'ON_HOLD', 'IN_REPAIR')`],
      ['statuses: [SHIPPED]', `s.status = 'SHIPPED'`],
      [`statuses: [SHIPPED], productId: "${w.terminal.id}"`, `s.status = 'SHIPPED'`],
    ];
    for (const [more, where] of cases) {
      const { totalCount } = ok(
        await s.gql(`{ serials(first: 0, filter: { partyId: "${trader.id}", ${more} }) { totalCount } }`),
      ).serials;
      const expected = await trueCount(`(s.supplier_id = ? or s.customer_id = ?) and ${where}`, [raw, raw]);
      expect({ more, totalCount }).toEqual({ more, totalCount: expected });
    }
    // 6 supplied (2 of them bought back) and 3 bought: 9 units, not 11.
    expect(await trueCount(`s.supplier_id = ? or s.customer_id = ?`, [raw, raw])).toBe(9);
  });

  it('counts a large receipt without one counter write per unit', async () => {
    const before = s.app.db.statementCount();
    ok(await receive(s, w, range('BIG-', 1, 500)));
    const statements = s.app.db.statementCount() - before;
    const { totalCount } = ok(
      await s.gql(
        `query($p: ID!) { serials(first: 0, filter: { productId: $p, includeOutOfStorage: true }) { totalCount } }`,
        {
          p: w.terminal.id,
        },
      ),
    ).serials;
    expect(totalCount).toBe(await trueCount('true'));
    expect(statements).toBeLessThan(20);
  });
});
