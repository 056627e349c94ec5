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

function correct(serialId: string, newNumber: string, reason = 'label misread', key?: string) {
  return s.gql(
    `mutation($input: CorrectSerialNumberInput!) { correctSerialNumber(input: $input) { ${DOCUMENT_FIELDS} } }`,
    { input: { serialId, newNumber, reason } },
    key,
  );
}

async function lookup(number: string) {
  const d = ok(
    await s.gql(`query($n: String!) { lookupSerial(number: $n) { id number product { sku } } }`, {
      n: number,
    }),
  );
  return d.lookupSerial as { id: string; number: string; product: { sku: string } }[];
}

const idOf = async (number: string) => (await serialByNumber(s, number)).id as string;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s, { serialFormat: '[A-Za-z]{2}-\\d{4}' });
  ok(await receive(s, w, ['AB-0001', 'AB-0002', 'AB-0003', 'AB-0004', 'AB-0005', 'AB-0006']));
  ok(await ship(s, w, ['AB-0005']));
});
afterAll(() => s?.close());

describe('correcting a serial number', () => {
  it('gives the unit its new number and records the previous one in a NUMBER_CORRECTED movement, status unchanged', async () => {
    const before = await serialByNumber(s, 'AB-0001');
    const doc = ok(await correct(before.id, 'AB-0010', 'label misread at receipt')).correctSerialNumber;
    expect(doc.type).toBe('SERIAL_CORRECTION');
    expect(doc.number).toMatch(/^COR-\d{6}$/);
    expect(doc.note).toBe('label misread at receipt');
    expect(doc.lines.flatMap((l: { serials: unknown[] }) => l.serials)).toEqual([
      { id: before.id, number: 'AB-0010', status: 'IN_STOCK' },
    ]);

    const unit = await serialByNumber(s, 'AB-0010');
    expect(unit).toMatchObject({
      id: before.id,
      number: 'AB-0010',
      status: 'IN_STOCK',
      inStorage: true,
      warehouse: { code: 'MAIN' },
    });
    expect(unit.history).toHaveLength(2);
    expect(unit.history[0]).toEqual(before.history[0]);
    expect(unit.history[1]).toMatchObject({
      type: 'NUMBER_CORRECTED',
      previousNumber: 'AB-0001',
      fromStatus: 'IN_STOCK',
      toStatus: 'IN_STOCK',
      note: 'label misread at receipt',
      actor: 'admin-key',
      document: { number: doc.number, type: 'SERIAL_CORRECTION' },
    });
  });

  it('finds the unit by its new number (any case) and no longer by the old one', async () => {
    expect(await lookup('ab-0010')).toEqual([
      { id: await idOf('AB-0010'), number: 'AB-0010', product: { sku: 'HT-100' } },
    ]);
    expect(await lookup('AB-0001')).toEqual([]);
  });

  it('frees the previous number: it can be received again as another unit, while the new one cannot', async () => {
    const doc = ok(await receive(s, w, ['AB-0001'])).receiveStock;
    expect(doc.lines[0].serials[0].id).not.toBe(await idOf('AB-0010'));
    const err = refused(await receive(s, w, ['ab-0010']));
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    expect(err.extensions?.serials).toEqual(['ab-0010']);
  });

  it('corrects a shipped unit without touching its status, customer or earlier history', async () => {
    const before = await serialByNumber(s, 'AB-0005');
    ok(await correct(before.id, 'AB-0050'));
    const unit = await serialByNumber(s, 'AB-0050');
    expect(unit).toMatchObject({
      status: 'SHIPPED',
      inStorage: false,
      warehouse: null,
      customer: { name: 'Acme Retail' },
    });
    expect(unit.warranty).toEqual(before.warranty);
    expect(unit.history.slice(0, 2)).toEqual(before.history);
    expect(unit.history[2]).toMatchObject({
      type: 'NUMBER_CORRECTED',
      previousNumber: 'AB-0005',
      fromStatus: 'SHIPPED',
      toStatus: 'SHIPPED',
    });
    // The documents posted before still list the unit (now under its corrected number).
    const docs = ok(
      await s.gql(
        `query($id: ID!) { documents(filter: { serialId: $id }) { edges { node { type number } } } }`,
        { id: before.id },
      ),
    );
    expect(docs.documents.edges.map((e: { node: { type: string } }) => e.node.type).sort()).toEqual([
      'RECEIPT',
      'SERIAL_CORRECTION',
      'SHIPMENT',
    ]);
  });

  it('trims the new number before recording it', async () => {
    ok(await correct(await idOf('AB-0006'), '  AB-0060 '));
    expect((await lookup('AB-0060'))[0]?.number).toBe('AB-0060');
  });

  it('allows correcting only the case of the unit’s own number', async () => {
    const id = await idOf('AB-0004');
    ok(await correct(id, 'ab-0004'));
    const unit = await serialByNumber(s, 'AB-0004');
    expect(unit).toMatchObject({ id, number: 'ab-0004' });
    expect(unit.history.at(-1)).toMatchObject({ type: 'NUMBER_CORRECTED', previousNumber: 'AB-0004' });
  });

  it('allows a number that another product already uses (uniqueness is per product)', async () => {
    const other = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SCN-1", name: "Scanner", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    ok(
      await s.gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
        input: {
          warehouseId: w.main.id,
          lines: [{ productId: other.id, quantity: 1, serials: ['AB-0099'] }],
        },
      }),
    );
    ok(await correct(await idOf('AB-0060'), 'AB-0099'));
    expect((await lookup('ab-0099')).map((x) => x.product.sku).sort()).toEqual(['HT-100', 'SCN-1']);
  });
});

describe('refusing a correction', () => {
  it('refuses a number another unit of the product has, case-insensitively, naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await correct(await idOf('AB-0003'), 'ab-0002'));
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    expect(err.extensions?.serials).toEqual(['ab-0002']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a number that does not match the product’s serialFormat, naming it, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await correct(await idOf('AB-0003'), 'ABC-12'));
    expect(err.extensions?.code).toBe('INVALID_SERIAL_FORMAT');
    expect(err.extensions?.serials).toEqual(['ABC-12']);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a blank number, whitespace inside or one over 64 characters as INVALID_SERIAL_FORMAT', async () => {
    const plain = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "FREE-1", name: "Free format", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    const doc = ok(
      await s.gql(
        `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { lines { serials { id } } } }`,
        {
          input: {
            warehouseId: w.main.id,
            lines: [{ productId: plain.id, quantity: 1, serials: ['FREE-0001'] }],
          },
        },
      ),
    ).receiveStock;
    const id = doc.lines[0].serials[0].id;
    const before = await writeCounts(s);
    for (const bad of ['   ', 'FREE 0002', 'FREE\t0002', 'X'.repeat(65)]) {
      const err = refused(await correct(id, bad));
      expect(err.extensions?.code, JSON.stringify(bad)).toBe('INVALID_SERIAL_FORMAT');
    }
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses the number the unit already has, an unknown unit and a blank reason, and writes nothing', async () => {
    const before = await writeCounts(s);
    expect(refused(await correct(await idOf('AB-0003'), 'AB-0003')).extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused(await correct(w.terminal.id, 'AB-0777')).extensions?.code).toBe('NOT_FOUND');
    expect(refused(await correct(await idOf('AB-0003'), 'AB-0777', '')).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await writeCounts(s)).toEqual(before);
  });

  it('is refused to a viewer key', async () => {
    const before = await writeCounts(s);
    expect(
      refused(await correct(await idOf('AB-0003'), 'AB-0777', 'x', s.keys.viewer)).extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await writeCounts(s)).toEqual(before);
  });
});
