import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { expectRefusedUnchanged, ok, post, refused, seedWorld, type World } from './support/fixtures';

// Serial format presets (IMEI, MAC-48, GTIN) over real HTTP, GraphQL and PostgreSQL.
let s: TestServer;
let w: World;
let phone: { id: string };
let router: { id: string };
let pallet: { id: string };
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  const d = ok(
    await s.gql(`mutation {
      phone: createProduct(input: { sku: "PH-1", name: "Phone", trackingMode: SERIAL, serialPreset: IMEI }) { id serialPreset serialFormat }
      router: createProduct(input: { sku: "RT-1", name: "Router", trackingMode: SERIAL, serialPreset: MAC_48 }) { id serialPreset }
      pallet: createProduct(input: { sku: "PL-1", name: "Pallet", trackingMode: SERIAL, serialPreset: GTIN_13 }) { id serialPreset }
    }`),
  );
  expect(d.phone).toMatchObject({ serialPreset: 'IMEI', serialFormat: null });
  ({ phone, router, pallet } = d);
});
afterAll(() => s?.close());

const receiveInto = (productId: string, serials: string[]) =>
  post(s, 'receiveStock', 'ReceiveStockInput', {
    warehouseId: w.main.id,
    supplierId: w.supplier.id,
    lines: [{ productId, quantity: serials.length, serials }],
  });

const CHECK = `query($p: ID!, $n: [String!]!, $purpose: SerialCheckPurpose!) {
  checkSerials(productId: $p, numbers: $n, purpose: $purpose) { number ok issue problem } }`;

describe('a product picks a preset or a pattern', () => {
  it('refuses both at once, naming the field, and creates nothing', async () => {
    const [before] = await s.sql<{ n: number }>(`select count(*)::int as n from product`);
    const err = refused(
      await s.gql(`mutation { createProduct(input: { sku: "BOTH", name: "Both", trackingMode: SERIAL,
        serialPreset: IMEI, serialFormat: "\\\\d{15}" }) { id } }`),
    );
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serialPreset' });
    expect(err.message).toMatch(/serialPreset or serialFormat/);
    const [after] = await s.sql<{ n: number }>(`select count(*)::int as n from product`);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses an update that would leave both, and keeps the product as it was; switching needs serialFormat ""', async () => {
    const made = ok(
      await s.gql(`mutation { createProduct(input: { sku: "PAT-1", name: "Patterned", trackingMode: SERIAL,
        serialFormat: "\\\\d{15}" }) { id } }`),
    ).createProduct;
    const update = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { serialFormat serialPreset } }`;
    const err = refused(await s.gql(update, { input: { id: made.id, serialPreset: 'IMEI' } }));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serialPreset' });
    const [row] = await s.sql<{ serial_format: string; serial_preset: string | null }>(
      `select serial_format, serial_preset from product where sku = 'PAT-1'`,
    );
    expect(row).toEqual({ serial_format: '\\d{15}', serial_preset: null });
    const switched = ok(
      await s.gql(update, { input: { id: made.id, serialPreset: 'IMEI', serialFormat: '' } }),
    );
    expect(switched.updateProduct).toEqual({ serialFormat: null, serialPreset: 'IMEI' });
  });
});

describe('IMEI', () => {
  it('refuses a mistyped IMEI as INVALID_SERIAL_FORMAT saying "check digit", naming every offender, writing nothing', async () => {
    const err = await expectRefusedUnchanged(
      s,
      () =>
        receiveInto(phone.id, ['490154203237518', '490154203237519', '35693803564380', '356938035643808']),
      'INVALID_SERIAL_FORMAT',
      ['490154203237519', '35693803564380', '356938035643808'],
    );
    expect(err.message).toContain('check digit');
    expect(err.extensions?.problems).toEqual([
      { serial: '490154203237519', problem: 'CHECK_DIGIT' },
      { serial: '35693803564380', problem: 'FORMAT_MISMATCH' },
      { serial: '356938035643808', problem: 'CHECK_DIGIT' },
    ]);
  });

  it('receives valid IMEIs', async () => {
    const doc = ok(await receiveInto(phone.id, ['490154203237518', '356938035643809'])).receiveStock;
    expect(doc.lines[0].serials.map((x: { status: string }) => x.status)).toEqual(['IN_STOCK', 'IN_STOCK']);
  });

  it('gives the reason in live validation (checkSerials)', async () => {
    const d = ok(
      await s.gql(CHECK, { p: phone.id, n: ['352099001761481', '352099001761482'], purpose: 'RECEIVE' }),
    );
    expect(d.checkSerials).toEqual([
      { number: '352099001761481', ok: true, issue: null, problem: null },
      { number: '352099001761482', ok: false, issue: 'INVALID_FORMAT', problem: 'CHECK_DIGIT' },
    ]);
  });

  it('refuses a mistyped IMEI as the new number of a correction', async () => {
    const [unit] = await s.sql<{ id: string }>(`select id from serial where number = '490154203237518'`);
    const id = Buffer.from(`Serial:${unit!.id}`).toString('base64url');
    const err = await expectRefusedUnchanged(
      s,
      () =>
        s.gql(
          `mutation($id: ID!) { correctSerialNumber(input: { serialId: $id, newNumber: "490154203237519", reason: "typo" }) { id } }`,
          { id },
        ),
      'INVALID_SERIAL_FORMAT',
      ['490154203237519'],
    );
    expect(err.message).toContain('check digit');
  });
});

describe('MAC-48', () => {
  it('records any spelling as AA:BB:CC:DD:EE:FF', async () => {
    const doc = ok(await receiveInto(router.id, ['aa-bb-cc-dd-ee-ff', '001122334455'])).receiveStock;
    expect(doc.lines[0].serials.map((x: { number: string }) => x.number)).toEqual([
      'AA:BB:CC:DD:EE:FF',
      '00:11:22:33:44:55',
    ]);
  });

  it('treats another spelling of a recorded address as the same unit when receiving (SERIAL_EXISTS)', async () => {
    await expectRefusedUnchanged(s, () => receiveInto(router.id, ['aa:bb:cc:dd:ee:ff']), 'SERIAL_EXISTS', [
      'AA:BB:CC:DD:EE:FF',
    ]);
  });

  it('refuses two spellings of one address in one receipt as a duplicate', async () => {
    await expectRefusedUnchanged(
      s,
      () => receiveInto(router.id, ['66-77-88-99-aa-bb', '66:77:88:99:AA:BB']),
      'DUPLICATE_SERIAL',
    );
  });

  it('refuses a malformed address, naming it', async () => {
    const err = await expectRefusedUnchanged(
      s,
      () => receiveInto(router.id, ['aa:bb-cc:dd:ee:ff', 'zz:bb:cc:dd:ee:ff']),
      'INVALID_SERIAL_FORMAT',
      ['aa:bb-cc:dd:ee:ff', 'zz:bb:cc:dd:ee:ff'],
    );
    expect(err.extensions?.problems).toEqual([
      { serial: 'aa:bb-cc:dd:ee:ff', problem: 'FORMAT_MISMATCH' },
      { serial: 'zz:bb:cc:dd:ee:ff', problem: 'FORMAT_MISMATCH' },
    ]);
  });

  it('finds the unit by another spelling in checks, lookups and shipments', async () => {
    const check = ok(await s.gql(CHECK, { p: router.id, n: ['aabbccddeeff'], purpose: 'SHIP' }));
    expect(check.checkSerials).toEqual([
      { number: 'AA:BB:CC:DD:EE:FF', ok: true, issue: null, problem: null },
    ]);
    const found = ok(await s.gql(`{ lookupSerial(number: "aa-bb-cc-dd-ee-ff") { number product { sku } } }`));
    expect(found.lookupSerial).toEqual([{ number: 'AA:BB:CC:DD:EE:FF', product: { sku: 'RT-1' } }]);
    const shipped = ok(
      await post(s, 'shipStock', 'ShipStockInput', {
        warehouseId: w.main.id,
        customerId: w.customer.id,
        lines: [{ productId: router.id, quantity: 1, serials: ['aa-bb-cc-dd-ee-ff'] }],
      }),
    ).shipStock;
    expect(shipped.lines[0].serials).toEqual([
      expect.objectContaining({ number: 'AA:BB:CC:DD:EE:FF', status: 'SHIPPED' }),
    ]);
  });
});

describe('GTIN-13', () => {
  it('receives a valid GTIN and refuses a wrong check digit', async () => {
    ok(await receiveInto(pallet.id, ['4006381333931']));
    const err = await expectRefusedUnchanged(
      s,
      () => receiveInto(pallet.id, ['5901234123458']),
      'INVALID_SERIAL_FORMAT',
      ['5901234123458'],
    );
    expect(err.message).toContain('check digit');
  });
});
