import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, receive, seedWorld, ship, type World } from '../support/fixtures';
import { expectTypedRefusal } from './row-state';

// Finding 7: a NUL (or another control character) in any text argument reached PostgreSQL, which
// refuses it, and the caller saw INTERNAL_SERVER_ERROR. Every text argument is now refused with
// BAD_USER_INPUT naming the field, and nothing is written.
const NUL = 'bad\u0000text';

let s: TestServer;
let w: World;
let unitId: string;
let shipmentId: string;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, ['TXT-1', 'TXT-2', 'TXT-3']));
  shipmentId = ok(await ship(s, w, ['TXT-3'])).shipStock.id;
  unitId = ok(await s.gql(`query { lookupSerial(number: "TXT-1") { id } }`)).lookupSerial[0].id;
});
afterAll(() => s?.close());

const m = (field: string, type: string) => `mutation($i: ${type}!) { ${field}(input: $i) { id } }`;
const lines = () => [{ productId: w.terminal.id, quantity: 1, serials: ['TXT-2'] }];

const cases: [string, () => [string, Record<string, unknown>]][] = [
  ['lookupSerial(number)', () => [`query($v: String!) { lookupSerial(number: $v) { id } }`, { v: NUL }]],
  ['product(sku)', () => [`query($v: String) { product(sku: $v) { id } }`, { v: NUL }]],
  ['products(search)', () => [`query($v: String) { products(search: $v) { totalCount } }`, { v: NUL }]],
  ['parties(search)', () => [`query($v: String) { parties(search: $v) { id } }`, { v: NUL }]],
  [
    'serials(filter.search)',
    () => [`query($v: String) { serials(filter: { search: $v }) { totalCount } }`, { v: NUL }],
  ],
  [
    'documents(filter.search)',
    () => [`query($v: String) { documents(filter: { search: $v }) { totalCount } }`, { v: NUL }],
  ],
  [
    'createWarehouse(code)',
    () => [m('createWarehouse', 'CreateWarehouseInput'), { i: { code: NUL, name: 'x' } }],
  ],
  [
    'createWarehouse(name)',
    () => [m('createWarehouse', 'CreateWarehouseInput'), { i: { code: 'NUL', name: NUL } }],
  ],
  [
    'createParty(name)',
    () => [m('createParty', 'CreatePartyInput'), { i: { name: NUL, roles: ['CUSTOMER'] } }],
  ],
  ['createProduct(sku)', () => [m('createProduct', 'CreateProductInput'), { i: { sku: NUL, name: 'x' } }]],
  [
    'createProduct(name)',
    () => [m('createProduct', 'CreateProductInput'), { i: { sku: 'NUL-1', name: NUL } }],
  ],
  [
    'createProduct(serialFormat)',
    () => [
      m('createProduct', 'CreateProductInput'),
      { i: { sku: 'NUL-2', name: 'x', serialFormat: `A${NUL}` } },
    ],
  ],
  [
    'updateProduct(name)',
    () => [m('updateProduct', 'UpdateProductInput'), { i: { id: w.terminal.id, name: NUL } }],
  ],
  [
    'receiveStock(reference)',
    () => [
      m('receiveStock', 'ReceiveStockInput'),
      { i: { warehouseId: w.main.id, reference: NUL, lines: [{ productId: w.cable.id, quantity: 1 }] } },
    ],
  ],
  [
    'receiveStock(note)',
    () => [
      m('receiveStock', 'ReceiveStockInput'),
      { i: { warehouseId: w.main.id, note: NUL, lines: [{ productId: w.cable.id, quantity: 1 }] } },
    ],
  ],
  [
    'receiveStock(idempotencyKey)',
    () => [
      m('receiveStock', 'ReceiveStockInput'),
      { i: { warehouseId: w.main.id, idempotencyKey: NUL, lines: [{ productId: w.cable.id, quantity: 1 }] } },
    ],
  ],
  [
    'shipStock(note)',
    () => [
      m('shipStock', 'ShipStockInput'),
      { i: { warehouseId: w.main.id, customerId: w.customer.id, note: NUL, lines: lines() } },
    ],
  ],
  [
    'returnStock(reason)',
    () => [
      m('returnStock', 'ReturnStockInput'),
      { i: { shipmentId, serials: ['TXT-3'], condition: 'RESALABLE', reason: NUL } },
    ],
  ],
  [
    'transferStock(note)',
    () => [
      m('transferStock', 'TransferStockInput'),
      { i: { fromWarehouseId: w.main.id, toWarehouseId: w.east.id, note: NUL, lines: lines() } },
    ],
  ],
  [
    'writeOffStock(reason)',
    () => [
      m('writeOffStock', 'WriteOffStockInput'),
      { i: { warehouseId: w.main.id, reason: NUL, lines: lines() } },
    ],
  ],
  [
    'holdStock(reason)',
    () => [m('holdStock', 'HoldStockInput'), { i: { warehouseId: w.main.id, reason: NUL, lines: lines() } }],
  ],
  [
    'intakeRepair(note)',
    () => [
      m('intakeRepair', 'IntakeRepairInput'),
      { i: { serialId: unitId, warehouseId: w.main.id, note: NUL } },
    ],
  ],
  [
    'correctSerialNumber(reason)',
    () => [
      m('correctSerialNumber', 'CorrectSerialNumberInput'),
      { i: { serialId: unitId, newNumber: 'TXT-9', reason: NUL } },
    ],
  ],
];

describe('a NUL character in a text argument', () => {
  it.each(cases)(
    '%s is refused with BAD_USER_INPUT naming the field, writing nothing',
    async (label, build) => {
      const [query, variables] = build();
      const field = label
        .match(/\(([^)]+)\)/)![1]!
        .split('.')
        .at(-1)!;
      const err = await expectTypedRefusal(s, () => s.gql(query, variables), 'BAD_USER_INPUT', field);
      expect(err.message).toMatch(/control character \(U\+0000\)/);
      expect(err.extensions?.field).toContain(field);
    },
  );

  it('other control characters are refused too; tabs and line breaks only in notes', async () => {
    for (const bad of ['a\u0007b', 'a\u001bb', 'a\u0085b', 'a\u007fb', 'a\nb']) {
      await expectTypedRefusal(
        s,
        () => s.gql(m('createParty', 'CreatePartyInput'), { i: { name: bad, roles: ['CUSTOMER'] } }),
        'BAD_USER_INPUT',
        'name',
      );
    }
    const doc = ok(
      await s.gql(m('receiveStock', 'ReceiveStockInput'), {
        i: {
          warehouseId: w.main.id,
          note: 'line one\n\tline two\r\n',
          lines: [{ productId: w.cable.id, quantity: 1 }],
        },
      }),
    );
    expect(doc.receiveStock.id).toBeTruthy();
  });

  it('a lone surrogate is refused as not being text', async () => {
    const err = await expectTypedRefusal(
      s,
      () => s.gql(m('createParty', 'CreatePartyInput'), { i: { name: 'a\ud800b', roles: ['CUSTOMER'] } }),
      'BAD_USER_INPUT',
      'name',
    );
    expect(err.message).toMatch(/lone surrogate/);
  });

  it('a scanner’s trailing CR/LF around a looked-up number is still fine', async () => {
    expect(ok(await s.gql(`query { lookupSerial(number: "TXT-1\\r\\n") { number } }`)).lookupSerial).toEqual([
      { number: 'TXT-1' },
    ]);
  });

  it('a serial number with a control character keeps its domain code, naming the number', async () => {
    const err = await expectTypedRefusal(
      s,
      () => receive(s, w, ['OK-1', 'BAD\u0000-2']),
      'INVALID_SERIAL_FORMAT',
    );
    expect(err.extensions?.serials).toEqual(['BAD\u0000-2']);
  });
});

describe('names are trimmed and required', () => {
  it.each([
    [
      'createProduct(name)',
      m('createProduct', 'CreateProductInput'),
      () => ({ i: { sku: 'BLANK-1', name: '   ' } }),
    ],
    [
      'createWarehouse(name)',
      m('createWarehouse', 'CreateWarehouseInput'),
      () => ({ i: { code: 'BLANK', name: ' \t ' } }),
    ],
    [
      'createWarehouse(code)',
      m('createWarehouse', 'CreateWarehouseInput'),
      () => ({ i: { code: '  ', name: 'Blank' } }),
    ],
    [
      'createParty(name)',
      m('createParty', 'CreatePartyInput'),
      () => ({ i: { name: '  ', roles: ['SUPPLIER'] } }),
    ],
    [
      'updateProduct(name)',
      m('updateProduct', 'UpdateProductInput'),
      () => ({ i: { id: w.terminal.id, name: '  ' } }),
    ],
  ])('%s of spaces is refused with BAD_USER_INPUT naming the field', async (label, query, variables) => {
    const field = label.match(/\(([^)]+)\)/)![1]!;
    const err = await expectTypedRefusal(s, () => s.gql(query, variables()), 'BAD_USER_INPUT', field);
    expect(err.message).toMatch(/must not be blank/);
  });

  it('stores names trimmed', async () => {
    const made = ok(
      await s.gql(`mutation { createProduct(input: { sku: " TRIM-1 ", name: "  Trimmed  " }) { sku name } }`),
    ).createProduct;
    expect(made).toEqual({ sku: 'TRIM-1', name: 'Trimmed' });
  });

  it('refuses over-long text naming the field and the limit', async () => {
    const err = await expectTypedRefusal(
      s,
      () =>
        s.gql(m('createWarehouse', 'CreateWarehouseInput'), { i: { code: 'C'.repeat(33), name: 'Long' } }),
      'BAD_USER_INPUT',
      'input.code',
    );
    expect(err.message).toContain('32');
    const long = await expectTypedRefusal(
      s,
      () => s.gql(`query($v: String!) { lookupSerial(number: $v) { id } }`, { v: 'x'.repeat(2001) }),
      'BAD_USER_INPUT',
      'number',
    );
    expect(long.message).toContain('2000');
  });
});
