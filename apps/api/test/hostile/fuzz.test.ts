import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from '../support/test-server';
import { ok, receive, seedWorld, ship, unknownId, type World } from '../support/fixtures';
import { rowState } from './row-state';

// Every mutation, and the queries taking text, fed generated wrong-typed, boundary and garbage
// inputs. Whatever comes in: never INTERNAL_SERVER_ERROR, never an internal detail in a message,
// and a refused call writes nothing (row counts and digests of every table before = after).
// FUZZ_RUNS and FUZZ_SEED reproduce or deepen a run; a failure prints its seed and counterexample.
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let s: TestServer;
let w: World;
let ids: {
  serialInStock: string;
  serialShipped: string;
  shipment: string;
};
const NUMBERS = ['FZ-001', 'FZ-002', 'FZ-003', 'FZ-004', 'FZ-005', 'FZ-006'];

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, NUMBERS));
  ok(
    await s.gql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id } }`, {
      i: { warehouseId: w.main.id, lines: [{ productId: w.cable.id, quantity: 100_000 }] },
    }),
  );
  const shipment = ok(await ship(s, w, ['FZ-005', 'FZ-006'])).shipStock;
  const look = async (n: string) =>
    ok(await s.gql(`query($n: String!) { lookupSerial(number: $n) { id } }`, { n })).lookupSerial[0]
      .id as string;
  ids = { serialInStock: await look('FZ-001'), serialShipped: await look('FZ-005'), shipment: shipment.id };
}, 60_000);
afterAll(() => s?.close());

// ---- generators ----------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  ' ',
  '   \t ',
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  '\u001b[31mred',
  '\u0085',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '%',
  '_',
  '\\',
  '%_\\%',
  "'; drop table serial; --",
  '$1',
  '?',
  '{}',
  'null',
  '0',
  '-1',
  'x'.repeat(201),
  'x'.repeat(2_001),
  'é'.repeat(65),
  '😀'.repeat(40),
  '\n',
  'a\r\nb',
);
// Text with a control character, lone surrogate or bidi mark somewhere in it; half of them NUL,
// which PostgreSQL refuses outright.
const withControl = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constant('\u0000'),
      fc.constantFrom('\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udc00', '\u202e', '\n'),
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);
// Lengths at and just past each limit (32, 64, 200, 2,000).
const atLimits = fc.constantFrom(32, 33, 64, 65, 200, 201, 2_000, 2_001).map((n) => 'x'.repeat(n));
const text = fc.oneof(
  { weight: 4, arbitrary: withControl },
  { weight: 2, arbitrary: atLimits },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/) },
);
const integer = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      1,
      -1,
      2,
      1_000_000,
      1_000_001,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      2 ** 53,
      1.5,
      -0.5,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
);
// Anything JSON can carry, for fields that expect something else.
const garbage = fc.oneof(
  text,
  integer,
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
/** Mostly the right type with hostile content, sometimes anything at all. */
const field = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: garbage });
const optional = <T>(right: fc.Arbitrary<T>) => fc.option(field(right), { nil: undefined, freq: 3 });

const idOf = (...valid: (() => string)[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid).map((get) => get()) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('Product', 'Warehouse', 'Party', 'Serial', 'Document')
        .map((t) => unknownId(t as never)),
    },
    { weight: 1, arbitrary: text },
  );
const productId = idOf(
  () => w.terminal.id,
  () => w.cable.id,
  () => w.main.id,
);
const warehouseId = idOf(
  () => w.main.id,
  () => w.east.id,
  () => w.customer.id,
);
const partyId = idOf(
  () => w.supplier.id,
  () => w.customer.id,
  () => w.terminal.id,
);
const serialId = idOf(
  () => ids.serialInStock,
  () => ids.serialShipped,
  () => ids.shipment,
);
const serialNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.stringMatching(/^FZ-[0-9]{3,4}$/) },
);
const serials = fc.array(serialNumber, { maxLength: 6 });
const unitCost = fc.oneof(text, fc.constantFrom('1.00', '-1', '1e309', '99999999999999.999999', '0.0000001'));
const roles = fc.array(fc.oneof(fc.constantFrom('SUPPLIER', 'CUSTOMER'), text), { maxLength: 3 });
const format = fc.oneof(
  text,
  fc.constantFrom('', '^(a+)+$', '(?=a)a', '(\\d)\\1', '[', '\\p{L}{600}', 'FZ-\\d{3}'),
);

/** Hostile values for the fields of a document line (paths under `lines.0`). */
const lineFields = {
  lines: field(
    fc.oneof(fc.constant([]), fc.array(fc.record({ productId, quantity: integer }), { maxLength: 3 })),
  ),
  'lines.0.productId': field(productId),
  'lines.0.quantity': field(integer),
  'lines.0.serials': field(serials),
  'lines.0.unitCost': field(unitCost),
};
const idempotencyKey = { idempotencyKey: field(text) };

/**
 * A valid input (that may or may not post) with one to three of its fields replaced by hostile values,
 * so every field is reached past the others' checks; now and then the whole input is garbage.
 */
interface Case {
  garbage?: unknown;
  changes?: [path: string, value: unknown][];
}
function cases(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Case> {
  const change = fc
    .constantFrom(...Object.entries(fields))
    .chain(([path, value]) => value.map((v) => [path, v] as [string, unknown]));
  return fc.oneof(
    { weight: 1, arbitrary: garbage.map((g) => ({ garbage: g })) },
    {
      weight: 9,
      arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => ({ changes })),
    },
  );
}
function apply(base: Record<string, unknown>, c: Case): unknown {
  if ('garbage' in c) return c.garbage;
  const input = structuredClone(base);
  for (const [path, value] of c.changes ?? []) {
    const keys = path.split('.');
    let target: Record<string, unknown> | undefined = input;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = target?.[key];
      target = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    if (target) target[keys.at(-1)!] = value;
  }
  return input;
}

const cable = (quantity = 1) => [{ productId: w.cable.id, quantity }];
const mutations: Record<
  string,
  [type: string, base: () => Record<string, unknown>, fields: Record<string, fc.Arbitrary<unknown>>]
> = {
  createWarehouse: [
    'CreateWarehouseInput',
    () => ({ code: 'FZW', name: 'Fuzz' }),
    { code: field(text), name: field(text) },
  ],
  createParty: [
    'CreatePartyInput',
    () => ({ name: 'Fuzz', roles: ['CUSTOMER'] }),
    { name: field(text), roles: field(roles) },
  ],
  createProduct: [
    'CreateProductInput',
    () => ({
      sku: 'FZP',
      name: 'Fuzz',
      trackingMode: 'SERIAL',
      serialFormat: 'FZ-\\d{3}',
      warrantyMonths: 12,
    }),
    {
      sku: field(text),
      name: field(text),
      trackingMode: field(fc.constantFrom('NONE', 'SERIAL')),
      serialFormat: field(format),
      warrantyMonths: field(integer),
    },
  ],
  updateProduct: [
    'UpdateProductInput',
    () => ({ id: w.terminal.id, name: 'Handheld terminal' }),
    {
      id: field(productId),
      name: field(text),
      trackingMode: field(fc.constantFrom('NONE', 'SERIAL')),
      serialFormat: field(format),
      warrantyMonths: field(integer),
    },
  ],
  receiveStock: [
    'ReceiveStockInput',
    () => ({ warehouseId: w.main.id, supplierId: w.supplier.id, reference: 'R', note: 'N', lines: cable() }),
    {
      warehouseId: field(warehouseId),
      supplierId: field(partyId),
      reference: field(text),
      note: field(text),
      ...lineFields,
      ...idempotencyKey,
    },
  ],
  shipStock: [
    'ShipStockInput',
    () => ({ warehouseId: w.main.id, customerId: w.customer.id, reference: 'S', note: 'N', lines: cable() }),
    {
      warehouseId: field(warehouseId),
      customerId: field(partyId),
      reference: field(text),
      note: field(text),
      ...lineFields,
      ...idempotencyKey,
    },
  ],
  returnStock: [
    'ReturnStockInput',
    () => ({ shipmentId: ids.shipment, serials: ['FZ-005'], condition: 'DEFECTIVE', reason: 'R' }),
    {
      shipmentId: field(
        idOf(
          () => ids.shipment,
          () => ids.serialShipped,
        ),
      ),
      warehouseId: field(warehouseId),
      serials: field(serials),
      condition: field(fc.constantFrom('RESALABLE', 'DEFECTIVE')),
      reason: field(text),
      ...idempotencyKey,
    },
  ],
  transferStock: [
    'TransferStockInput',
    () => ({ fromWarehouseId: w.main.id, toWarehouseId: w.east.id, note: 'N', lines: cable() }),
    {
      fromWarehouseId: field(warehouseId),
      toWarehouseId: field(warehouseId),
      note: field(text),
      ...lineFields,
      ...idempotencyKey,
    },
  ],
  writeOffStock: [
    'WriteOffStockInput',
    () => ({ warehouseId: w.main.id, reason: 'R', lines: cable() }),
    { warehouseId: field(warehouseId), reason: field(text), ...lineFields, ...idempotencyKey },
  ],
  holdStock: [
    'HoldStockInput',
    () => ({
      warehouseId: w.main.id,
      reason: 'R',
      lines: [{ productId: w.terminal.id, quantity: 1, serials: ['FZ-002'] }],
    }),
    { warehouseId: field(warehouseId), reason: field(text), ...lineFields, ...idempotencyKey },
  ],
  releaseStock: [
    'HoldStockInput',
    () => ({
      warehouseId: w.main.id,
      reason: 'R',
      lines: [{ productId: w.terminal.id, quantity: 1, serials: ['FZ-002'] }],
    }),
    { warehouseId: field(warehouseId), reason: field(text), ...lineFields, ...idempotencyKey },
  ],
  intakeRepair: [
    'IntakeRepairInput',
    () => ({ serialId: ids.serialInStock, warehouseId: w.main.id, note: 'N' }),
    { serialId: field(serialId), warehouseId: field(warehouseId), note: field(text) },
  ],
  releaseRepair: [
    'ReleaseRepairInput',
    () => ({ serialId: ids.serialInStock, note: 'N' }),
    { serialId: field(serialId), replacementSerialId: field(serialId), note: field(text) },
  ],
  correctSerialNumber: [
    'CorrectSerialNumberInput',
    () => ({ serialId: ids.serialInStock, newNumber: 'FZ-101', reason: 'R' }),
    { serialId: field(serialId), newNumber: field(serialNumber), reason: field(text) },
  ],
};

const queries: Record<string, [query: string, arbitrary: fc.Arbitrary<Record<string, unknown>>]> = {
  lookupSerial: [
    `query($v: String!) { lookupSerial(number: $v) { id number } }`,
    fc.record({ v: field(serialNumber) }),
  ],
  product: [
    `query($v: String, $id: ID) { product(sku: $v, id: $id) { id } }`,
    fc.record({ v: optional(text), id: optional(productId) }),
  ],
  products: [
    `query($v: String, $f: Int, $a: String) { products(search: $v, first: $f, after: $a) { totalCount edges { cursor } } }`,
    fc.record({ v: optional(text), f: optional(integer), a: optional(fc.oneof(text, fc.base64String())) }),
  ],
  parties: [
    `query($v: String, $r: PartyRole) { parties(search: $v, role: $r) { id } }`,
    fc.record({ v: optional(text), r: optional(fc.constantFrom('SUPPLIER', 'CUSTOMER')) }),
  ],
  serials: [
    `query($f: SerialFilter, $n: Int, $a: String, $o: SerialOrderBy) { serials(filter: $f, first: $n, after: $a, orderBy: $o) { totalCount } }`,
    fc.record({
      f: optional(
        fc.record({
          search: optional(text),
          productId: optional(productId),
          warehouseId: optional(warehouseId),
          partyId: optional(partyId),
          returnableFromShipmentId: optional(serialId),
        }),
      ),
      n: optional(integer),
      a: optional(fc.oneof(text, fc.base64String())),
      o: optional(fc.constantFrom('NUMBER_ASC', 'RECEIVED_AT_ASC', 'RECEIVED_AT_DESC')),
    }),
  ],
  documents: [
    `query($f: DocumentFilter, $n: Int, $a: String) { documents(filter: $f, first: $n, after: $a) { totalCount } }`,
    fc.record({
      f: optional(
        fc.record({
          search: optional(text),
          partyId: optional(partyId),
          warehouseId: optional(warehouseId),
          serialId: optional(serialId),
        }),
      ),
      n: optional(integer),
      a: optional(fc.oneof(text, fc.base64String())),
    }),
  ],
  checkSerials: [
    `query($p: ID!, $n: [String!]!, $u: SerialCheckPurpose!, $w: ID) { checkSerials(productId: $p, numbers: $n, purpose: $u, warehouseId: $w) { number ok issue } }`,
    fc.record({
      p: productId,
      n: field(serials),
      u: field(fc.constantFrom('RECEIVE', 'SHIP')),
      w: optional(warehouseId),
    }),
  ],
  node: [`query($id: ID!) { node(id: $id) { id } }`, fc.record({ id: field(serialId) })],
};

// ---- the property ---------------------------------------------------------------------------------

const INTERNAL_DETAIL =
  /node_modules|\/src\/|\bat \S+:\d+|select .* from|insert into|update \w+ set|duplicate key|violates|syntax error/i;

async function judge(call: () => Promise<GqlResponse>, writes: boolean): Promise<void> {
  const before = writes ? await rowState(s) : null;
  const res = await call();
  expect(res.status, JSON.stringify(res)).toBeLessThan(500);
  for (const error of res.errors ?? []) {
    expect(error.extensions?.code, JSON.stringify(error)).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions?.code, JSON.stringify(error)).toBeTruthy();
    expect(error.message, JSON.stringify(error)).not.toMatch(INTERNAL_DETAIL);
  }
  if (writes && res.errors?.length) expect(await rowState(s), JSON.stringify(res.errors)).toEqual(before);
}

const settings = { numRuns: RUNS, seed: SEED, endOnFailure: true };

describe('fuzzing every mutation', () => {
  for (const [name, [type, base, fields]] of Object.entries(mutations)) {
    it(`${name}: no internal error, and a refusal writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(cases(fields), (c) =>
          judge(
            () => s.gql(`mutation($i: ${type}!) { ${name}(input: $i) { id } }`, { i: apply(base(), c) }),
            true,
          ),
        ),
        settings,
      );
    });
  }
});

describe('fuzzing the queries that take text', () => {
  for (const [name, [query, arbitrary]] of Object.entries(queries)) {
    it(`${name}: no internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, (variables) =>
          judge(() => s.gql(query, variables, s.keys.viewer), false),
        ),
        settings,
      );
    });
  }
});
