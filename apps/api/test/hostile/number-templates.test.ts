import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, seedWorld, type World } from '../support/fixtures';
import { onlyError, rowState } from './row-state';

// Number templates and reservations under hostile input: every refusal is typed, names the field or
// the limit, and writes nothing (no product change, no counter advanced, no reservation).
let s: TestServer;
let w: World;
let tool: { id: string };

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  tool = ok(
    await s.gql(
      `mutation { createProduct(input: { sku: "TOOL", name: "Tool", trackingMode: SERIAL, numberTemplate: "TOOL-{YYYY}-{SEQ:6}" }) { id } }`,
    ),
  ).createProduct;
});
afterAll(() => s?.close());

async function everything() {
  const [numbering] = await s.sql<Record<string, unknown>>(
    `select (select coalesce(json_agg(json_build_array(product_id, key, last) order by product_id, key), '[]') from serial_number_counter) as counters,
            (select coalesce(json_agg(json_build_array(id, received) order by id), '[]') from serial_reservation) as reservations,
            (select coalesce(md5(string_agg(concat_ws('|', id, number_template, serial_format), ',' order by id)), '') from product) as templates`,
  );
  return { ...numbering, ...(await rowState(s)) };
}

/** The call is refused with `code`, its message holds every `names`, and nothing is written. */
async function refusedWithNothingWritten(
  call: () => Promise<Parameters<typeof onlyError>[0]>,
  code: string,
  ...names: string[]
) {
  const before = await everything();
  const err = onlyError(await call());
  expect(err.extensions?.code, err.message).toBe(code);
  for (const name of names) expect(err.message).toContain(name);
  expect(JSON.stringify(err)).not.toMatch(/insert into|select |\.ts:|at .*\(/);
  expect(await everything()).toEqual(before);
  return err;
}

const createWithTemplate = (numberTemplate: string, serialFormat: string | null = null) =>
  s.gql(`mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`, {
    i: { sku: `X-${Math.random()}`, name: 'X', trackingMode: 'SERIAL', numberTemplate, serialFormat },
  });
const reserve = (productId: string, count: number, key = s.keys.admin) =>
  s.gql(
    `mutation($p: ID!, $n: Int!) { reserveSerials(productId: $p, count: $n) { id numbers } }`,
    { p: productId, n: count },
    key,
  );

describe('numberTemplate refusals', () => {
  it.each([
    ['TOOL-{YYYY}', 'no {SEQ:n} counter'],
    ['{SEQ:3}-{SEQ:3}', 'more than one {SEQ:n} counter'],
    ['T-{SEQ:99}', 'width from 1 to 15'],
    ['T-{NOPE}{SEQ:3}', '{NOPE} is not a token'],
    ['T-{SEQ:3', 'never closed'],
    ['T {SEQ:3}', 'U+0020'],
    ['T\u202e{SEQ:3}', 'U+202E'],
    [`${'T'.repeat(55)}-{YYYY}-{SEQ:9}`, 'more than 64'],
  ])('refuses %j naming the problem', async (template, problem) => {
    const err = await refusedWithNothingWritten(
      () => createWithTemplate(template),
      'BAD_USER_INPUT',
      problem,
    );
    expect(err.extensions?.field).toBe('numberTemplate');
  });

  it('refuses a template longer than 100 characters naming the field and the limit', async () => {
    await refusedWithNothingWritten(
      () => createWithTemplate(`${'T'.repeat(101)}{SEQ:3}`),
      'BAD_USER_INPUT',
      'numberTemplate',
      '100',
    );
  });

  it('refuses a template whose numbers the serialFormat refuses, on create and on either update', async () => {
    await refusedWithNothingWritten(
      () => createWithTemplate('TOOL-{SEQ:6}', 'TOOL-\\d{5}'),
      'BAD_USER_INPUT',
      'numberTemplate',
      'TOOL-000001',
    );
    const update = (input: Record<string, unknown>) =>
      s.gql(`mutation($i: UpdateProductInput!) { updateProduct(input: $i) { id } }`, {
        i: { id: tool.id, ...input },
      });
    // A new format that the saved template breaks, and a new template that the saved format refuses.
    await refusedWithNothingWritten(
      () => update({ serialFormat: 'TOOL-\\d{4}-\\d{5}' }),
      'BAD_USER_INPUT',
      'serialFormat',
    );
    ok(await update({ serialFormat: 'TOOL-\\d{4}-\\d{6}' }));
    await refusedWithNothingWritten(
      () => update({ numberTemplate: 'TL-{SEQ:6}' }),
      'BAD_USER_INPUT',
      'TL-000001',
    );
    ok(await update({ serialFormat: '' }));
  });
});

describe('reserveSerials refusals', () => {
  it('caps count at 10,000, naming the field and the limit', async () => {
    for (const count of [10_001, 0, -5, 2 ** 31 - 1])
      await refusedWithNothingWritten(() => reserve(tool.id, count), 'BAD_USER_INPUT', 'count', '10,000');
    expect(ok(await reserve(tool.id, 10_000)).reserveSerials.numbers).toHaveLength(10_000);
  });

  it('refuses a viewer, another organization’s product, and a product without a template', async () => {
    await refusedWithNothingWritten(() => reserve(tool.id, 1, s.keys.viewer), 'FORBIDDEN');
    const other = await s.newOrganization('globex');
    await refusedWithNothingWritten(() => reserve(tool.id, 1, other), 'NOT_FOUND', tool.id);
    await refusedWithNothingWritten(
      () => reserve(w.terminal.id, 1),
      'BAD_USER_INPUT',
      'HT-100 has no numberTemplate',
    );
    await refusedWithNothingWritten(() => reserve(w.cable.id, 1), 'SERIALS_NOT_ALLOWED', 'CBL-USB');
  });

  it('refuses an idempotency key that is blank or too long', async () => {
    const withKey = (k: string) =>
      s.gql(
        `mutation($p: ID!, $k: String) { reserveSerials(productId: $p, count: 1, idempotencyKey: $k) { id } }`,
        {
          p: tool.id,
          k,
        },
      );
    await refusedWithNothingWritten(() => withKey('   '), 'BAD_USER_INPUT', 'idempotencyKey');
    await refusedWithNothingWritten(
      () => withKey('k'.repeat(201)),
      'BAD_USER_INPUT',
      'idempotencyKey',
      '200',
    );
  });
});

describe('receipt lines naming reservations', () => {
  const receive = (line: Record<string, unknown>, key = s.keys.admin) =>
    s.gql(
      `mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id } }`,
      {
        i: {
          warehouseId: w.main.id,
          supplierId: w.supplier.id,
          lines: [{ productId: tool.id, quantity: 1, ...line }],
        },
      },
      key,
    );

  it('refuses a reservation id that is garbage, of another type, or of another organization', async () => {
    await refusedWithNothingWritten(() => receive({ reservationId: 'nope' }), 'NOT_FOUND', 'nope');
    await refusedWithNothingWritten(() => receive({ reservationId: w.terminal.id }), 'NOT_FOUND');
    const other = await s.newOrganization('initech');
    const theirs = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "TOOL", name: "T", trackingMode: SERIAL, numberTemplate: "I-{SEQ:3}" }) { id } }`,
        {},
        other,
      ),
    ).createProduct;
    const r = ok(await reserve(theirs.id, 1, other)).reserveSerials;
    await refusedWithNothingWritten(() => receive({ reservationId: r.id }), 'NOT_FOUND', r.id);
  });

  it('refuses generate beyond the document’s serial limit before anything runs', async () => {
    await refusedWithNothingWritten(
      () => receive({ quantity: 100_001, generate: 100_001 }),
      'BAD_USER_INPUT',
      'generate',
      '100000',
    );
  });
});
