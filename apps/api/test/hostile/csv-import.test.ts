import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, writeCounts } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** A JSON response body, untyped (tests read fields by name). */
const jsonOf = (res: Response): Promise<any> => res.json();

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  await seedWorld(s);
});
afterAll(() => s?.close());

function importCsv(body: string | Uint8Array, query = '') {
  return fetch(`${s.url}/import/receipt${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${s.keys.clerk}` },
    body,
  });
}

describe('hostile CSV imports', () => {
  it('refuses a file over 100,000 rows, naming the limit, and writes nothing', async () => {
    const before = await writeCounts(s);
    const rows = Array.from({ length: 100_001 }, (_, i) => `HT-100,r${i},MAIN`);
    const res = await importCsv(`sku,serial,warehouse\n${rows.join('\n')}\n`);
    expect(res.status).toBe(413);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxRows: 100_000 });
    expect(error.message).toContain('100000 rows');
    expect(await writeCounts(s)).toEqual(before);
  }, 60_000);

  it('refuses a record too large to be a row (a cell of 100 kB) as malformed CSV', async () => {
    const res = await importCsv(`sku,serial,warehouse\nHT-100,${'x'.repeat(100_000)},MAIN\n`);
    expect(res.status).toBe(400);
    const error = (await jsonOf(res)).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/not valid CSV/);
  });

  it('judges control characters, NUL bytes and blank serials row by row, and writes nothing', async () => {
    const before = await writeCounts(s);
    const res = await importCsv(
      'sku,serial,warehouse\nHT-100,"a\u0000b",MAIN\nHT-100,"x\ny",MAIN\nHT-100,,MAIN\n"HT-100\u0007",ok-1,MAIN\nHT-\u0000100,ok-2,MAIN\nHT-100,ok-3,"MA\u0000IN"\n',
      '?dryRun=true',
    );
    const body = await jsonOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual([
      'INVALID_FORMAT',
      'INVALID_FORMAT',
      'INVALID_FORMAT',
      'UNKNOWN_PRODUCT',
      'UNKNOWN_PRODUCT',
      'UNKNOWN_WAREHOUSE',
    ]);
    const posted = await importCsv('sku,serial,warehouse\nHT-100,"a\u0000b",MAIN\n');
    expect(posted.status).toBe(400);
    expect((await jsonOf(posted)).errors[0].extensions.code).toBe('IMPORT_REFUSED');
    expect(await writeCounts(s)).toEqual(before);
  });

  it('never echoes SQL, paths or stack traces, whatever the bytes', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const res = await importCsv(garbage);
    const text = await res.text();
    expect(res.status).toBeLessThan(500);
    expect(text).not.toMatch(/select |insert |\/src\/|node_modules|at [A-Za-z]+ \(/i);
  });
});
