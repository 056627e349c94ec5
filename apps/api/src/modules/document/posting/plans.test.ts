import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError, TrackingMode, type SerialStatus } from '@serialgraph/domain';
import type { Product } from '../../product/product.entity';
import type { SerialRow } from '../../serial/serial.entity';
import { planCorrection } from './correction.plan';
import { planMove } from './moving.plan';
import { afterChange, UNIT_STATE_KEYS, type PlanDocument, type UnitState } from './plan';
import { planReceipt } from './receiving.plan';
import { planRepairRelease } from './repairs.plan';
import { planReturn } from './returns.plan';
import type { CheckedLine } from './stock-lines';
import type { LockedUnit, ShippedUnit } from './unit-locks';

// Plans are pure: input and locked state in, the whole posting out. No database here.
const org = randomUUID();
const main = { id: randomUUID(), code: 'MAIN' };
const east = { id: randomUUID(), code: 'EAST' };
const customer = randomUUID();
const doc: PlanDocument = { documentId: randomUUID(), postedAt: new Date('2026-03-31T10:00:00Z') };

function product(over: Partial<Product> = {}): Product {
  return {
    id: randomUUID(),
    organizationId: org,
    sku: 'HT-100',
    name: 'Terminal',
    trackingMode: TrackingMode.SERIAL,
    serialFormat: null,
    serialPreset: null,
    numberTemplate: null,
    warrantyMonths: 12,
    createdAt: new Date(),
    ...over,
  };
}

function line(p: Product, serials: string[], over: Partial<CheckedLine> = {}): CheckedLine {
  const tracked = p.trackingMode === TrackingMode.SERIAL;
  return {
    lineId: randomUUID(),
    product: p,
    tracked,
    quantity: serials.length,
    serials,
    extras: [],
    unitCost: null,
    ...over,
  };
}

function wholeUnit(l: CheckedLine, number: string, over: Partial<SerialRow> = {}): LockedUnit & SerialRow {
  return {
    id: randomUUID(),
    organizationId: org,
    productId: l.product.id,
    number,
    status: 'IN_STOCK',
    warehouseId: main.id,
    supplierId: null,
    customerId: null,
    receivedInId: randomUUID(),
    receivedAt: new Date('2026-01-01T00:00:00Z'),
    shippedAt: null,
    lastShipmentId: null,
    unitCost: '10.00',
    warrantyStartsAt: null,
    warrantyEndsAt: null,
    repairCount: 0,
    holdReason: null,
    replacedById: null,
    replacesId: null,
    internalCode: null,
    lineId: l.lineId,
    inputNumber: number,
    ...over,
  };
}

/** A unit as the postings of many units lock it: its state only, so a plan needing more fails here. */
function unit(l: CheckedLine, number: string, over: Partial<SerialRow> = {}): LockedUnit {
  const whole = wholeUnit(l, number, over);
  const state = Object.fromEntries(UNIT_STATE_KEYS.map((k) => [k, whole[k]])) as UnitState;
  return { ...state, lineId: whole.lineId, inputNumber: whole.inputNumber };
}

async function refusal(fn: () => unknown): Promise<DomainError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('planReceipt', () => {
  it('creates one IN_STOCK unit and one RECEIVED movement per serial, costs per line, untracked stock added', async () => {
    const terminal = product();
    const cable = product({ sku: 'CBL', trackingMode: TrackingMode.NONE });
    const lines = [
      line(terminal, ['A-1', 'A-2'], { unitCost: '19.99' }),
      line(cable, [], { quantity: 5, unitCost: '1.50' }),
    ];
    const plan = await planReceipt(doc, {
      organizationId: org,
      warehouse: main,
      supplierId: null,
      lines,
      taken: [],
    });
    expect(plan.newUnits.map((u) => [u.number, u.status, u.warehouseId, u.receivedInId])).toEqual([
      ['A-1', 'IN_STOCK', main.id, doc.documentId],
      ['A-2', 'IN_STOCK', main.id, doc.documentId],
    ]);
    expect(plan.movements.map((m) => [m.serialId, m.type, m.toStatus, m.lineId])).toEqual(
      plan.newUnits.map((u) => [u.id, 'RECEIVED', 'IN_STOCK', lines[0]!.lineId]),
    );
    expect(plan.lines.map((l) => [l.quantity, l.totalCost])).toEqual([
      [2, '39.980000'],
      [5, '7.500000'],
    ]);
    expect(plan.stock).toEqual([
      expect.objectContaining({ productId: cable.id, warehouseId: main.id, delta: 5 }),
    ]);
  });

  it('refuses numbers already recorded, naming every one', async () => {
    const l = line(product(), ['A-1', 'A-2', 'A-3']);
    const e = await refusal(() =>
      planReceipt(doc, {
        organizationId: org,
        warehouse: main,
        supplierId: null,
        lines: [l],
        taken: ['A-1', 'A-3'],
      }),
    );
    expect([e.code, e.serials]).toEqual(['SERIAL_EXISTS', ['A-1', 'A-3']]);
  });
});

describe('planMove', () => {
  it('ships: SHIPPED to the customer, out of storage, warranty from the sale, one movement per unit', async () => {
    const l = line(product({ warrantyMonths: 24 }), ['A-1', 'A-2']);
    const units = [unit(l, 'A-1'), unit(l, 'A-2', { unitCost: '20.00' })];
    const plan = await planMove(doc, {
      operation: 'SHIP',
      warehouse: main,
      customerId: customer,
      note: null,
      lines: [l],
      units,
      missing: [],
    });
    const after = afterChange(plan.changes[0]!);
    expect(after).toMatchObject({
      status: 'SHIPPED',
      warehouseId: null,
      customerId: customer,
      lastShipmentId: doc.documentId,
      warrantyEndsAt: new Date('2028-03-31T10:00:00Z'),
    });
    expect(plan.changes[0]!.set).toBe(plan.changes[1]!.set); // units of one line share their new fields
    expect(
      plan.movements.map((m) => [m.type, m.fromStatus, m.toStatus, m.fromWarehouseId, m.toWarehouseId]),
    ).toEqual([
      ['SHIPPED', 'IN_STOCK', 'SHIPPED', main.id, null],
      ['SHIPPED', 'IN_STOCK', 'SHIPPED', main.id, null],
    ]);
    expect(plan.lines[0]).toMatchObject({ quantity: 2, unitCost: '15.000000', totalCost: '30.000000' });
  });

  it('refuses missing numbers, then units elsewhere or in the wrong status, naming every one', async () => {
    const l = line(product(), ['A-1', 'A-2', 'A-3']);
    const base = {
      operation: 'SHIP' as const,
      warehouse: main,
      customerId: customer,
      note: null,
      lines: [l],
    };
    const missing = await refusal(() =>
      planMove(doc, { ...base, units: [unit(l, 'A-1')], missing: ['A-2', 'A-3'] }),
    );
    expect([missing.code, missing.serials]).toEqual(['SERIAL_NOT_FOUND', ['A-2', 'A-3']]);
    const units = [
      unit(l, 'A-1'),
      unit(l, 'A-2', { warehouseId: east.id }),
      unit(l, 'A-3', { status: 'ON_HOLD' as SerialStatus }),
    ];
    const unavailable = await refusal(() => planMove(doc, { ...base, units, missing: [] }));
    expect([unavailable.code, unavailable.serials]).toEqual(['SERIAL_NOT_AVAILABLE', ['A-2', 'A-3']]);
  });

  it('transfers: held units stay held, untracked quantities leave one warehouse and reach the other', async () => {
    const terminal = line(product(), ['A-1']);
    const cable = line(product({ trackingMode: TrackingMode.NONE }), [], { quantity: 3 });
    const held = unit(terminal, 'A-1', { status: 'ON_HOLD' as SerialStatus, holdReason: 'dented' });
    const plan = await planMove(doc, {
      operation: 'TRANSFER',
      warehouse: main,
      toWarehouse: east,
      note: null,
      lines: [terminal, cable],
      units: [held],
      missing: [],
    });
    expect(afterChange(plan.changes[0]!)).toMatchObject({ status: 'ON_HOLD', warehouseId: east.id });
    // The hold and its reason are left as they are: the transfer sets neither.
    expect(plan.changes[0]!.set).toEqual({ warehouseId: east.id });
    expect(plan.stock.map((s) => [s.warehouseId, s.delta])).toEqual([
      [main.id, -3],
      [east.id, 3],
    ]);
  });
});

describe('planReturn', () => {
  const shipment = { id: randomUUID(), number: 'SHP-000001', partyId: customer };
  const shipped = (l: CheckedLine, number: string, returned = false): ShippedUnit => ({
    ...unit(l, number, { status: 'SHIPPED' as SerialStatus, warehouseId: null, customerId: customer }),
    returned,
  });

  it('puts defective units on hold with the reason, one line per product', async () => {
    const l = line(product(), ['A-1', 'A-2']);
    const plan = await planReturn({
      shipment,
      warehouseId: main.id,
      defective: true,
      reason: 'Keeps rebooting',
      numbers: ['A-1', 'A-2'],
      units: [shipped(l, 'A-1'), shipped(l, 'A-2')],
    });
    expect(afterChange(plan.changes[0]!)).toMatchObject({
      status: 'ON_HOLD',
      warehouseId: main.id,
      holdReason: 'Keeps rebooting',
    });
    expect(plan.lines).toHaveLength(1);
    expect(plan.header.basedOnId).toBe(shipment.id);
  });

  it('refuses numbers not sent by the shipment or already back from it, naming them', async () => {
    const l = line(product(), ['A-1', 'A-2', 'A-3']);
    const e = await refusal(() =>
      planReturn({
        shipment,
        warehouseId: main.id,
        defective: false,
        reason: null,
        numbers: ['A-1', 'A-2', 'A-3'],
        units: [shipped(l, 'A-1'), shipped(l, 'A-2', true)],
      }),
    );
    expect([e.code, e.serials]).toEqual(['NOT_IN_SHIPMENT', ['A-2', 'A-3']]);
  });
});

describe('planRepairRelease', () => {
  it('ships a replacement with the remaining warranty and keeps the swapped unit on hold, linked both ways', async () => {
    const l = line(product(), ['A-1', 'B-1']);
    const ends = new Date('2027-01-01T00:00:00Z');
    const repaired = wholeUnit(l, 'A-1', {
      status: 'IN_REPAIR' as SerialStatus,
      customerId: customer,
      warrantyEndsAt: ends,
    });
    const replacement = wholeUnit(l, 'B-1');
    const plan = await planRepairRelease(doc, { unit: repaired, replacement, intakeId: null, note: null });
    const [out, shipped] = plan.changes.map(afterChange);
    expect(out).toMatchObject({ status: 'ON_HOLD', replacedById: replacement.id, warehouseId: main.id });
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      replacesId: repaired.id,
      customerId: customer,
      warrantyEndsAt: ends,
    });
  });
});

describe('planCorrection', () => {
  it('refuses a number against the product format or taken by another unit', async () => {
    const p = product({ serialFormat: '^A-\\d+$' });
    const u = wholeUnit(line(p, ['A-1']), 'A-1');
    const format = await refusal(() =>
      planCorrection({ unit: u, product: p, newNumber: 'B-1', clash: false, reason: 'x' }),
    );
    expect(format.code).toBe('INVALID_SERIAL_FORMAT');
    const clash = await refusal(() =>
      planCorrection({ unit: u, product: p, newNumber: 'A-2', clash: true, reason: 'x' }),
    );
    expect(clash.code).toBe('SERIAL_EXISTS');
    const plan = planCorrection({ unit: u, product: p, newNumber: 'A-2', clash: false, reason: 'misread' });
    expect(plan.movements[0]).toMatchObject({ type: 'NUMBER_CORRECTED', previousNumber: 'A-1' });
  });
});
