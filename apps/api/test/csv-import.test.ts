import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, receive, seedWorld, serialByNumber, writeCounts, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

/** A JSON response body, untyped (tests read fields by name). */
const jsonOf = (res: Response): Promise<any> => res.json();

let s: TestServer;
let w: World;

beforeAll(async () => {
  s = await startTestServer({ csv: { maxImportBytes: 4096 } });
  w = await seedWorld(s);
  ok(await receive(s, w, ['taken-1']));
  ok(
    await s.gql(
      `mutation { createProduct(input: { sku: "LTP-9", name: "Laptop", trackingMode: SERIAL, serialFormat: "LTP-[0-9]{4}" }) { id } }`,
    ),
  );
});
afterAll(() => s?.close());

/** POST /import/receipt with a CSV body; `query` adds parameters (dryRun, mapping, supplierId…). */
function importCsv(
  csv: string,
  query: Record<string, string> = {},
  init: { key?: string | null; type?: string; accept?: string } = {},
) {
  const key = init.key === undefined ? s.keys.clerk : init.key;
  const params = new URLSearchParams(query);
  return fetch(`${s.url}/import/receipt${params.size ? `?${params}` : ''}`, {
    method: 'POST',
    headers: {
      'content-type': init.type ?? 'text/csv',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.accept ? { accept: init.accept } : {}),
    },
    body: csv,
  });
}

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('POST /import/receipt?dryRun=true', () => {
  it("reports every row's verdict, the serial checks' and the file's own, and writes nothing", async () => {
    const before = await writeCounts(s);
    const res = await importCsv(
      csv(
        'sku,serial,warehouse,unitCost,internalCode',
        'HT-100,new-1,MAIN,10.50,TAG-1',
        'ht-100,NEW-1,main,10.50,', // the same unit again (letter case ignored)
        'HT-100,taken-1,MAIN,,',
        'HT-100,bad serial,MAIN,,',
        'NOPE-1,x-1,MAIN,,',
        'HT-100,new-2,NOWHERE,,',
        'HT-100,new-3,EAST,-4,',
        'HT-100,new-4,EAST,,tag-1',
        'CBL-USB,cable-1,MAIN,,',
        'LTP-9,LTP-12,EAST,,',
        'LTP-9,LTP-1234,EAST,999.99,',
      ),
      { dryRun: 'true' },
    );
    expect(res.status).toBe(200);
    const report = await jsonOf(res);
    expect(report.verdicts.map((v: { line: number; verdict: string }) => [v.line, v.verdict])).toEqual([
      [2, 'OK'],
      [3, 'DUPLICATE_IN_INPUT'],
      [4, 'ALREADY_EXISTS'],
      [5, 'INVALID_FORMAT'],
      [6, 'UNKNOWN_PRODUCT'],
      [7, 'UNKNOWN_WAREHOUSE'],
      [8, 'INVALID_UNIT_COST'],
      [9, 'INTERNAL_CODE_EXISTS'],
      [10, 'NOT_SERIAL_TRACKED'],
      [11, 'INVALID_FORMAT'],
      [12, 'OK'],
    ]);
    expect(report).toMatchObject({ dryRun: true, rows: 11, okRows: 2, refusedRows: 9 });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.verdicts[2]).toMatchObject({
      serial: 'taken-1',
      message: expect.stringMatching(/already recorded/),
    });
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('POST /import/receipt', () => {
  const file = csv(
    'Article;S/N;Store;Cost;Tag;Comment',
    'HT-100;imp-1;MAIN;12.00;A-1;first',
    'HT-100;imp-2;EAST;12.00;;',
    'HT-100;imp-3;MAIN;13.00;;',
    'LTP-9;LTP-0001;EAST;;A-2;',
  );
  const mapping = {
    skuColumn: 'Article',
    serialColumn: 'S/N',
    warehouseColumn: 'Store',
    unitCostColumn: 'Cost',
    internalCodeColumn: 'Tag',
  };
  let first: { documents: { id: string; number: string; warehouse: string; units: number }[] };

  it('posts one receipt per warehouse, with the header mapped, costs and internal codes', async () => {
    // Semicolons are not the delimiter: the whole header is one column and "Article" is missing.
    const bad = await importCsv(file, mapping);
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors[0].message).toMatch(/no "Article" column/);
    const res = await importCsv(file.replaceAll(';', ','), { ...mapping, supplierId: w.supplier.id });
    const body = await jsonOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    first = body;
    expect(body).toMatchObject({ replayed: false, rows: 4 });
    expect(
      body.documents.map((d: { number: string; warehouse: string; units: number }) => [
        d.number,
        d.warehouse,
        d.units,
      ]),
    ).toEqual([
      ['RCV-000002', 'MAIN', 2],
      ['RCV-000003', 'EAST', 2],
    ]);
    const unit = await serialByNumber(s, 'imp-1');
    expect(unit).toMatchObject({
      status: 'IN_STOCK',
      warehouse: { code: 'MAIN' },
      unitCost: '12.00',
      supplier: { name: 'Handheld Supply Co' },
      receivedIn: { number: 'RCV-000002' },
    });
    expect((await serialByNumber(s, 'A-2')).number).toBe('LTP-0001');
    const history = ok(
      await s.gql(
        `query($id: ID!) { node(id: $id) { ... on Document { lines { quantity unitCost } actor } } }`,
        {
          id: body.documents[0].id,
        },
      ),
    );
    expect(history.node).toEqual({
      lines: [
        { quantity: 1, unitCost: '12.00' },
        { quantity: 1, unitCost: '13.00' },
      ],
      actor: 'clerk-key',
    });
  });

  it('answers the same file again with the same documents, writing nothing', async () => {
    const before = await writeCounts(s);
    const res = await importCsv(file.replaceAll(';', ','), { ...mapping, supplierId: w.supplier.id });
    const body = await jsonOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.replayed).toBe(true);
    expect(body.documents).toEqual(first.documents);
    expect(await writeCounts(s)).toEqual(before);
    // A dry run of it says where it went.
    const dry = await jsonOf(await importCsv(file.replaceAll(';', ','), { ...mapping, dryRun: 'true' }));
    expect(dry.importedAs).toEqual(['RCV-000002', 'RCV-000003']);
  });

  it('refuses the same file with another supplier as IDEMPOTENCY_CONFLICT, writing nothing', async () => {
    const before = await writeCounts(s);
    const res = await importCsv(file.replaceAll(';', ','), mapping);
    expect(res.status).toBe(400);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(error.message).toContain('RCV-000002');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('refuses a file with one bad row whole: IMPORT_REFUSED naming every bad row, nothing written', async () => {
    const before = await writeCounts(s);
    const res = await importCsv(
      csv(
        'sku,serial,warehouse',
        'HT-100,fresh-1,MAIN',
        'HT-100,imp-1,EAST',
        'HT-100,fresh-2,EAST',
        'HT-100,a b,MAIN',
      ),
    );
    expect(res.status).toBe(400);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions.code).toBe('IMPORT_REFUSED');
    expect(error.extensions.serials).toEqual(['imp-1', 'a b']);
    expect(error.message).toContain('2 of 4 rows');
    expect(
      error.extensions.verdicts.map((v: { line: number; verdict: string }) => [v.line, v.verdict]),
    ).toEqual([
      [3, 'ALREADY_EXISTS'],
      [5, 'INVALID_FORMAT'],
    ]);
    expect(await writeCounts(s)).toEqual(before);
  });

  it('reports progress as NDJSON lines when asked, ending with the result', async () => {
    const res = await importCsv(
      csv('sku,serial,warehouse', 'HT-100,nd-1,MAIN'),
      {},
      { accept: 'application/x-ndjson' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const phases = lines.filter((l) => l.type === 'progress').map((l) => l.phase);
    expect(phases[0]).toBe('reading');
    expect(phases).toContain('checking');
    expect(phases).toContain('posting');
    const last = lines.at(-1);
    expect(last).toMatchObject({ type: 'result', status: 200, replayed: false, rows: 1 });
    expect(lines.find((l) => l.phase === 'checking')).toMatchObject({ rows: 1, bytes: 40 });
  });

  it('refuses, writing nothing: no key, a viewer, not CSV, too large, malformed, no rows, a missing column', async () => {
    const before = await writeCounts(s);
    const one = csv('sku,serial,warehouse', 'HT-100,never-1,MAIN');
    const cases: [Promise<Response>, number, string, RegExp?][] = [
      [importCsv(one, {}, { key: null }), 401, 'UNAUTHENTICATED'],
      [importCsv(one, {}, { key: s.keys.viewer }), 403, 'FORBIDDEN'],
      [importCsv(one, {}, { type: 'application/json' }), 415, 'UNSUPPORTED_MEDIA_TYPE', /text\/csv/],
      [importCsv(one + 'x'.repeat(5000)), 413, 'PAYLOAD_TOO_LARGE', /4096 bytes/],
      [importCsv('sku,serial,warehouse\r\n"HT-100,x,MAIN\r\n'), 400, 'BAD_USER_INPUT', /not valid CSV/],
      [importCsv('sku,serial,warehouse\r\n'), 400, 'BAD_USER_INPUT', /no rows/],
      [importCsv(csv('sku,number', 'HT-100,x')), 400, 'BAD_USER_INPUT', /no warehouse column/],
      [importCsv(one, { warehouse: 'MAIN' }), 400, 'BAD_USER_INPUT', /Unknown import parameter/],
    ];
    for (const [request, status, code, message] of cases) {
      const res = await request;
      const body = await jsonOf(res);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(body.errors[0].extensions.code).toBe(code);
      if (message) expect(body.errors[0].message).toMatch(message);
    }
    expect(await writeCounts(s)).toEqual(before);
  });

  it('stops reading an upload without a length at the size limit (413), writing nothing', async () => {
    const before = await writeCounts(s);
    const chunk = new TextEncoder().encode(`HT-100,${'s'.repeat(50)},MAIN\r\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('sku,serial,warehouse\r\n'));
      },
      pull(c) {
        // Far past the limit, unless the server stops reading first.
        if ((sent += chunk.length) > 1_000_000) c.close();
        else c.enqueue(chunk);
      },
    });
    const res = await fetch(`${s.url}/import/receipt`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${s.keys.clerk}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 4096 });
    expect(error.message).toMatch(/SERIALGRAPH_MAX_IMPORT_BYTES/);
    expect(await writeCounts(s)).toEqual(before);
  });
});
