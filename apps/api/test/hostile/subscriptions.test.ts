import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCounts } from '../support/fixtures';
import { expectNothingLeaked } from '../support/leaks';
import { rawSession, type RawOutcome } from '../support/subscriptions';
import { startTestServer, type TestServer } from '../support/test-server';

// The WebSocket endpoint for subscriptions, as a hostile caller sees it: no key, a bad key, queries
// and mutations smuggled over it, too many subscriptions or connections, oversized messages, floods.

let s: TestServer;
const LIMITS = { maxSubscriptionsPerConnection: 2, maxConnectionsPerKey: 2, maxMessageBytes: 2048 };

beforeAll(async () => {
  s = await startTestServer({ events: LIMITS, rateLimitPerMinute: 40 });
});
afterAll(() => s?.close());

const init = (key: string | null) => ({
  type: 'connection_init',
  payload: key ? { authorization: `Bearer ${key}` } : {},
});
const sub = (id: string, query: string, variables?: Record<string, unknown>) => ({
  type: 'subscribe',
  id,
  payload: { query, variables },
});
const DOCS = 'subscription { documentPosted { number } }';

function errorsOf(outcome: RawOutcome, id: string) {
  const message = outcome.messages.find((m) => m.type === 'error' && m.id === id);
  expect(message, JSON.stringify(outcome)).toBeDefined();
  return message!.payload as { message: string; extensions?: Record<string, unknown> }[];
}

describe('authentication', () => {
  it.each([
    ['no key', null],
    ['a wrong key', 'sg_not-a-key'],
    ['a key without Bearer', 'x'],
  ])('closes the connection (4403 Forbidden) for %s, acknowledging nothing', async (_what, key) => {
    const payload = key === 'x' ? { authorization: s.keys.admin } : init(key).payload;
    const outcome = await rawSession(s.url, [{ type: 'connection_init', payload }, sub('1', DOCS)]);
    expect(outcome.code).toBe(4403);
    expect(outcome.messages).toEqual([]);
    expectNothingLeaked(outcome.reason, [s.keys.admin]);
  });

  it('closes a connection that subscribes before connection_init (4401), answering nothing', async () => {
    const early = await rawSession(s.url, [sub('1', DOCS)]);
    expect(early.code).toBe(4401); // graphql-ws: Unauthorized (subscribe before connection_init)
    expect(early.messages).toEqual([]);
  });
});

describe('what may run over the WebSocket', () => {
  it('refuses queries and mutations (they go over HTTP, with its limits) and writes nothing', async () => {
    const before = await writeCounts(s);
    const [warehouses] = await s.sql<{ n: number }>(`select count(*)::int as n from warehouse`);
    const outcome = await rawSession(s.url, [
      init(s.keys.admin),
      sub('q', '{ warehouses { id } }'),
      sub('m', 'mutation { createWarehouse(input: { code: "WS", name: "Over WS" }) { id } }'),
    ]);
    for (const id of ['q', 'm']) {
      const [error] = errorsOf(outcome, id);
      expect(error!.extensions?.code).toBe('BAD_REQUEST');
      expect(error!.message).toMatch(/Only subscriptions are served over WebSocket.*POST \/graphql/);
    }
    expect(outcome.messages.filter((m) => m.type === 'next')).toEqual([]);
    expect(await writeCounts(s)).toEqual(before);
    expect(await s.sql(`select count(*)::int as n from warehouse`)).toEqual([warehouses]);
  });

  it('applies the query limits (depth) and reports invalid documents without internals', async () => {
    const deep = `subscription { documentPosted { basedOn { basedOn { basedOn { basedOn { basedOn { basedOn { basedOn { basedOn { basedOn { basedOn { number } } } } } } } } } } } }`;
    const outcome = await rawSession(s.url, [
      init(s.keys.admin),
      sub('deep', deep),
      sub('bad', 'subscription { nope }'),
      sub('garbage', '}}}'),
    ]);
    expect(errorsOf(outcome, 'deep')[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 10 },
    });
    expect(errorsOf(outcome, 'bad')[0]!.message).toMatch(/Cannot query field "nope"/);
    expect(errorsOf(outcome, 'garbage')[0]!.message).toMatch(/Syntax Error/);
    expectNothingLeaked(JSON.stringify(outcome.messages), [s.keys.admin]);
  });

  it('refuses a malformed productId of serialChanged as NOT_FOUND, naming it', async () => {
    const outcome = await rawSession(s.url, [
      init(s.keys.viewer),
      sub('p', 'subscription($p: ID) { serialChanged(productId: $p) { number } }', { p: 'not-an-id' }),
    ]);
    const message = outcome.messages.find((m) => m.id === 'p' && (m.type === 'next' || m.type === 'error'));
    const errors = (message?.type === 'next' ? message.payload.errors : message?.payload) as {
      message: string;
      extensions?: { code?: string };
    }[];
    expect(errors[0]!.extensions?.code).toBe('NOT_FOUND');
    expect(errors[0]!.message).toContain('not-an-id');
    expectNothingLeaked(JSON.stringify(outcome.messages));
  });
});

describe('over HTTP', () => {
  it('refuses a subscription sent as an HTTP request, without internals', async () => {
    const res = await s.gql(DOCS, {}, s.keys.viewer);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expectNothingLeaked(JSON.stringify(res), [s.keys.viewer]);
  });
});

describe('limits', () => {
  it(`holds at most ${LIMITS.maxSubscriptionsPerConnection} subscriptions per connection (TOO_MANY_SUBSCRIPTIONS naming the limit)`, async () => {
    const outcome = await rawSession(s.url, [
      init(s.keys.viewer),
      sub('1', DOCS),
      sub('2', DOCS),
      sub('3', DOCS),
    ]);
    const [error] = errorsOf(outcome, '3');
    expect(error!.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 2 });
    expect(error!.message).toContain('the limit is 2');
    expect(outcome.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['3']);
  });

  it(`lets one key hold at most ${LIMITS.maxConnectionsPerKey} connections (4429 naming the limit)`, async () => {
    const key = await s.newOrganization('many-connections');
    const held = [
      rawSession(s.url, [init(key)], { waitMs: 1500 }),
      rawSession(s.url, [init(key)], { waitMs: 1500 }),
    ];
    await new Promise((r) => setTimeout(r, 400));
    const third = await rawSession(s.url, [init(key)], { waitMs: 1000 });
    expect(third.code).toBe(4429);
    expect(third.reason).toContain('the limit is 2');
    expect(third.messages).toEqual([]);
    const first = await held[0]!;
    expect(first.messages.map((m) => m.type)).toEqual(['connection_ack']);
    await held[1];
    // Closed connections free their places.
    const again = await rawSession(s.url, [init(key)], { waitMs: 300 });
    expect(again.messages.map((m) => m.type)).toEqual(['connection_ack']);
  });

  it(`closes the connection on a message over ${LIMITS.maxMessageBytes} bytes (1009)`, async () => {
    const big = sub('big', `subscription { documentPosted { number } } # ${'x'.repeat(4000)}`);
    const outcome = await rawSession(s.url, [init(s.keys.viewer), big]);
    expect(outcome.code).toBe(1009);
    expect(outcome.messages.map((m) => m.type)).toEqual(['connection_ack']);
  });

  it('counts connections and subscriptions against the key’s rate limit (RATE_LIMITED naming it)', async () => {
    const key = await s.newOrganization('flood');
    const messages = [init(key), ...Array.from({ length: 45 }, (_, i) => sub(String(i), DOCS))];
    // Completing each at once keeps the per-connection limit out of the way.
    const flat = messages.flatMap((m) =>
      m.type === 'subscribe' ? [m, { type: 'complete', id: (m as { id: string }).id }] : [m],
    );
    const outcome = await rawSession(s.url, flat, { gapMs: 5, initGapMs: 300 });
    const limited = outcome.messages.filter(
      (m) => m.type === 'error' && m.payload[0]?.extensions?.code === 'RATE_LIMITED',
    );
    expect(limited.length, JSON.stringify(outcome).slice(0, 600)).toBeGreaterThan(0);
    expect(limited[0]!.payload[0].message).toContain('the limit is 40 per minute');
    expectNothingLeaked(JSON.stringify(outcome.messages), [key]);
  });
});
