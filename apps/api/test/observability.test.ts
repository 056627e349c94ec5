import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { hashKey } from '../src/modules/auth/auth.service';
import { captureLogs } from './support/log-capture';
import { ok, receive, seedWorld, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// Request logs and /metrics over real HTTP against a real server and database.

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
let s: TestServer;
let w: World;
let organizationId: string;
const logs = captureLogs('debug');

beforeAll(async () => {
  s = await startTestServer({ logger: logs.logger, metrics: { token: METRICS_TOKEN, port: 0 } });
  w = await seedWorld(s);
  [{ id: organizationId }] = (await s.sql<{ id: string }>(
    `select id from organization where name = 'acme'`,
  )) as [{ id: string }];
});
afterAll(async () => {
  await s?.close();
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.keys.admin}`, ...headers },
    body: JSON.stringify(body),
  });
}

/** The request line of `requestId` (written when the response has ended, so it may trail it a little). */
async function requestLine(requestId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const line = logs.entries().find((e) => e.requestId === requestId && e.msg === 'request');
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line for request ${requestId}`);
}

async function scrape(headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) {
  return fetch(`${s.url}/metrics`, { headers });
}

/** The value of one sample, e.g. `serialgraph_graphql_requests_total{operation="warehouses",code="OK"}`. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('the request id', () => {
  it('is the caller’s x-request-id when it is a sane token, echoed in the response', async () => {
    const id = 'client-req.42_A';
    const res = await post({ query: '{ warehouses { code } }' }, { 'x-request-id': id });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces and quotes', 'abc "def" ghi'],
    ['with a fake JSON field', 'x","level":"fatal'],
    ['empty', ''],
  ])('is made anew when the caller’s is %s', async (_, given) => {
    const res = await post({ query: '{ warehouses { code } }' }, { 'x-request-id': given });
    const echoed = res.headers.get('x-request-id');
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed).not.toBe(given);
    expect(logs.lines.join('\n')).not.toContain('"level":"fatal');
  });

  it('is made when none is sent, and answers refusals made before GraphQL too', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ warehouses { code } }"}',
    });
    expect(res.status).toBe(401);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await requestLine(id);
    expect(line).toMatchObject({ status: 401, outcome: 'UNAUTHENTICATED', path: '/graphql' });
  });
});

describe('a request’s log line', () => {
  it('has the request id, organization, operation, duration and outcome, and no key or variable value', async () => {
    const serials = ['LOGSECRET-VALUE-001', 'LOGSECRET-VALUE-002', 'LOGSECRET-VALUE-003'];
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${s.keys.clerk}`,
        'x-request-id': 'receive-1',
      },
      body: JSON.stringify({
        query: `mutation ReceiveThree($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
        operationName: 'ReceiveThree',
        variables: {
          input: {
            warehouseId: w.main.id,
            supplierId: w.supplier.id,
            note: 'a note that must stay out of the log',
            lines: [{ productId: w.terminal.id, quantity: 3, serials, unitCost: '100.00' }],
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    const line = await requestLine('receive-1');
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'receive-1',
      method: 'POST',
      path: '/graphql',
      status: 200,
      outcome: 'OK',
      organizationId,
      operationType: 'mutation',
      operationName: 'ReceiveThree',
      operation: 'receiveStock',
      serials: 3,
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.durationMs as number).toBeGreaterThan(0);
    const text = logs.lines.join('\n');
    for (const key of Object.values(s.keys)) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(hashKey(key));
    }
    expect(text).not.toContain('LOGSECRET');
    expect(text).not.toContain('must stay out');
    expect(text).not.toMatch(/authorization|bearer/i);
  });

  it('counts a posting’s serials when the mutation is spread from a fragment', async () => {
    const res = await post(
      {
        query: `mutation Spread($input: ReceiveStockInput!) { ...Receive }
          fragment Receive on Mutation { received: receiveStock(input: $input) { number } }`,
        variables: {
          input: {
            warehouseId: w.main.id,
            supplierId: w.supplier.id,
            lines: [
              { productId: w.terminal.id, quantity: 2, serials: ['FRAG-1', 'FRAG-2'], unitCost: '1.00' },
            ],
          },
        },
      },
      { 'x-request-id': 'receive-fragment' },
    );
    expect(res.status).toBe(200);
    expect(await requestLine('receive-fragment')).toMatchObject({ operation: 'receiveStock', serials: 2 });
  });

  it('carries the refusal’s code as its outcome', async () => {
    const res = await post(
      {
        query: 'query Lookup($n: String!) { lookupSerial(number: $n) { number } }',
        variables: { n: 'NOPE-404\u0007' }, // a control character: refused as BAD_USER_INPUT
      },
      { 'x-request-id': 'lookup-missing' },
    );
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const line = await requestLine('lookup-missing');
    expect(line).toMatchObject({
      outcome: 'BAD_USER_INPUT',
      operation: 'lookupSerial',
      operationName: 'Lookup',
    });
    expect(JSON.stringify(line)).not.toContain('NOPE-404');
  });

  it('is at debug level for health probes, with no query string', async () => {
    const res = await fetch(`${s.url}/healthz?token=abc`, { headers: { 'x-request-id': 'probe-1' } });
    expect(res.status).toBe(200);
    expect(await requestLine('probe-1')).toMatchObject({ level: 'debug', path: '/healthz', status: 200 });
    expect(logs.lines.join('\n')).not.toContain('token=abc');
  });
});

describe('/metrics', () => {
  it('is the same 404 as any unknown path without the token, or with a wrong one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: s.keys.admin },
    ]) {
      const res = await scrape(headers);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('serialgraph_');
    }
  });

  it('counts requests by operation and code, postings by size and duration, the pool and the event loop', async () => {
    const before = await (await scrape()).text();
    for (let i = 0; i < 3; i++) ok(await s.gql('{ warehouses { code } }'));
    ok(await receive(s, w, ['MET-1', 'MET-2', 'MET-3', 'MET-4', 'MET-5']));
    await s.gql('{ warehouses { code } }', undefined, null); // 401
    await new Promise((r) => setTimeout(r, 50)); // the last request is counted when its response has ended
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const delta = (name: string, labels: string) => sample(text, name, labels) - sample(before, name, labels);
    expect(delta('serialgraph_graphql_requests_total', 'operation="warehouses",code="OK"')).toBe(3);
    expect(delta('serialgraph_graphql_requests_total', 'operation="receiveStock",code="OK"')).toBe(1);
    expect(delta('serialgraph_graphql_requests_total', 'operation="none",code="UNAUTHENTICATED"')).toBe(1);
    expect(delta('serialgraph_posting_serials_count', 'mutation="receiveStock"')).toBe(1);
    expect(delta('serialgraph_posting_serials_sum', 'mutation="receiveStock"')).toBe(5);
    expect(delta('serialgraph_posting_duration_seconds_count', 'mutation="receiveStock",code="OK"')).toBe(1);
    expect(text).toMatch(
      /^serialgraph_graphql_request_duration_seconds_bucket\{le="0\.1",operation="warehouses"\} \d+/m,
    );
    for (const state of ['used', 'free', 'pending_acquire', 'pending_create'])
      expect(text).toMatch(new RegExp(`^serialgraph_db_pool_connections\\{state="${state}"\\} \\d+`, 'm'));
    expect(Number(/^serialgraph_db_pool_max (\d+)/m.exec(text)?.[1])).toBe(20);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    // No tenant in the labels.
    expect(text).not.toContain(organizationId);
    expect(text).not.toContain('MET-1');
  });

  it('is served without a token on the metrics port, and nothing else is', async () => {
    const base = `http://127.0.0.1:${s.app.metricsPort}`;
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('serialgraph_graphql_requests_total');
    expect((await fetch(`${base}/graphql`)).status).toBe(404);
  });
});

describe('the settings', () => {
  it('refuse an unknown LOG_LEVEL, a short metrics token and a bad metrics port', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of .*info/);
    expect(() => readConfig({ SERIALGRAPH_METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => readConfig({ SERIALGRAPH_METRICS_PORT: 'http' })).toThrow(/SERIALGRAPH_METRICS_PORT/);
    expect(() => readConfig({ SERIALGRAPH_METRICS_PORT: '65536' })).toThrow(
      /SERIALGRAPH_METRICS_PORT.*65535/,
    );
    expect(readConfig({ SERIALGRAPH_METRICS_PORT: '9464' }).metrics.port).toBe(9464);
    expect(readConfig({})).toMatchObject({
      logLevel: 'info',
      metrics: { token: undefined, port: undefined },
    });
    expect(readConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
  });
});
