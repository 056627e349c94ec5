import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import {
  expectRefusedUnchanged,
  ok,
  post,
  refused,
  seedWorld,
  writeCounts,
  type World,
} from './support/fixtures';

// Internal codes beside the real serial, and units received ON_HOLD because their label is unclear.
let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

type Unit = { serial: string; internalCode?: string | null; holdReason?: string | null };

function receiveUnits(units: Unit[], serials: string[] = []) {
  return post(s, 'receiveStock', 'ReceiveStockInput', {
    warehouseId: w.main.id,
    supplierId: w.supplier.id,
    lines: [{ productId: w.terminal.id, quantity: serials.length + units.length, serials, units }],
  });
}

const UNIT = `number status internalCode holdReason warehouse { code }
  history { type toStatus note previousInternalCode document { type } }`;
const lookup = async (text: string) =>
  ok(await s.gql(`query($n: String!) { lookupSerial(number: $n) { ${UNIT} } }`, { n: text })).lookupSerial;

const codes = () =>
  s.sql<{ number: string; internal_code: string | null }>(
    `select number, internal_code from serial order by number`,
  );

describe('internal codes', () => {
  it('are set at receipt beside the serials, exposed on Serial, found by lookupSerial and by the report search', async () => {
    const doc = ok(
      await receiveUnits(
        [
          { serial: 'ic-00001', internalCode: 'TOOL-2026-000045' },
          { serial: 'ic-00002', internalCode: ' TOOL-2026-000046 ' },
        ],
        ['ic-00000'],
      ),
    ).receiveStock;
    expect(doc.lines[0].quantity).toBe(3);
    expect(await lookup('tool-2026-000045')).toEqual([
      expect.objectContaining({ number: 'ic-00001', internalCode: 'TOOL-2026-000045', status: 'IN_STOCK' }),
    ]);
    expect(await lookup('IC-00002')).toEqual([expect.objectContaining({ internalCode: 'TOOL-2026-000046' })]);
    const report = ok(
      await s.gql(
        `{ serials(filter: { search: "2026-00004" }) { totalCount edges { node { number internalCode } } } }`,
      ),
    ).serials;
    expect(report.totalCount).toBe(2);
    expect(report.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([
      'ic-00001',
      'ic-00002',
    ]);
  });

  it('refuses a code another unit has (case-insensitively), naming every offender, and writes nothing', async () => {
    const err = await expectRefusedUnchanged(
      s,
      () =>
        receiveUnits([
          { serial: 'ic-00010', internalCode: 'tool-2026-000045' },
          { serial: 'ic-00011', internalCode: 'FRESH-1' },
          { serial: 'ic-00012', internalCode: 'Tool-2026-000046' },
        ]),
      'INTERNAL_CODE_EXISTS',
      ['tool-2026-000045', 'Tool-2026-000046'],
    );
    expect(err.message).toContain('tool-2026-000045, Tool-2026-000046');
  });

  it('refuses a code repeated in one receipt, naming it, and writes nothing', async () => {
    await expectRefusedUnchanged(
      s,
      () =>
        receiveUnits([
          { serial: 'ic-00020', internalCode: 'TWICE-1' },
          { serial: 'ic-00021', internalCode: 'twice-1' },
        ]),
      'INTERNAL_CODE_EXISTS',
      ['TWICE-1'],
    );
  });

  it('refuses a malformed code (whitespace inside), naming it, and writes nothing', async () => {
    const err = await expectRefusedUnchanged(
      s,
      () => receiveUnits([{ serial: 'ic-00030', internalCode: 'A B' }]),
      'BAD_USER_INPUT',
      ['A B'],
    );
    expect(err.extensions?.field).toBe('internalCode');
  });

  it('refuses units on any posting but a receipt', async () => {
    const err = await expectRefusedUnchanged(
      s,
      () =>
        post(s, 'shipStock', 'ShipStockInput', {
          warehouseId: w.main.id,
          customerId: w.customer.id,
          lines: [
            { productId: w.terminal.id, quantity: 1, units: [{ serial: 'ic-00000', internalCode: 'X-1' }] },
          ],
        }),
      'BAD_USER_INPUT',
    );
    expect(err.extensions?.field).toBe('units');
  });

  it('are changed only through a recorded movement that keeps the previous code', async () => {
    const [unit] = await s.sql<{ id: string }>(`select id from serial where number = 'ic-00001'`);
    const id = Buffer.from(`Serial:${unit!.id}`).toString('base64url');
    const set = (internalCode: string | null, key?: string) =>
      s.gql(
        `mutation($input: SetInternalCodeInput!) { setInternalCode(input: $input) { type number note actor } }`,
        { input: { serialId: id, internalCode, reason: 'relabelled' } },
        key,
      );
    const doc = ok(await set('TOOL-2026-000099')).setInternalCode;
    expect(doc).toMatchObject({ type: 'SERIAL_CORRECTION', note: 'relabelled', actor: 'admin-key' });
    const [found] = await lookup('TOOL-2026-000099');
    expect(found.internalCode).toBe('TOOL-2026-000099');
    expect(found.status).toBe('IN_STOCK');
    expect(found.history.at(-1)).toEqual({
      type: 'INTERNAL_CODE_CHANGED',
      toStatus: 'IN_STOCK',
      note: 'relabelled',
      previousInternalCode: 'TOOL-2026-000045',
      document: { type: 'SERIAL_CORRECTION' },
    });
    // The old code is free again, and no longer finds the unit.
    expect(await lookup('TOOL-2026-000045')).toEqual([]);

    const before = await writeCounts(s);
    const beforeCodes = await codes();
    const taken = refused(await set('tool-2026-000046'));
    expect(taken.extensions).toMatchObject({ code: 'INTERNAL_CODE_EXISTS', serials: ['tool-2026-000046'] });
    const viewer = refused(await set('OTHER-1', s.keys.viewer));
    expect(viewer.extensions?.code).toBe('FORBIDDEN');
    expect(await writeCounts(s)).toEqual(before);
    expect(await codes()).toEqual(beforeCodes);

    ok(await set(null));
    expect((await lookup('ic-00001'))[0].internalCode).toBeNull();
  });
});

describe('hold at receipt', () => {
  const counters = () =>
    s.sql(
      `select product_id, warehouse_id, status, n::int as n from serial_count where n <> 0 order by 1, 2, 3`,
    );
  const truth = () =>
    s.sql(
      `select product_id, warehouse_id, status, count(*)::int as n from serial group by 1, 2, 3 order by 1, 2, 3`,
    );

  it('receives unclear units ON_HOLD in the same document, the movement carrying the reason; counters stay right', async () => {
    const doc = ok(
      await receiveUnits(
        [
          { serial: 'h-00002', holdReason: 'label smudged: 8 or B?' },
          { serial: 'h-00003', holdReason: 'torn label', internalCode: 'HOLD-TAG-3' },
        ],
        ['h-00001'],
      ),
    ).receiveStock;
    expect(doc.lines[0].serials.map((x: { number: string; status: string }) => [x.number, x.status])).toEqual(
      [
        ['h-00001', 'IN_STOCK'],
        ['h-00002', 'ON_HOLD'],
        ['h-00003', 'ON_HOLD'],
      ],
    );
    const [held] = await lookup('h-00002');
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      holdReason: 'label smudged: 8 or B?',
      warehouse: { code: 'MAIN' },
    });
    expect(held.history).toEqual([
      expect.objectContaining({
        type: 'RECEIVED',
        toStatus: 'ON_HOLD',
        note: 'label smudged: 8 or B?',
        document: { type: 'RECEIPT' },
      }),
    ]);
    expect(await counters()).toEqual(await truth());
    const onHold = ok(
      await s.gql(
        `query($p: ID!) { serials(filter: { productId: $p, statuses: [ON_HOLD] }) { totalCount } }`,
        {
          p: w.terminal.id,
        },
      ),
    ).serials;
    expect(onHold.totalCount).toBe(2);
  });

  it('is finished by correctSerialNumber, then release', async () => {
    const [unit] = await s.sql<{ id: string }>(`select id from serial where number = 'h-00002'`);
    const id = Buffer.from(`Serial:${unit!.id}`).toString('base64url');
    ok(
      await s.gql(
        `mutation($id: ID!) { correctSerialNumber(input: { serialId: $id, newNumber: "h-00008", reason: "read under light" }) { id } }`,
        { id },
      ),
    );
    ok(
      await post(s, 'releaseStock', 'HoldStockInput', {
        warehouseId: w.main.id,
        reason: 'number confirmed',
        lines: [{ productId: w.terminal.id, quantity: 1, serials: ['h-00008'] }],
      }),
    );
    const [released] = await lookup('h-00008');
    expect(released.status).toBe('IN_STOCK');
    expect(released.history.map((m: { type: string }) => m.type)).toEqual([
      'RECEIVED',
      'NUMBER_CORRECTED',
      'RELEASED',
    ]);
    expect(await counters()).toEqual(await truth());
  });

  it('refuses a blank hold reason and writes nothing', async () => {
    await expectRefusedUnchanged(
      s,
      () => receiveUnits([{ serial: 'h-00009', holdReason: '   ' }]),
      'BAD_USER_INPUT',
    );
  });
});
