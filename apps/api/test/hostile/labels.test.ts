import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, range, receive, seedWorld, unknownId, writeCounts, type World } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

// Refusals of /labels: each is the JSON error a GraphQL client reads, names what to fix, and writes nothing.
let s: TestServer;
let w: World;
let bigReceiptId: string;
const LIMIT = 500;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  bigReceiptId = ok(await receive(s, w, range('bulk-', 1, LIMIT + 1))).receiveStock.id;
});
afterAll(() => s?.close());

interface ErrorBody {
  errors: { message: string; extensions: { code: string; [k: string]: unknown } }[];
}

function get(query: Record<string, string | string[]>, key: string | null = s.keys.admin, server = s) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return fetch(`${server.url}/labels?${params}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

function post(body: unknown, key: string | null = s.keys.admin, server = s) {
  return fetch(`${server.url}/labels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** The refusal's status and first error; also checks it tells nothing of the server's insides. */
async function refusal(res: Response) {
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at |\.ts:\d|node_modules|\bselect\b[^"]*\bfrom\b|SQLSTATE/i);
  for (const key of Object.values(s.keys)) expect(text).not.toContain(key);
  const error = (JSON.parse(text) as ErrorBody).errors[0]!;
  return {
    status: res.status,
    code: error.extensions.code,
    message: error.message,
    extensions: error.extensions,
  };
}

describe('/labels refuses', () => {
  it('a request without a valid key: 401, before anything is read', async () => {
    expect(await refusal(await get({ documentId: bigReceiptId }, null))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(await refusal(await get({ documentId: bigReceiptId }, 'not-a-key'))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(await refusal(await post({ documentId: bigReceiptId }, null))).toMatchObject({ status: 401 });
  });

  it('an unknown or malformed document id: 404 NOT_FOUND', async () => {
    for (const documentId of [unknownId('Document'), 'garbage', unknownId('Product')]) {
      const r = await refusal(await get({ documentId }));
      expect(r).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('unknown serial ids, naming every one', async () => {
    const missing = [unknownId('Serial'), 'not-an-id'];
    const r = await refusal(await get({ serialIds: missing.join(',') }));
    expect(r).toMatchObject({ status: 404, code: 'NOT_FOUND', extensions: { ids: missing } });
    for (const id of missing) expect(r.message).toContain(id);
  });

  it('more labels than one request prints, from a list or from a document, naming the limit', async () => {
    const numbers = range('many-', 1, LIMIT + 1);
    const fromList = await refusal(await post({ productId: w.terminal.id, numbers }));
    expect(fromList).toMatchObject({ status: 400, code: 'TOO_MANY_LABELS', extensions: { limit: LIMIT } });
    expect(fromList.message).toContain(`at most ${LIMIT} labels`);
    expect(fromList.message).toContain(String(LIMIT + 1));
    const fromDocument = await refusal(await get({ documentId: bigReceiptId, format: 'pdf' }));
    expect(fromDocument).toMatchObject({
      status: 400,
      code: 'TOO_MANY_LABELS',
      extensions: { limit: LIMIT },
    });
    expect(fromDocument.message).toContain(`at most ${LIMIT} labels`);
  });

  it('exactly the limit is printed', async () => {
    const res = await post({ productId: w.terminal.id, numbers: range('many-', 1, LIMIT), sheet: 'a4' });
    expect(res.status).toBe(200);
    expect((await res.text()).match(/data-barcode=/g)).toHaveLength(LIMIT);
  });

  it('parameters it does not know, or values outside their choices, naming the field', async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ documentId: bigReceiptId, symbology: 'ean13' }, 'symbology'],
      [{ documentId: bigReceiptId, sheet: 'letter' }, 'sheet'],
      [{ documentId: bigReceiptId, format: 'png' }, 'format'],
      [{ documentId: bigReceiptId, color: 'red' }, 'color'],
      [{ documentId: bigReceiptId, serialIds: unknownId('Serial') }, 'documentId,serialIds'],
      [{ numbers: 'A-1' }, 'productId'],
      [{ productId: w.terminal.id, numbers: 'A-1,,B-2' }, 'numbers'],
    ];
    for (const [query, field] of cases) {
      const r = await refusal(await get(query));
      expect(r, JSON.stringify(query)).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
        extensions: { field },
      });
      expect(r.message).toContain(field.split(',')[0]);
    }
    expect(await refusal(await post(['documentId']))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await refusal(await post({ productId: w.terminal.id, numbers: [1, 2] }))).toMatchObject({
      status: 400,
      extensions: { field: 'numbers' },
    });
  });

  it('numbers that are not valid serials, naming every one', async () => {
    const r = await refusal(
      await post({ productId: w.terminal.id, numbers: ['ok-1', 'has space', 'x'.repeat(65)] }),
    );
    expect(r).toMatchObject({
      status: 400,
      code: 'INVALID_SERIAL_FORMAT',
      extensions: { serials: ['has space', 'x'.repeat(65)] },
    });
  });

  it('a serial Code 128 cannot carry, naming it and what to use instead', async () => {
    const r = await refusal(
      await get({ productId: w.terminal.id, numbers: 'Zähler-1', symbology: 'code128' }),
    );
    expect(r).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      extensions: { serials: ['Zähler-1'], field: 'symbology' },
    });
    expect(r.message).toMatch(/datamatrix or qr/);
  });

  it('methods other than GET and POST', async () => {
    const res = await fetch(`${s.url}/labels`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.keys.admin}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('and prints markup in a product name as text, never as markup', async () => {
    const product = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "XSS", name: "<script>x</script>&\\"co\\"", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    const res = await get({ productId: product.id, numbers: 'SAFE-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const svg = await res.text();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&#60;script&#62;x&#60;/script&#62;&#38;&#34;co&#34;');
  });

  it('and writes nothing, whatever it is asked', async () => {
    const before = await writeCounts(s);
    await get({ documentId: bigReceiptId });
    await get({ productId: w.terminal.id, numbers: 'NEVER-RECEIVED-1', format: 'pdf' });
    expect(await writeCounts(s)).toEqual(before);
  });
});

describe('/labels shares the request limits of /graphql', () => {
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer({ rateLimitPerMinute: 3, maxBodyBytes: 2000 });
  });
  afterAll(() => tight?.close());

  it('a body over the size limit: 413 before it is read', async () => {
    const r = await refusal(
      await post({ numbers: range('n-', 1, 200), productId: 'x' }, tight.keys.admin, tight),
    );
    expect(r).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(r.message).toContain('2000 bytes');
  });

  it('requests over the per-key rate: 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 4; i++)
      last = await get({ documentId: unknownId('Document') }, tight.keys.clerk, tight);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refusal(last!)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});
