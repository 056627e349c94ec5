import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import {
  DOCUMENT_FIELDS,
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

function intake(serialId: string, warehouseId: string, note?: string, key?: string) {
  return s.gql(
    `mutation($input: IntakeRepairInput!) { intakeRepair(input: $input) { ${DOCUMENT_FIELDS} } }`,
    { input: { serialId, warehouseId, note } },
    key,
  );
}

function release(serialId: string, replacementSerialId?: string, note?: string) {
  return s.gql(
    `mutation($input: ReleaseRepairInput!) { releaseRepair(input: $input) { ${DOCUMENT_FIELDS} } }`,
    { input: { serialId, replacementSerialId, note } },
  );
}

const idOf = async (number: string) => (await serialByNumber(s, number)).id as string;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s, { warrantyMonths: 24 });
  ok(await receive(s, w, ['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6']));
  ok(await receive(s, w, ['E-1'], { warehouseId: w.east.id }));
  ok(await ship(s, w, ['R-1', 'R-2', 'R-3']));
});
afterAll(() => s?.close());

describe('repair intake', () => {
  it('takes a shipped unit into the given warehouse as IN_REPAIR, still the customer’s and in storage', async () => {
    const before = await serialByNumber(s, 'R-1');
    const doc = ok(await intake(before.id, w.east.id, 'screen flickers')).intakeRepair;
    expect(doc).toMatchObject({
      type: 'REPAIR_INTAKE',
      warehouse: { code: 'EAST' },
      party: { name: 'Acme Retail' },
      note: 'screen flickers',
      basedOn: null,
    });
    expect(doc.number).toMatch(/^RPI-\d{6}$/);
    expect(doc.lines).toEqual([
      expect.objectContaining({ product: { id: w.terminal.id, sku: 'HT-100' }, quantity: 1 }),
    ]);
    expect(doc.lines[0].serials).toEqual([{ id: before.id, number: 'R-1', status: 'IN_REPAIR' }]);
    const unit = await serialByNumber(s, 'R-1');
    expect(unit).toMatchObject({
      status: 'IN_REPAIR',
      inStorage: true,
      warehouse: { code: 'EAST' },
      customer: { name: 'Acme Retail' },
      repairCount: 0,
      warranty: before.warranty,
    });
    expect(unit.history.at(-1)).toMatchObject({
      type: 'REPAIR_INTAKE',
      fromStatus: 'SHIPPED',
      toStatus: 'IN_REPAIR',
      fromWarehouse: null,
      toWarehouse: { code: 'EAST' },
      party: { name: 'Acme Retail' },
      note: 'screen flickers',
      document: { number: doc.number, type: 'REPAIR_INTAKE' },
    });
  });

  it('refuses a unit that is in stock (never sold), naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await intake(await idOf('R-4'), w.main.id));
    expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
    expect(err.extensions?.serials).toEqual(['R-4']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a unit that is already in repair, naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await intake(await idOf('R-1'), w.main.id));
    expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
    expect(err.extensions?.serials).toEqual(['R-1']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown warehouse or serial id and writes nothing', async () => {
    const before = await writeCounts(s);
    expect(refused(await intake(await idOf('R-3'), w.customer.id)).extensions?.code).toBe('NOT_FOUND');
    expect(refused(await intake(w.main.id, w.main.id)).extensions?.code).toBe('NOT_FOUND');
    expect(refused(await intake('garbage', w.main.id)).extensions?.code).toBe('NOT_FOUND');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('is refused to a viewer key', async () => {
    const before = await writeCounts(s);
    expect(
      refused(await intake(await idOf('R-3'), w.main.id, undefined, s.keys.viewer)).extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('repair release of the same unit', () => {
  it('ships it back to the same customer, counts the repair and does not restart the warranty', async () => {
    const inRepair = await serialByNumber(s, 'R-1');
    const intakeDoc = inRepair.history.at(-1).document;
    const doc = ok(await release(inRepair.id, undefined, 'replaced the screen')).releaseRepair;
    expect(doc.type).toBe('REPAIR_RELEASE');
    expect(doc.number).toMatch(/^RPO-\d{6}$/);
    expect(doc.basedOn).toMatchObject({ number: intakeDoc.number, type: 'REPAIR_INTAKE' });
    expect(doc.basedOn.number).toMatch(/^RPI-/);
    expect(doc.party).toMatchObject({ name: 'Acme Retail' });
    expect(doc.warehouse).toMatchObject({ code: 'EAST' });
    expect(doc.lines.flatMap((l: { serials: unknown[] }) => l.serials)).toEqual([
      { id: inRepair.id, number: 'R-1', status: 'SHIPPED' },
    ]);

    const unit = await serialByNumber(s, 'R-1');
    expect(unit).toMatchObject({
      status: 'SHIPPED',
      inStorage: false,
      warehouse: null,
      customer: { name: 'Acme Retail' },
      repairCount: 1,
      replacedBy: null,
      replaces: null,
    });
    expect(unit.warranty.startsAt).toBe(inRepair.warranty.startsAt);
    expect(unit.warranty.endsAt).toBe(inRepair.warranty.endsAt);
    expect(unit.warranty.active).toBe(true);
    expect(new Date(unit.shippedAt).getTime()).toBeGreaterThanOrEqual(new Date(inRepair.shippedAt).getTime());
    expect(unit.history.map((m: { type: string }) => m.type)).toEqual([
      'RECEIVED',
      'SHIPPED',
      'REPAIR_INTAKE',
      'REPAIR_RELEASE',
    ]);
    expect(unit.history.at(-1)).toMatchObject({
      fromStatus: 'IN_REPAIR',
      toStatus: 'SHIPPED',
      fromWarehouse: { code: 'EAST' },
      toWarehouse: null,
      party: { name: 'Acme Retail' },
      note: 'replaced the screen',
      document: { number: doc.number },
    });
  });

  it('counts every repair: a second round trip makes repairCount 2 and bases the release on the latest intake', async () => {
    const id = await idOf('R-1');
    const second = ok(await intake(id, w.main.id)).intakeRepair;
    const doc = ok(await release(id)).releaseRepair;
    expect(doc.basedOn.number).toBe(second.number);
    expect(await serialByNumber(s, 'R-1')).toMatchObject({
      status: 'SHIPPED',
      repairCount: 2,
      customer: { name: 'Acme Retail' },
    });
  });

  it('refuses to release a unit that is not in repair (shipped or in stock), naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    for (const number of ['R-1', 'R-4']) {
      const err = refused(await release(await idOf(number)));
      expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
      expect(err.extensions?.serials).toEqual([number]);
    }
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('repair release with a replacement unit', () => {
  it('ships the replacement from stock to the customer with the old unit’s remaining warranty and keeps the old unit ON_HOLD', async () => {
    const oldId = await idOf('R-2');
    ok(await intake(oldId, w.main.id));
    const old = await serialByNumber(s, 'R-2');
    const replacement = await serialByNumber(s, 'R-4');
    expect(replacement.warranty).toBeNull();

    const doc = ok(await release(oldId, replacement.id, 'beyond repair')).releaseRepair;
    expect(doc.number).toMatch(/^RPO-\d{6}$/);
    expect(doc.basedOn.number).toBe(old.history.at(-1).document.number);
    expect(doc.party).toMatchObject({ name: 'Acme Retail' });
    const moved = doc.lines.flatMap((l: { serials: { number: string; status: string }[] }) => l.serials);
    expect(moved).toEqual(
      expect.arrayContaining([
        { id: replacement.id, number: 'R-4', status: 'SHIPPED' },
        { id: oldId, number: 'R-2', status: 'ON_HOLD' },
      ]),
    );

    const fresh = await serialByNumber(s, 'R-4');
    expect(fresh).toMatchObject({
      status: 'SHIPPED',
      inStorage: false,
      warehouse: null,
      customer: { name: 'Acme Retail' },
      replaces: { id: oldId, number: 'R-2' },
      replacedBy: null,
    });
    expect(fresh.warranty.endsAt).toBe(old.warranty.endsAt);
    expect(fresh.warranty.active).toBe(true);
    expect(fresh.history.at(-1)).toMatchObject({
      fromStatus: 'IN_STOCK',
      toStatus: 'SHIPPED',
      fromWarehouse: { code: 'MAIN' },
      party: { name: 'Acme Retail' },
    });

    const swapped = await serialByNumber(s, 'R-2');
    expect(swapped).toMatchObject({
      status: 'ON_HOLD',
      inStorage: true,
      warehouse: { code: 'MAIN' },
      replacedBy: { id: replacement.id, number: 'R-4' },
      replaces: null,
      repairCount: 0,
    });
    expect(swapped.history.at(-1)).toMatchObject({
      type: 'REPLACED',
      fromStatus: 'IN_REPAIR',
      toStatus: 'ON_HOLD',
      fromWarehouse: { code: 'MAIN' },
      toWarehouse: { code: 'MAIN' },
      document: { number: doc.number, type: 'REPAIR_RELEASE' },
    });
    // The swapped-out unit is not available to sell: it is on hold, not in stock.
    const stock = ok(
      await s.gql(`query($id: ID!, $wh: ID) { product(id: $id) { stock(warehouseId: $wh) } }`, {
        id: w.terminal.id,
        wh: w.main.id,
      }),
    );
    expect(stock.product.stock).toBe(2);
  });

  it('refuses a replacement that is not in stock (on hold, shipped), naming it, and writes nothing', async () => {
    const unitId = await idOf('R-3');
    ok(await intake(unitId, w.main.id));
    ok(
      await s.gql(`mutation($input: HoldStockInput!) { holdStock(input: $input) { id } }`, {
        input: {
          warehouseId: w.main.id,
          reason: 'label unreadable',
          lines: [{ productId: w.terminal.id, quantity: 1, serials: ['R-5'] }],
        },
      }),
    );
    const before = await writeCounts(s);
    for (const number of ['R-5', 'R-1']) {
      const err = refused(await release(unitId, await idOf(number)));
      expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
      expect(err.extensions?.serials).toEqual([number]);
    }
    expect(await writeCounts(s)).toEqual(before);
    expect(await serialByNumber(s, 'R-3')).toMatchObject({ status: 'IN_REPAIR', replacedBy: null });
  });

  it('refuses a replacement in stock in another warehouse than the unit in repair, naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await release(await idOf('R-3'), await idOf('E-1')));
    expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
    expect(err.extensions?.serials).toEqual(['E-1']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('names both units when neither the unit (not in repair) nor the replacement (not in stock) qualifies', async () => {
    const before = await writeCounts(s);
    const err = refused(await release(await idOf('R-6'), await idOf('R-5')));
    expect(err.extensions?.code).toBe('SERIAL_NOT_AVAILABLE');
    expect(err.extensions?.serials).toEqual(['R-6', 'R-5']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a unit replacing itself or an unknown replacement id, and writes nothing', async () => {
    const before = await writeCounts(s);
    const unitId = await idOf('R-3');
    expect(refused(await release(unitId, unitId)).extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused(await release(unitId, w.main.id)).extensions?.code).toBe('NOT_FOUND');
    expect(await writeCounts(s)).toEqual(before);
  });
});
