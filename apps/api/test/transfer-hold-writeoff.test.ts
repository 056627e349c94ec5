import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from './support/test-server';
import * as fixtures from './support/fixtures';
import { ok, post, receive, seedWorld, serialByNumber, ship, type World } from './support/fixtures';

let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

const expectRefusedUnchanged = (run: () => Promise<GqlResponse>, code: string, serials?: string[]) =>
  fixtures.expectRefusedUnchanged(s, run, code, serials);
const stockOf = (productId: string, warehouseId?: string) => fixtures.stockOf(s, productId, warehouseId);

const units = (numbers: string[]) => [
  { productId: w.terminal.id, quantity: numbers.length, serials: numbers },
];
const cables = (quantity: number) => [{ productId: w.cable.id, quantity }];

function transfer(lines: unknown[], extra: Record<string, unknown> = {}, key?: string) {
  return post(
    s,
    'transferStock',
    'TransferStockInput',
    { fromWarehouseId: w.main.id, toWarehouseId: w.east.id, lines, ...extra },
    key,
  );
}
function hold(lines: unknown[], extra: Record<string, unknown> = {}, key?: string) {
  return post(
    s,
    'holdStock',
    'HoldStockInput',
    { warehouseId: w.main.id, reason: 'label unreadable', lines, ...extra },
    key,
  );
}
function release(lines: unknown[], extra: Record<string, unknown> = {}, key?: string) {
  return post(
    s,
    'releaseStock',
    'HoldStockInput',
    { warehouseId: w.main.id, reason: 'label reprinted', lines, ...extra },
    key,
  );
}
function writeOff(lines: unknown[], extra: Record<string, unknown> = {}, key?: string) {
  return post(
    s,
    'writeOffStock',
    'WriteOffStockInput',
    { warehouseId: w.main.id, reason: 'water damage', lines, ...extra },
    key,
  );
}

async function receiveCables(quantity: number, warehouseId = w.main.id) {
  ok(await post(s, 'receiveStock', 'ReceiveStockInput', { warehouseId, lines: cables(quantity) }));
}

describe('transferring stock between warehouses', () => {
  it('moves IN_STOCK and ON_HOLD units to the other warehouse, keeping their status and hold reason', async () => {
    ok(await receive(s, w, ['TRF-1', 'TRF-2']));
    ok(await hold(units(['TRF-2']), { reason: 'inspection' }));
    const doc = ok(
      await transfer(units(['TRF-2', 'TRF-1']), { note: 'rebalance' }, s.keys.clerk),
    ).transferStock;
    expect(doc).toMatchObject({
      type: 'TRANSFER',
      note: 'rebalance',
      actor: 'clerk-key',
      warehouse: { code: 'MAIN' },
      toWarehouse: { code: 'EAST' },
      party: null,
    });
    expect(doc.number).toMatch(/^TRF-\d{6}$/);
    expect(doc.lines[0].serials.map((x: { number: string; status: string }) => [x.number, x.status])).toEqual(
      [
        ['TRF-2', 'ON_HOLD'],
        ['TRF-1', 'IN_STOCK'],
      ],
    );
    expect(await serialByNumber(s, 'TRF-1')).toMatchObject({
      status: 'IN_STOCK',
      inStorage: true,
      warehouse: { code: 'EAST' },
    });
    const held = await serialByNumber(s, 'TRF-2');
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      inStorage: true,
      warehouse: { code: 'EAST' },
      holdReason: 'inspection',
    });
    expect(held.history.at(-1)).toEqual(
      expect.objectContaining({
        type: 'TRANSFERRED',
        fromStatus: 'ON_HOLD',
        toStatus: 'ON_HOLD',
        fromWarehouse: { code: 'MAIN' },
        toWarehouse: { code: 'EAST' },
        note: 'rebalance',
        actor: 'clerk-key',
        document: { number: doc.number, type: 'TRANSFER' },
      }),
    );
    expect((await serialByNumber(s, 'TRF-1')).history.at(-1)).toMatchObject({
      type: 'TRANSFERRED',
      fromStatus: 'IN_STOCK',
      toStatus: 'IN_STOCK',
    });
  });

  it('lets a transferred unit ship from its new warehouse only', async () => {
    ok(await receive(s, w, ['TRF-SHIP']));
    ok(await transfer(units(['TRF-SHIP'])));
    await expectRefusedUnchanged(() => ship(s, w, ['TRF-SHIP']), 'SERIAL_NOT_AVAILABLE', ['TRF-SHIP']);
    ok(await ship(s, w, ['TRF-SHIP'], { warehouseId: w.east.id }));
  });

  it('refuses a transfer into the same warehouse', async () => {
    ok(await receive(s, w, ['TRF-SAME']));
    await expectRefusedUnchanged(
      () => transfer(units(['TRF-SAME']), { toWarehouseId: w.main.id }),
      'BAD_USER_INPUT',
    );
  });

  it('refuses units that are not in the source warehouse or not in storage, naming every one', async () => {
    ok(await receive(s, w, ['TRF-EAST'], { warehouseId: w.east.id }));
    ok(await receive(s, w, ['TRF-OK', 'TRF-SHIPPED', 'TRF-GONE']));
    ok(await ship(s, w, ['TRF-SHIPPED']));
    ok(await writeOff(units(['TRF-GONE'])));
    await expectRefusedUnchanged(
      () => transfer(units(['TRF-GONE', 'TRF-OK', 'trf-east', 'TRF-SHIPPED'])),
      'SERIAL_NOT_AVAILABLE',
      ['TRF-GONE', 'trf-east', 'TRF-SHIPPED'],
    );
  });

  it('refuses numbers not recorded, naming every one', async () => {
    ok(await receive(s, w, ['TRF-REAL']));
    await expectRefusedUnchanged(
      () => transfer(units(['TRF-NONE-1', 'TRF-REAL', 'TRF-NONE-2'])),
      'SERIAL_NOT_FOUND',
      ['TRF-NONE-1', 'TRF-NONE-2'],
    );
  });

  it('refuses an unknown destination warehouse as NOT_FOUND', async () => {
    ok(await receive(s, w, ['TRF-NF']));
    await expectRefusedUnchanged(
      () => transfer(units(['TRF-NF']), { toWarehouseId: fixtures.unknownId('Warehouse') }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => transfer(units(['TRF-NF']), { fromWarehouseId: w.cable.id }),
      'NOT_FOUND',
    );
  });

  it('moves untracked quantities from one warehouse’s stock to the other’s', async () => {
    await receiveCables(10);
    const [main0, east0] = [await stockOf(w.cable.id, w.main.id), await stockOf(w.cable.id, w.east.id)];
    const doc = ok(await transfer(cables(6))).transferStock;
    expect(doc.lines[0]).toMatchObject({ quantity: 6, serials: [] });
    expect(await stockOf(w.cable.id, w.main.id)).toBe(main0 - 6);
    expect(await stockOf(w.cable.id, w.east.id)).toBe(east0 + 6);
    expect(await stockOf(w.cable.id)).toBe(main0 + east0);
  });

  it('refuses to transfer more untracked stock than the source holds', async () => {
    const have = await stockOf(w.cable.id, w.main.id);
    await expectRefusedUnchanged(() => transfer(cables(have + 1)), 'INSUFFICIENT_STOCK');
  });

  it('refuses serial lines without serials and untracked lines with serials', async () => {
    await expectRefusedUnchanged(
      () => transfer([{ productId: w.terminal.id, quantity: 1 }]),
      'SERIALS_REQUIRED',
    );
    await expectRefusedUnchanged(
      () => transfer([{ productId: w.cable.id, quantity: 1, serials: ['C-1'] }]),
      'SERIALS_NOT_ALLOWED',
    );
    await expectRefusedUnchanged(() => transfer(cables(0)), 'BAD_USER_INPUT');
  });
});

describe('holding and releasing units', () => {
  it('puts IN_STOCK units on hold with the reason, out of available stock', async () => {
    ok(await receive(s, w, ['HLD-1', 'HLD-2']));
    const stock0 = await stockOf(w.terminal.id, w.main.id);
    const doc = ok(
      await hold(units(['HLD-1', 'HLD-2']), { reason: 'label unreadable' }, s.keys.clerk),
    ).holdStock;
    expect(doc).toMatchObject({
      type: 'HOLD',
      note: 'label unreadable',
      actor: 'clerk-key',
      warehouse: { code: 'MAIN' },
    });
    expect(doc.number).toMatch(/^HLD-\d{6}$/);
    const unit = await serialByNumber(s, 'HLD-1');
    expect(unit).toMatchObject({
      status: 'ON_HOLD',
      inStorage: true,
      warehouse: { code: 'MAIN' },
      holdReason: 'label unreadable',
    });
    expect(unit.history.at(-1)).toEqual(
      expect.objectContaining({
        type: 'HELD',
        fromStatus: 'IN_STOCK',
        toStatus: 'ON_HOLD',
        fromWarehouse: { code: 'MAIN' },
        toWarehouse: { code: 'MAIN' },
        note: 'label unreadable',
        actor: 'clerk-key',
        document: { number: doc.number, type: 'HOLD' },
      }),
    );
    expect(await stockOf(w.terminal.id, w.main.id)).toBe(stock0 - 2);
  });

  it('releases ON_HOLD units back to IN_STOCK, clearing the hold reason', async () => {
    const stock0 = await stockOf(w.terminal.id, w.main.id);
    const doc = ok(await release(units(['HLD-1']), { reason: 'label reprinted' })).releaseStock;
    expect(doc).toMatchObject({ type: 'RELEASE', note: 'label reprinted', actor: 'admin-key' });
    expect(doc.number).toMatch(/^RLS-\d{6}$/);
    const unit = await serialByNumber(s, 'HLD-1');
    expect(unit).toMatchObject({ status: 'IN_STOCK', holdReason: null, warehouse: { code: 'MAIN' } });
    expect(unit.history.at(-1)).toMatchObject({
      type: 'RELEASED',
      fromStatus: 'ON_HOLD',
      toStatus: 'IN_STOCK',
      note: 'label reprinted',
      actor: 'admin-key',
      document: { number: doc.number, type: 'RELEASE' },
    });
    expect(await stockOf(w.terminal.id, w.main.id)).toBe(stock0 + 1);
  });

  it('refuses to hold a unit already on hold, naming every one', async () => {
    ok(await receive(s, w, ['HLD-3']));
    await expectRefusedUnchanged(() => hold(units(['HLD-2', 'HLD-3'])), 'SERIAL_NOT_AVAILABLE', ['HLD-2']);
  });

  it('refuses to release a unit that is not on hold, naming every one', async () => {
    ok(await receive(s, w, ['HLD-4']));
    await expectRefusedUnchanged(() => release(units(['HLD-3', 'HLD-2', 'HLD-4'])), 'SERIAL_NOT_AVAILABLE', [
      'HLD-3',
      'HLD-4',
    ]);
  });

  it('refuses to hold or release a unit in another warehouse', async () => {
    ok(await receive(s, w, ['HLD-EAST'], { warehouseId: w.east.id }));
    await expectRefusedUnchanged(() => hold(units(['HLD-EAST'])), 'SERIAL_NOT_AVAILABLE', ['HLD-EAST']);
    await expectRefusedUnchanged(
      () => release(units(['HLD-2']), { warehouseId: w.east.id }),
      'SERIAL_NOT_AVAILABLE',
      ['HLD-2'],
    );
  });

  it('refuses to hold or release an untracked line', async () => {
    await receiveCables(5);
    await expectRefusedUnchanged(() => hold(cables(1)), 'BAD_USER_INPUT');
    await expectRefusedUnchanged(() => release(cables(1)), 'BAD_USER_INPUT');
    await expectRefusedUnchanged(() => hold([...units(['HLD-3']), ...cables(1)]), 'BAD_USER_INPUT');
  });

  it('refuses a hold without a reason', async () => {
    await expectRefusedUnchanged(() => hold(units(['HLD-3']), { reason: '' }), 'BAD_USER_INPUT');
    await expectRefusedUnchanged(() => hold(units(['HLD-3']), { reason: '   ' }), 'BAD_USER_INPUT');
  });

  it('records a hold reason trimmed of surrounding spaces', async () => {
    ok(await hold(units(['HLD-3']), { reason: '  inspection  ' }));
    const unit = await serialByNumber(s, 'HLD-3');
    expect(unit.holdReason).toBe('inspection');
    expect(unit.history.at(-1).note).toBe('inspection');
  });
});

describe('writing stock off', () => {
  it('writes off IN_STOCK and ON_HOLD units: out of storage for good, with the reason', async () => {
    ok(await receive(s, w, ['WOF-1', 'WOF-2']));
    ok(await hold(units(['WOF-2']), { reason: 'dropped' }));
    const stock0 = await stockOf(w.terminal.id, w.main.id);
    const doc = ok(
      await writeOff(units(['WOF-1', 'WOF-2']), { reason: 'water damage' }, s.keys.clerk),
    ).writeOffStock;
    expect(doc).toMatchObject({
      type: 'WRITE_OFF',
      note: 'water damage',
      actor: 'clerk-key',
      warehouse: { code: 'MAIN' },
    });
    expect(doc.number).toMatch(/^WOF-\d{6}$/);
    for (const [number, from] of [
      ['WOF-1', 'IN_STOCK'],
      ['WOF-2', 'ON_HOLD'],
    ] as const) {
      const unit = await serialByNumber(s, number);
      expect(unit).toMatchObject({ status: 'WRITTEN_OFF', inStorage: false, warehouse: null });
      expect(unit.history.at(-1)).toEqual(
        expect.objectContaining({
          type: 'WRITTEN_OFF',
          fromStatus: from,
          toStatus: 'WRITTEN_OFF',
          fromWarehouse: { code: 'MAIN' },
          toWarehouse: null,
          note: 'water damage',
          actor: 'clerk-key',
          document: { number: doc.number, type: 'WRITE_OFF' },
        }),
      );
    }
    expect(await stockOf(w.terminal.id, w.main.id)).toBe(stock0 - 1);
    const report = ok(await s.gql(`query { serials(filter: { search: "WOF-" }) { totalCount } }`)).serials;
    expect(report.totalCount).toBe(0);
  });

  it('never lets a written-off unit move again', async () => {
    await expectRefusedUnchanged(() => ship(s, w, ['WOF-1']), 'SERIAL_NOT_AVAILABLE', ['WOF-1']);
    await expectRefusedUnchanged(() => writeOff(units(['WOF-1', 'WOF-2'])), 'SERIAL_NOT_AVAILABLE', [
      'WOF-1',
      'WOF-2',
    ]);
    await expectRefusedUnchanged(() => transfer(units(['WOF-2'])), 'SERIAL_NOT_AVAILABLE', ['WOF-2']);
    await expectRefusedUnchanged(() => hold(units(['WOF-1'])), 'SERIAL_NOT_AVAILABLE', ['WOF-1']);
    await expectRefusedUnchanged(() => release(units(['WOF-2'])), 'SERIAL_NOT_AVAILABLE', ['WOF-2']);
  });

  it('refuses to write off a shipped unit or one in another warehouse, naming every one', async () => {
    ok(await receive(s, w, ['WOF-SHIPPED', 'WOF-FINE']));
    ok(await receive(s, w, ['WOF-EAST'], { warehouseId: w.east.id }));
    ok(await ship(s, w, ['WOF-SHIPPED']));
    await expectRefusedUnchanged(
      () => writeOff(units(['WOF-SHIPPED', 'WOF-FINE', 'WOF-EAST'])),
      'SERIAL_NOT_AVAILABLE',
      ['WOF-SHIPPED', 'WOF-EAST'],
    );
    expect((await serialByNumber(s, 'WOF-FINE')).status).toBe('IN_STOCK');
  });

  it('refuses a write-off without a reason', async () => {
    await expectRefusedUnchanged(() => writeOff(units(['WOF-FINE']), { reason: '' }), 'BAD_USER_INPUT');
    await expectRefusedUnchanged(() => writeOff(units(['WOF-FINE']), { reason: '  ' }), 'BAD_USER_INPUT');
  });

  it('writes off untracked quantities and refuses more than the warehouse holds', async () => {
    await receiveCables(3);
    const have = await stockOf(w.cable.id, w.main.id);
    const doc = ok(await writeOff(cables(2))).writeOffStock;
    expect(doc.lines[0]).toMatchObject({ quantity: 2, serials: [] });
    expect(await stockOf(w.cable.id, w.main.id)).toBe(have - 2);
    await expectRefusedUnchanged(() => writeOff(cables(have - 1)), 'INSUFFICIENT_STOCK');
  });

  it('refuses a write-off from a viewer key', async () => {
    await expectRefusedUnchanged(() => writeOff(units(['WOF-FINE']), {}, s.keys.viewer), 'FORBIDDEN');
  });
});
