import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { seedWorld, writeCounts, type World } from '../support/fixtures';
import { expectGraphQLError, expectNothingLeaked } from '../support/leaks';
import { answerBeforeUploadEnds, rawRequest } from '../support/raw-http';

// The HTTP edge in front of GraphQL: what a hostile or clumsy client gets for bodies that are not
// JSON, too large, of the wrong type, or sent without a key. Always a JSON GraphQL error, never an
// HTML page, stack trace or file path; nothing written; no key needed to be refused cheaply.

const SMALL_LIMIT = 64 * 1024;
let s: TestServer; // default settings, and a route of its own added through the `extend` hook
let small: TestServer; // SERIALGRAPH_MAX_BODY_BYTES = 64 KiB
let w: World;

beforeAll(async () => {
  [s, small] = await Promise.all([
    startTestServer({
      extend: (app) => {
        app.get('/extended', (_req, res) => void res.send('served by the host'));
        app.get('/extended/fails', () => {
          throw new Error('select secret from somewhere where x = 1');
        });
      },
    }),
    startTestServer({ maxBodyBytes: SMALL_LIMIT }),
  ]);
  w = await seedWorld(small);
});
afterAll(async () => {
  await Promise.all([s?.close(), small?.close()]);
});

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const createWarehouse = JSON.stringify({
  query: 'mutation { createWarehouse(input: { code: "EDGE", name: "Edge" }) { id } }',
});
const warehouseCount = async (server: TestServer) =>
  (await server.sql<{ n: number }>('select count(*)::int as n from warehouse'))[0]!.n;

describe('malformed JSON', () => {
  it('answers 400 BAD_REQUEST as a JSON GraphQL error, without an HTML page or stack trace', async () => {
    for (const body of ['{"query": "{ warehouses { id } }"', '{oops}', '"', '{"query":"{ __typename }"}}']) {
      const res = await rawRequest(`${s.url}/graphql`, {
        headers: { 'content-type': 'application/json', ...auth(s.keys.admin) },
        body,
      });
      const error = expectGraphQLError(res, 400, 'BAD_REQUEST');
      expect(error.message).toMatch(/not valid JSON/i);
      expectNothingLeaked(res.text, [s.keys.admin]);
    }
  });
});

describe('content type', () => {
  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a POST that is not application/json, and writes nothing', async () => {
    const before = await warehouseCount(s);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const res = await rawRequest(`${s.url}/graphql`, {
        headers: { 'content-type': type, ...auth(s.keys.admin) },
        body: createWarehouse,
      });
      const error = expectGraphQLError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(error.message).toContain('application/json');
      expectNothingLeaked(res.text, [s.keys.admin]);
    }
    expect(await warehouseCount(s)).toBe(before);
  });

  it('answers 415 for a POST without a content type', async () => {
    const res = await rawRequest(`${s.url}/graphql`, {
      headers: auth(s.keys.admin),
      body: Buffer.from(createWarehouse),
    });
    expectGraphQLError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('body size', () => {
  it('answers 413 PAYLOAD_TOO_LARGE naming the limit, for a declared and for a chunked body, and writes nothing', async () => {
    const before = await writeCounts(small);
    const serials = Array.from({ length: 5_000 }, (_, i) => `BIG-${String(i).padStart(8, '0')}`);
    const body = JSON.stringify({
      query: `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`,
      variables: {
        input: {
          warehouseId: w.main.id,
          supplierId: w.supplier.id,
          lines: [{ productId: w.terminal.id, quantity: serials.length, serials }],
        },
      },
    });
    expect(body.length).toBeGreaterThan(SMALL_LIMIT);
    const declared = await rawRequest(`${small.url}/graphql`, {
      headers: { 'content-type': 'application/json', ...auth(small.keys.admin) },
      body,
    });
    const error = expectGraphQLError(declared, 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toContain(String(SMALL_LIMIT));
    expectNothingLeaked(declared.text, [small.keys.admin]);

    // No Content-Length: the limit applies while reading.
    const chunked = await fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(small.keys.admin) },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expectGraphQLError(
      {
        status: chunked.status,
        contentType: chunked.headers.get('content-type'),
        text: await chunked.text(),
      },
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(await writeCounts(small)).toEqual(before);
  });

  it('refuses an announced oversized body before it is uploaded', async () => {
    const res = await answerBeforeUploadEnds(
      `${small.url}/graphql`,
      auth(small.keys.admin),
      49 * 1024 * 1024,
    );
    expectGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('by default accepts the body of a 100,000-serial document (64-character serials)', async () => {
    const serials = Array.from({ length: 100_000 }, (_, i) =>
      `${String(i).padStart(6, '0')}`.padEnd(64, 'S'),
    );
    const body = JSON.stringify({ query: '{ __typename }', variables: { serials } });
    expect(body.length).toBeGreaterThan(6_500_000);
    const res = await rawRequest(`${s.url}/graphql`, {
      headers: { 'content-type': 'application/json', ...auth(s.keys.admin) },
      body,
    });
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('authentication comes before the body', () => {
  it('answers 401 to a 49 MB upload with an unknown key, 413 without any (a public lookup is a few KB), before the body arrives', async () => {
    for (const headers of [auth('sg_not_a_key'), { authorization: 'Basic abc' }]) {
      const res = await answerBeforeUploadEnds(`${s.url}/graphql`, headers, 49 * 1024 * 1024);
      expectGraphQLError(res, 401, 'UNAUTHENTICATED');
      expectNothingLeaked(res.text);
    }
    const res = await answerBeforeUploadEnds(`${s.url}/graphql`, {}, 49 * 1024 * 1024);
    expectGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE');
    expectNothingLeaked(res.text);
  });

  it('answers 401 (not 400) to malformed bodies without a key, 413 to oversized ones', async () => {
    const malformed = await rawRequest(`${small.url}/graphql`, {
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expectGraphQLError(malformed, 401, 'UNAUTHENTICATED');
    const large = await rawRequest(`${small.url}/graphql`, {
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(SMALL_LIMIT * 2),
    });
    expectGraphQLError(large, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('paths and methods', () => {
  it('answers unknown paths with a JSON 404, not an HTML page', async () => {
    for (const [method, path] of [
      ['GET', '/graphqlx'],
      ['POST', '/graphql-nope'],
      ['GET', '/nothing/here'],
      ['DELETE', '/healthz'],
    ] as const) {
      const res = await rawRequest(`${s.url}${path}`, { method, headers: auth(s.keys.admin) });
      expectGraphQLError(res, 404, 'NOT_FOUND');
      expectNothingLeaked(res.text, [s.keys.admin]);
    }
  });

  it('answers a malformed URL with a JSON 400, not an HTML page', async () => {
    const res = await rawRequest(`${s.url}/%E0%A4%A`, { method: 'GET' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectNothingLeaked(res.text);
  });
});

describe('what must keep working', () => {
  it('serves routes a host adds through `extend` (the demo’s static app), with JSON errors', async () => {
    const page = await rawRequest(`${s.url}/extended`, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.text).toBe('served by the host');
    const failed = await rawRequest(`${s.url}/extended/fails`, { method: 'GET' });
    const error = expectGraphQLError(failed, 500, 'INTERNAL_SERVER_ERROR');
    expect((error as { extensions?: { errorId?: string } }).extensions?.errorId).toBeTruthy();
    expectNothingLeaked(failed.text);
    expect(failed.text).not.toContain('secret');
  });

  it('serves the landing page at GET /graphql to a browser, without a key', async () => {
    const res = await rawRequest(`${s.url}/graphql`, { method: 'GET', headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/html/);
  });

  it('keeps Apollo’s CSRF prevention: a GET query without a preflight header is blocked', async () => {
    const url = `${s.url}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const blocked = await rawRequest(url, { method: 'GET', headers: auth(s.keys.admin) });
    expect(blocked.status).toBe(400);
    expect(blocked.text).toMatch(/Cross-Site Request Forgery/);
    const allowed = await rawRequest(url, {
      method: 'GET',
      headers: { ...auth(s.keys.admin), 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
    expect(JSON.parse(allowed.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a GET query without a key with 401', async () => {
    const res = await rawRequest(`${s.url}/graphql?query=${encodeURIComponent('{ warehouses { id } }')}`, {
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expectGraphQLError(res, 401, 'UNAUTHENTICATED');
  });

  it('answers CORS preflight requests', async () => {
    const res = await rawRequest(`${s.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
