import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from './support/test-server';
import * as fixtures from './support/fixtures';
import {
  asOrganization,
  DOCUMENT_FIELDS,
  ok,
  range,
  receive,
  refused,
  seedWorld,
  serialByNumber,
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

describe('receiving stock', () => {
  it('records every unit of a receipt, in stock where it arrived, with its supplier and cost', async () => {
    const doc = ok(await receive(s, w, range('device-', 101, 105), { reference: 'INV-77' })).receiveStock;
    expect(doc.number).toMatch(/^RCV-\d{6}$/);
    expect(doc.type).toBe('RECEIPT');
    expect(doc.reference).toBe('INV-77');
    expect(doc.actor).toBe('admin-key');
    expect(doc.lines[0].quantity).toBe(5);
    expect(doc.lines[0].unitCost).toBe('100.00');
    expect(doc.lines[0].totalCost).toBe('500.00');
    expect(doc.lines[0].serials.map((x: { number: string }) => x.number)).toEqual(range('device-', 101, 105));
    const unit = await serialByNumber(s, 'DEVICE-00103');
    expect(unit).toMatchObject({
      number: 'device-00103',
      status: 'IN_STOCK',
      inStorage: true,
      warehouse: { code: 'MAIN' },
      supplier: { name: 'Handheld Supply Co' },
      receivedIn: { number: doc.number },
      unitCost: '100.00',
      warranty: null,
    });
    expect(unit.history).toEqual([
      expect.objectContaining({
        type: 'RECEIVED',
        fromStatus: null,
        toStatus: 'IN_STOCK',
        toWarehouse: { code: 'MAIN' },
        actor: 'admin-key',
      }),
    ]);
  });

  it('refuses numbers already recorded, naming every one, case-insensitively, and writes nothing', async () => {
    const before = await writeCounts(s);
    const err = refused(await receive(s, w, ['DEVICE-00101', 'new-1', 'Device-00104']));
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    expect(err.extensions?.serials).toEqual(['DEVICE-00101', 'Device-00104']);
    expect(await writeCounts(s)).toEqual(before);
  });
});

const RECEIVE = `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { ${DOCUMENT_FIELDS} } }`;

/** Posts a receipt into MAIN from the supplier with the given lines (and header fields). */
function receiveLines(lines: unknown[], extra: Record<string, unknown> = {}, key?: string) {
  return s.gql(
    RECEIVE,
    { input: { warehouseId: w.main.id, supplierId: w.supplier.id, lines, ...extra } },
    key,
  );
}

const unknownId = fixtures.unknownId;
const stockOf = (productId: string, warehouseId?: string) => fixtures.stockOf(s, productId, warehouseId);
const expectRefusedUnchanged = (post: () => Promise<GqlResponse>, code: string, serials?: string[]) =>
  fixtures.expectRefusedUnchanged(s, post, code, serials);

describe('receiving stock: serial numbers', () => {
  it('refuses every malformed number of a document in one error, naming each, and writes nothing', async () => {
    const fmt = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SC-9", name: "Scanner", trackingMode: SERIAL, serialFormat: "SC-[0-9]{4}" }) { id } }`,
      ),
    ).createProduct;
    const tooLong = 'L'.repeat(65);
    await expectRefusedUnchanged(
      () =>
        receiveLines([
          {
            productId: w.terminal.id,
            quantity: 6,
            serials: ['ok-a1', '   ', tooLong, 'A B', 'TAB\tIN', 'BELL\u0007X'],
          },
          { productId: fmt.id, quantity: 3, serials: ['SC-1234', 'SC-12', 'sc-1234x'] },
        ]),
      'INVALID_SERIAL_FORMAT',
      ['', tooLong, 'A B', 'TAB\tIN', 'BELL\u0007X', 'SC-12', 'sc-1234x'],
    );
  });

  it('accepts a number of exactly 64 characters and one matching the product format', async () => {
    const fmt = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "SC-10", name: "Scanner 10", trackingMode: SERIAL, serialFormat: "SC-[0-9]{4}" }) { id } }`,
      ),
    ).createProduct;
    const longest = 'M'.repeat(64);
    const doc = ok(
      await receiveLines([
        { productId: w.terminal.id, quantity: 1, serials: [longest] },
        { productId: fmt.id, quantity: 1, serials: ['SC-0001'] },
      ]),
    ).receiveStock;
    expect(doc.lines.map((l: { serials: { number: string }[] }) => l.serials[0]!.number)).toEqual([
      longest,
      'SC-0001',
    ]);
  });

  it('refuses the same number twice in one document, case-insensitively, naming each once', async () => {
    await expectRefusedUnchanged(
      () =>
        receiveLines([
          { productId: w.terminal.id, quantity: 5, serials: ['DUP-1', 'dup-1', 'DUP-2', ' DUP-3', 'Dup-3 '] },
        ]),
      'DUPLICATE_SERIAL',
      ['DUP-1', 'DUP-3'],
    );
  });

  it('refuses the same number on two lines of the same product, case-insensitively', async () => {
    await expectRefusedUnchanged(
      () =>
        receiveLines([
          { productId: w.terminal.id, quantity: 2, serials: ['TWO-LINES-1', 'TWO-LINES-2'] },
          { productId: w.terminal.id, quantity: 1, serials: ['two-lines-1'] },
        ]),
      'DUPLICATE_SERIAL',
      ['TWO-LINES-1'],
    );
  });

  it('accepts the same number for two different products', async () => {
    const other = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "HT-200", name: "Terminal 200", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    ok(
      await receiveLines([
        { productId: w.terminal.id, quantity: 1, serials: ['SHARED-1'] },
        { productId: other.id, quantity: 1, serials: ['shared-1'] },
      ]),
    );
    const units = ok(
      await s.gql(`query { lookupSerial(number: "Shared-1") { number product { sku } } }`),
    ).lookupSerial;
    expect(units.map((u: { product: { sku: string } }) => u.product.sku).sort()).toEqual([
      'HT-100',
      'HT-200',
    ]);
  });

  it('stores a number trimmed of surrounding spaces', async () => {
    const doc = ok(
      await receiveLines([{ productId: w.terminal.id, quantity: 1, serials: ['  X-1  '] }]),
    ).receiveStock;
    expect(doc.lines[0].serials[0].number).toBe('X-1');
    const unit = await serialByNumber(s, 'x-1');
    expect(unit.number).toBe('X-1');
    const [row] = await s.sql<{ number: string }>(`select number from serial where lower(number) = 'x-1'`);
    expect(row!.number).toBe('X-1');
  });

  it('refuses a trimmed number that is already recorded, naming it as typed', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 1, serials: [' x-1 '] }]),
      'SERIAL_EXISTS',
      ['x-1'],
    );
  });
});

describe('receiving stock: no serial, no move', () => {
  it('refuses a serial-tracked line without serials', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 2 }]),
      'SERIALS_REQUIRED',
    );
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 2, serials: [] }]),
      'SERIALS_REQUIRED',
    );
  });

  it('refuses serials on a line of an untracked product', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1, serials: ['CBL-1'] }]),
      'SERIALS_NOT_ALLOWED',
    );
  });

  it('refuses a quantity that differs from the number of serials', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 3, serials: ['CNT-1', 'CNT-2'] }]),
      'SERIAL_COUNT_MISMATCH',
    );
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 1, serials: ['CNT-1', 'CNT-2'] }]),
      'SERIAL_COUNT_MISMATCH',
    );
  });

  it('refuses a whole document when only its second line breaks a rule', async () => {
    await expectRefusedUnchanged(
      () =>
        receiveLines([
          { productId: w.terminal.id, quantity: 1, serials: ['FINE-1'] },
          { productId: w.cable.id, quantity: 5 },
          { productId: w.terminal.id, quantity: 2, serials: ['FINE-2'] },
        ]),
      'SERIAL_COUNT_MISMATCH',
    );
  });
});

describe('receiving stock: malformed input and unknown references', () => {
  it('refuses a receipt without lines', async () => {
    await expectRefusedUnchanged(() => receiveLines([]), 'BAD_USER_INPUT');
  });

  it('refuses a zero or negative quantity', async () => {
    for (const quantity of [0, -1]) {
      await expectRefusedUnchanged(
        () => receiveLines([{ productId: w.cable.id, quantity }]),
        'BAD_USER_INPUT',
      );
      await expectRefusedUnchanged(
        () => receiveLines([{ productId: w.terminal.id, quantity, serials: [] }]),
        'BAD_USER_INPUT',
      );
    }
  });

  it('refuses a negative unit cost', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1, unitCost: '-0.01' }]),
      'BAD_USER_INPUT',
    );
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 1, serials: ['NEG-1'], unitCost: '-5' }]),
      'BAD_USER_INPUT',
    );
  });

  it('refuses an unknown warehouse, product or supplier as NOT_FOUND', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], { warehouseId: unknownId('Warehouse') }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: unknownId('Product'), quantity: 1 }]),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], { supplierId: unknownId('Party') }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(() => receiveLines([{ productId: 'not-an-id', quantity: 1 }]), 'NOT_FOUND');
  });

  it('refuses an id of another type as NOT_FOUND', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], { warehouseId: w.cable.id }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(() => receiveLines([{ productId: w.main.id, quantity: 1 }]), 'NOT_FOUND');
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], { supplierId: w.east.id }),
      'NOT_FOUND',
    );
  });

  it('refuses a supplier that lacks the SUPPLIER role', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], { supplierId: w.customer.id }),
      'BAD_USER_INPUT',
    );
  });

  it('refuses ids of another organization as NOT_FOUND', async () => {
    const otherKey = await s.newOrganization('receiving-elsewhere');
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.cable.id, quantity: 1 }], {}, otherKey),
      'NOT_FOUND',
    );
  });
});

describe('receiving stock: untracked products and mixed documents', () => {
  it('raises the stock of an untracked product in the receiving warehouse', async () => {
    const [main0, east0, all0] = [
      await stockOf(w.cable.id, w.main.id),
      await stockOf(w.cable.id, w.east.id),
      await stockOf(w.cable.id),
    ];
    const doc = ok(
      await receiveLines([{ productId: w.cable.id, quantity: 7, unitCost: '2.50' }]),
    ).receiveStock;
    expect(doc.lines[0]).toMatchObject({ quantity: 7, serials: [], unitCost: '2.50', totalCost: '17.50' });
    ok(await receiveLines([{ productId: w.cable.id, quantity: 3 }], { warehouseId: w.east.id }));
    expect(await stockOf(w.cable.id, w.main.id)).toBe(main0 + 7);
    expect(await stockOf(w.cable.id, w.east.id)).toBe(east0 + 3);
    expect(await stockOf(w.cable.id)).toBe(all0 + 10);
  });

  it('posts a mixed document: serial units and untracked quantities, line by line in order', async () => {
    const stock0 = await stockOf(w.cable.id, w.main.id);
    const terminals0 = await stockOf(w.terminal.id, w.main.id);
    const doc = ok(
      await receiveLines(
        [
          { productId: w.terminal.id, quantity: 2, serials: ['MIX-1', 'MIX-2'], unitCost: '120.00' },
          { productId: w.cable.id, quantity: 4, unitCost: '1.25' },
          { productId: w.terminal.id, quantity: 1, serials: ['MIX-3'] },
        ],
        { reference: 'PO-MIX', note: 'mixed pallet' },
      ),
    ).receiveStock;
    expect(doc).toMatchObject({
      type: 'RECEIPT',
      reference: 'PO-MIX',
      note: 'mixed pallet',
      warehouse: { code: 'MAIN' },
      party: { name: 'Handheld Supply Co' },
    });
    expect(doc.lines).toEqual([
      expect.objectContaining({
        product: { id: w.terminal.id, sku: 'HT-100' },
        quantity: 2,
        unitCost: '120.00',
        totalCost: '240.00',
      }),
      expect.objectContaining({
        product: { id: w.cable.id, sku: 'CBL-USB' },
        quantity: 4,
        unitCost: '1.25',
        totalCost: '5.00',
        serials: [],
      }),
      expect.objectContaining({ product: { id: w.terminal.id, sku: 'HT-100' }, quantity: 1, unitCost: null }),
    ]);
    expect(doc.lines[0].serials.map((x: { number: string; status: string }) => [x.number, x.status])).toEqual(
      [
        ['MIX-1', 'IN_STOCK'],
        ['MIX-2', 'IN_STOCK'],
      ],
    );
    expect(doc.lines[2].serials.map((x: { number: string }) => x.number)).toEqual(['MIX-3']);
    expect(await stockOf(w.cable.id, w.main.id)).toBe(stock0 + 4);
    expect(await stockOf(w.terminal.id, w.main.id)).toBe(terminals0 + 3);
    const unit = await serialByNumber(s, 'MIX-3');
    expect(unit).toMatchObject({ unitCost: null, receivedIn: { number: doc.number }, status: 'IN_STOCK' });
    expect(unit.history).toEqual([
      expect.objectContaining({
        type: 'RECEIVED',
        note: 'mixed pallet',
        document: { number: doc.number, type: 'RECEIPT' },
      }),
    ]);
  });

  it('records the posting key as the actor', async () => {
    const doc = ok(
      await receiveLines([{ productId: w.terminal.id, quantity: 1, serials: ['CLERK-1'] }], {}, s.keys.clerk),
    ).receiveStock;
    expect(doc.actor).toBe('clerk-key');
    expect((await serialByNumber(s, 'CLERK-1')).history[0].actor).toBe('clerk-key');
  });

  it('refuses a receipt from a viewer key', async () => {
    await expectRefusedUnchanged(
      () => receiveLines([{ productId: w.terminal.id, quantity: 1, serials: ['VIEW-1'] }], {}, s.keys.viewer),
      'FORBIDDEN',
    );
  });
});

describe('receiving stock: document numbers and concurrency', () => {
  it('numbers receipts gaplessly per organization, even after refused receipts', async () => {
    const key = await s.newOrganization('numbering');
    const o = asOrganization(s, key);
    const other = await seedWorld(o);
    const first = ok(await receive(o, other, ['N-1'])).receiveStock;
    expect(first.number).toBe('RCV-000001');
    refused(await receive(o, other, ['N-1']));
    refused(await receive(o, other, ['N-2', 'n-2']));
    refused(await receive(o, other, ['']));
    const second = ok(await receive(o, other, ['N-2'])).receiveStock;
    expect(second.number).toBe('RCV-000002');
  });

  it('lets exactly one of two concurrent receipts of the same new number win; the other is SERIAL_EXISTS naming it', async () => {
    const before = await writeCounts(s);
    const results = await Promise.all([
      receive(s, w, ['RACE-NEW-1', 'RACE-OTHER-A']),
      receive(s, w, ['race-new-1', 'RACE-OTHER-B']),
    ]);
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    const err = refused(losses[0]!);
    expect(err.extensions?.code).toBe('SERIAL_EXISTS');
    const loserTyped = results[0]!.errors ? 'RACE-NEW-1' : 'race-new-1';
    expect(err.extensions?.serials).toEqual([loserTyped]);
    const after = await writeCounts(s);
    expect(after.documents).toBe(before.documents! + 1);
    expect(after.serials).toBe(before.serials! + 2);
    expect(after.movements).toBe(before.movements! + 2);
    expect(after.numbers).toBe(before.numbers! + 1);
    // The loser's number went back: the next receipt takes the one right after the winner's.
    const winner = wins[0]!.data!.receiveStock.number as string;
    const next = ok(await receive(s, w, ['RACE-NEXT'])).receiveStock.number as string;
    expect(Number(next.slice(4))).toBe(Number(winner.slice(4)) + 1);
  });

  it('lets exactly one of ten concurrent receipts of the same number win', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => receive(s, w, [i % 2 ? 'RACE-TEN' : 'race-ten'])),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) {
      const err = refused(r);
      expect(err.extensions?.code).toBe('SERIAL_EXISTS');
      expect(err.extensions?.serials).toHaveLength(1);
    }
    const [row] = await s.sql<{ n: number }>(
      `select count(*)::int as n from serial where lower(number) = 'race-ten'`,
    );
    expect(row!.n).toBe(1);
  });
});

describe('input validation', () => {
  it('refuses an over-long reference with BAD_USER_INPUT naming the field, without echoing the serials back', async () => {
    const before = await writeCounts(s);
    const res = await receive(s, w, ['ECHO-CHECK-1'], { reference: 'x'.repeat(201) });
    const err = refused(res);
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(err.extensions)).toContain('reference');
    expect(JSON.stringify(res)).not.toContain('ECHO-CHECK-1');
    expect(await writeCounts(s)).toEqual(before);
  });
});
