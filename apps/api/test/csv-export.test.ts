import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asOrganization,
  ok,
  range,
  receive,
  seedWorld,
  ship,
  unknownId,
  type World,
} from './support/fixtures';
import { download, records } from './support/csv-download';
import { startTestServer, type TestServer } from './support/test-server';

/** A JSON response body, untyped (tests read fields by name). */
const jsonOf = (res: Response): Promise<any> => res.json();

let s: TestServer;
let w: World;
let receiptId: string;
let otherKey: string;

const MAIN = range('exp-', 1, 6);
const EAST = range('exp-', 11, 13);

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  receiptId = ok(await receive(s, w, MAIN)).receiveStock.id;
  ok(await receive(s, w, EAST, { warehouseId: w.east.id }));
  ok(await ship(s, w, ['exp-00001']));
  // Another organization with units of its own, numbered like ours.
  otherKey = await s.newOrganization('other-co');
  const other = await seedWorld(asOrganization(s, otherKey));
  ok(
    await s.gql(
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`,
      {
        input: {
          warehouseId: other.main.id,
          lines: [{ productId: other.terminal.id, quantity: 2, serials: ['exp-00001', 'foreign-1'] }],
        },
      },
      otherKey,
    ),
  );
});
afterAll(() => s?.close());

const serials = (rows: Record<string, string>[]) => rows.map((r) => r.serial);

describe('GET /export/serials.csv', () => {
  it('streams the serials report as CSV with a header, in number order, units in storage by default', async () => {
    const res = await download(s, '/export/serials.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="serials-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = Buffer.from(await res.clone().arrayBuffer());
    // A UTF-8 byte order mark first, so spreadsheets read the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('sku,serial,warehouse,unitCost,internalCode,product,status,')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = await records(res);
    expect(serials(rows)).toEqual([...MAIN.slice(1), ...EAST]);
    const first = rows[0]!;
    expect(first).toMatchObject({
      sku: 'HT-100',
      serial: 'exp-00002',
      warehouse: 'MAIN',
      unitCost: '100',
      product: 'Handheld terminal',
      status: 'IN_STOCK',
      supplier: 'Handheld Supply Co',
      customer: '',
      receipt: 'RCV-000001',
    });
    expect(first.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('takes the serials query filter: warehouse, statuses, out of storage, party, search', async () => {
    expect(
      serials(await records(await download(s, '/export/serials.csv', { warehouseId: w.east.id }))),
    ).toEqual(EAST);
    expect(serials(await records(await download(s, '/export/serials.csv', { statuses: 'SHIPPED' })))).toEqual(
      ['exp-00001'],
    );
    expect(
      serials(await records(await download(s, '/export/serials.csv', { includeOutOfStorage: 'true' }))),
    ).toEqual([...MAIN, ...EAST]);
    expect(
      serials(await records(await download(s, '/export/serials.csv', { partyId: w.customer.id }))),
    ).toEqual([]);
    expect(
      serials(
        await records(
          await download(s, '/export/serials.csv', { partyId: w.customer.id, includeOutOfStorage: '1' }),
        ),
      ),
    ).toEqual(['exp-00001']);
    expect(serials(await records(await download(s, '/export/serials.csv', { search: '0001' })))).toEqual([
      'exp-00011',
      'exp-00012',
      'exp-00013',
    ]);
    expect(
      serials(
        await records(
          await download(s, '/export/serials.csv', {
            statuses: ['IN_STOCK', 'SHIPPED'],
            productId: w.terminal.id,
          }),
        ),
      ),
    ).toEqual([...MAIN, ...EAST]);
  });

  it('takes the recall criteria: receipts, supplier, customer, received window, number range', async () => {
    const all = { includeOutOfStorage: 'true' };
    expect(
      serials(
        await records(await download(s, '/export/serials.csv', { ...all, receivedInDocumentIds: receiptId })),
      ),
    ).toEqual(MAIN);
    expect(
      serials(await records(await download(s, '/export/serials.csv', { ...all, supplierId: w.supplier.id }))),
    ).toEqual([...MAIN, ...EAST]);
    expect(
      serials(await records(await download(s, '/export/serials.csv', { ...all, customerId: w.customer.id }))),
    ).toEqual(['exp-00001']);
    expect(
      serials(
        await records(
          await download(s, '/export/serials.csv', {
            ...all,
            numberFrom: 'exp-00005',
            numberTo: 'exp-00011',
          }),
        ),
      ),
    ).toEqual(['exp-00005', 'exp-00006', 'exp-00011']);
    expect(
      serials(
        await records(
          await download(s, '/export/serials.csv', {
            ...all,
            receivedFrom: '2000-01-01T00:00:00Z',
            receivedBefore: '2001-01-01T00:00:00Z',
          }),
        ),
      ),
    ).toEqual([]);
  });

  it("never shows another organization's units, and theirs never shows ours", async () => {
    const ours = serials(
      await records(await download(s, '/export/serials.csv', { includeOutOfStorage: 'true' })),
    );
    expect(ours).not.toContain('foreign-1');
    expect(ours.filter((n) => n === 'exp-00001')).toHaveLength(1);
    const theirs = serials(
      await records(await download(s, '/export/serials.csv', { includeOutOfStorage: 'true' }, otherKey)),
    );
    expect(theirs).toEqual(['exp-00001', 'foreign-1']);
    // Our receipt through their key is not found either.
    const res = await download(s, `/export/documents/${receiptId}/units.csv`, {}, otherKey);
    expect(res.status).toBe(404);
    expect((await jsonOf(res)).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses what it cannot export as JSON errors: no key, unknown parameter, bad status, bad date', async () => {
    const noKey = await download(s, '/export/serials.csv', {}, null);
    expect(noKey.status).toBe(401);
    expect((await jsonOf(noKey)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    for (const [query, field] of [
      [{ warehouse: 'MAIN' }, 'warehouse'],
      [{ statuses: 'LOST' }, 'statuses'],
      [{ receivedFrom: 'yesterday' }, 'receivedFrom'],
      [{ search: 'a\u0000b' }, 'search'],
      [{ includeOutOfStorage: 'maybe' }, 'includeOutOfStorage'],
    ] as const) {
      const res = await download(s, '/export/serials.csv', query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const body = await jsonOf(res);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownProduct = await download(s, '/export/serials.csv', { productId: 'nope' });
    expect(unknownProduct.status).toBe(404);
  });
});

describe('GET /export/documents/<id>/units.csv', () => {
  it('streams the units a document moved, line by line, with where each is now', async () => {
    const res = await download(s, `/export/documents/${receiptId}/units.csv`);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="RCV-000001-units.csv"');
    const rows = await records(res);
    expect(serials(rows)).toEqual(MAIN);
    expect(rows[0]).toMatchObject({
      document: 'RCV-000001',
      line: '1',
      sku: 'HT-100',
      movement: 'RECEIVED',
      toStatus: 'IN_STOCK',
      toWarehouse: 'MAIN',
      unitCost: '100',
      statusNow: 'SHIPPED',
      warehouseNow: '',
    });
    expect(rows[1]).toMatchObject({ statusNow: 'IN_STOCK', warehouseNow: 'MAIN' });
  });

  it('answers 404 for an id that names nothing', async () => {
    for (const id of [unknownId('Document'), 'garbage', w.main.id]) {
      const res = await download(s, `/export/documents/${id}/units.csv`);
      expect(res.status, id).toBe(404);
      expect((await jsonOf(res)).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });
});
