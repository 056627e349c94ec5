import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, range, receive, refused, seedWorld, ship, type World } from './support/fixtures';
import { startApp } from '../src/app';
import { APP_ROLE } from '../src/db/roles';
import { createLogger } from '../src/observability';
import { startTestServer, type TestServer } from './support/test-server';
import { startReceiver, type Receiver } from './support/webhook-receiver';

// Webhooks against a real API server, a real PostgreSQL with graphile-worker, and real receiving HTTP
// servers on 127.0.0.1 (allowed here by allowPrivate, as SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE=1 does).

/** The README's verification, as a receiver writes it: HMAC-SHA256 over `${t}.${body}`, 5 minutes' tolerance. */
function verify(secret: string, header: string | undefined, body: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url events enabled description } }
}`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $id, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id eventId event status attempts responseStatus responseBodyExcerpt durationMs error
      lastAttemptAt nextAttemptAt payload attemptLog { number responseStatus durationMs error } } }
  }
}`;

let s: TestServer;
let w: World;
const receivers: Receiver[] = [];
let next = 1;
const fresh = (prefix: string, count = 1) => {
  const start = next;
  next += count;
  return range(prefix, start, start + count - 1);
};

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

async function endpoint(url: string, events = ['DOCUMENT_POSTED'], key?: string) {
  return ok(await s.gql(CREATE, { input: { url, events, description: 'test' } }, key))
    .createWebhookEndpoint as {
    secret: string;
    endpoint: { id: string; url: string; events: string[]; enabled: boolean };
  };
}

async function deliveries(endpointId: string, key?: string) {
  return ok(await s.gql(DELIVERIES, { id: endpointId, first: 100 }, key)).webhookDeliveries.edges.map(
    (e: { node: Record<string, any> }) => e.node,
  ) as Record<string, any>[];
}

/** Polls the delivery log until `done` holds (the worker runs beside the test). */
async function eventually<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not reached: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const WEBHOOKS = {
  allowPrivate: true,
  attemptTimeoutMs: 500,
  retryBaseMs: 50,
  maxRetryDelayMs: 200,
  retryForMs: 2500,
  relayPollMs: 100,
};

beforeAll(async () => {
  s = await startTestServer({ webhooks: WEBHOOKS });
  w = await seedWorld(s);
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await s?.close();
});

describe('webhooks', () => {
  it('delivers document.posted and serial.changed, signed as the README says, with the subscriptions’ content', async () => {
    const r = await receiver();
    const { secret, endpoint: ep } = await endpoint(r.url, ['DOCUMENT_POSTED', 'SERIAL_CHANGED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const serials = fresh('WH-A', 2);
    const doc = ok(await receive(s, w, serials)).receiveStock;
    const hooks = await r.until(3);
    await new Promise((res) => setTimeout(res, 300)); // nothing more should come
    expect(hooks).toHaveLength(3);
    for (const h of hooks) {
      expect(verify(secret, h.headers['serialgraph-signature'] as string, h.body)).toBe(true);
      expect(verify('whsec_wrong', h.headers['serialgraph-signature'] as string, h.body)).toBe(false);
      expect(h.headers['content-type']).toBe('application/json');
      expect(JSON.parse(h.body).id).toBe(h.headers['serialgraph-event-id']);
    }
    const bodies = hooks.map((h) => JSON.parse(h.body));
    const posted = bodies.find((b) => b.type === 'document.posted');
    expect(posted.data.document).toMatchObject({
      id: doc.id,
      type: 'RECEIPT',
      number: doc.number,
      lineCount: 1,
      unitCount: 2,
    });
    expect(new Date(posted.data.document.postedAt).toISOString()).toBe(new Date(doc.postedAt).toISOString());
    const units = bodies.filter((b) => b.type === 'serial.changed');
    expect(units.map((u) => u.data.serial.number).sort()).toEqual(serials);
    const byNumber = new Map(
      doc.lines[0].serials.map((u: { id: string; number: string }) => [u.number, u.id]),
    );
    for (const u of units) {
      expect(u.data.serial).toMatchObject({
        status: 'IN_STOCK',
        productId: w.terminal.id,
        warehouseId: w.main.id,
      });
      expect(u.data.serial.id).toBe(byNumber.get(u.data.serial.number));
      expect(u.data.document).toMatchObject({ id: doc.id, number: doc.number });
    }
    const log = await eventually(
      () => deliveries(ep.id),
      (l) => l.length === 3 && l.every((d) => d.status === 'SUCCEEDED'),
    );
    for (const d of log) {
      expect(d).toMatchObject({ attempts: 1, responseStatus: 200, responseBodyExcerpt: 'ok', error: null });
      expect(d.attemptLog).toHaveLength(1);
    }
  });

  it('sends the units of a document of many in serials.changed pages of 500, in the order it moved them', async () => {
    const r = await receiver();
    const { secret } = await endpoint(r.url, ['SERIALS_CHANGED']);
    // Entered out of sorted order, so that the pages follow the document, not the numbers or the ids.
    const serials = fresh('WH-P', 1050).reverse();
    const doc = ok(await receive(s, w, serials)).receiveStock;
    const hooks = await r.until(3);
    await new Promise((res) => setTimeout(res, 300)); // nothing more should come
    expect(hooks).toHaveLength(3);
    const bodies = hooks.map((h) => {
      expect(verify(secret, h.headers['serialgraph-signature'] as string, h.body)).toBe(true);
      expect(h.headers['serialgraph-event-type']).toBe('serials.changed');
      return JSON.parse(h.body);
    });
    bodies.sort((a, b) => a.data.page - b.data.page);
    const eventId = bodies[0].id.replace(/\.p1$/, '');
    expect(bodies.map((b) => [b.id, b.type, b.data.page, b.data.pageCount, b.data.serials.length])).toEqual([
      [`${eventId}.p1`, 'serials.changed', 1, 3, 500],
      [`${eventId}.p2`, 'serials.changed', 2, 3, 500],
      [`${eventId}.p3`, 'serials.changed', 3, 3, 50],
    ]);
    expect(bodies.flatMap((b) => b.data.serials.map((u: { number: string }) => u.number))).toEqual(serials);
    const ids = new Map(doc.lines[0].serials.map((u: { id: string; number: string }) => [u.number, u.id]));
    for (const b of bodies) {
      expect(b.data.document).toEqual({ id: doc.id, type: 'RECEIPT', number: doc.number });
      for (const u of b.data.serials) {
        expect(u).toMatchObject({ status: 'IN_STOCK', productId: w.terminal.id, warehouseId: w.main.id });
        expect(u.id).toBe(ids.get(u.number));
      }
    }
    // A later shipment of three of them is one event of three, each as it is after the shipment.
    ok(await ship(s, w, serials.slice(0, 3)));
    const [shipped] = (await r.until(4)).slice(3).map((h) => JSON.parse(h.body));
    expect(shipped.data).toMatchObject({ page: 1, pageCount: 1, document: { type: 'SHIPMENT' } });
    expect(shipped.data.serials.map((u: { number: string; status: string }) => [u.number, u.status])).toEqual(
      serials.slice(0, 3).map((n) => [n, 'SHIPPED']),
    );
  });

  it('retries a receiver that fails with 500 until it recovers, logging every attempt', async () => {
    const r = await receiver((n) => (n <= 2 ? { status: 500, body: 'boom' } : { status: 200 }));
    const { endpoint: ep } = await endpoint(r.url);
    ok(await receive(s, w, fresh('WH-B')));
    const hooks = await r.until(3);
    expect(new Set(hooks.map((h) => h.headers['serialgraph-event-id'])).size).toBe(1);
    const [d] = await eventually(
      () => deliveries(ep.id),
      (l) => l[0]?.status === 'SUCCEEDED',
    );
    expect(d).toMatchObject({ attempts: 3, responseStatus: 200 });
    expect(d!.attemptLog.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([500, 500, 200]);
    expect(d!.attemptLog[0]).toMatchObject({ number: 1, error: 'HTTP 500' });
  });

  it('gives up on a receiver that never answers within the timeout, after the retry window', async () => {
    const r = await receiver(() => 'hang');
    const { endpoint: ep } = await endpoint(r.url);
    ok(await receive(s, w, fresh('WH-C')));
    const [d] = await eventually(
      () => deliveries(ep.id),
      (l) => l[0]?.status === 'FAILED',
      20_000,
    );
    expect(d!.attempts).toBeGreaterThanOrEqual(2);
    expect(d!.attemptLog.every((a: { error: string }) => a.error === 'timed out after 500 ms')).toBe(true);
    expect(d!.nextAttemptAt).toBeNull();
    expect(r.received.length).toBe(d!.attempts);
  });

  it('never slows or refuses a posting while the endpoint holds its request, or is down', async () => {
    const held = await receiver(() => 'hang');
    await endpoint(held.url);
    const down = await receiver();
    await endpoint(down.url);
    await down.close();
    ok(await receive(s, w, fresh('WH-D')));
    await held.until(1);
    // A delivery is in flight, unanswered; the next postings are answered all the same.
    const started = Date.now();
    ok(await receive(s, w, fresh('WH-D')));
    ok(await ship(s, w, [`WH-D${String(next - 1).padStart(5, '0')}`]));
    expect(held.received.length).toBeGreaterThanOrEqual(1);
    // Coarse: far below the 500 ms attempt timeout the receiver holds us to, twice.
    expect(Date.now() - started).toBeLessThan(5000);
    held.release();
  });

  it('replays a delivery as a new attempt with the same event id', async () => {
    const r = await receiver();
    const { endpoint: ep, secret } = await endpoint(r.url);
    ok(await receive(s, w, fresh('WH-E')));
    await r.until(1);
    const [d] = await eventually(
      () => deliveries(ep.id),
      (l) => l[0]?.status === 'SUCCEEDED',
    );
    const replayed = ok(
      await s.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status eventId } }`, {
        id: d!.id,
      }),
    ).replayWebhookDelivery;
    expect(replayed).toMatchObject({ id: d!.id, status: 'PENDING', eventId: d!.eventId });
    const hooks = await r.until(2);
    expect(hooks[1]!.headers['serialgraph-event-id']).toBe(d!.eventId);
    expect(hooks[1]!.body).toBe(hooks[0]!.body);
    expect(verify(secret, hooks[1]!.headers['serialgraph-signature'] as string, hooks[1]!.body)).toBe(true);
    const [after] = await eventually(
      () => deliveries(ep.id),
      (l) => l[0]?.attempts === 2 && l[0]?.status === 'SUCCEEDED',
    );
    expect(after!.attemptLog.map((a: { number: number }) => a.number)).toEqual([1, 2]);
  });

  it('sends nothing to a disabled endpoint, nor to another organization’s', async () => {
    const live = await receiver();
    const { endpoint: liveEp } = await endpoint(live.url);
    const off = await receiver();
    const { endpoint: offEp } = await endpoint(off.url);
    const disabled = ok(
      await s.gql(
        `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id enabled } }`,
        {
          id: offEp.id,
        },
      ),
    ).updateWebhookEndpoint;
    expect(disabled.enabled).toBe(false);
    const otherKey = await s.newOrganization('webhooks-other');
    const elsewhere = await receiver();
    const { endpoint: otherEp } = await endpoint(
      elsewhere.url,
      ['DOCUMENT_POSTED', 'SERIAL_CHANGED'],
      otherKey,
    );
    ok(await receive(s, w, fresh('WH-F')));
    await live.until(1);
    // The relay has passed this posting: two more passes and still nothing elsewhere.
    await s.app.webhooks!.relay.pass();
    await s.app.webhooks!.relay.pass();
    await new Promise((res) => setTimeout(res, 300));
    expect(off.received).toHaveLength(0);
    expect(elsewhere.received).toHaveLength(0);
    expect(await deliveries(offEp.id)).toHaveLength(0);
    expect(await deliveries(otherEp.id, otherKey)).toHaveLength(0);
    // Another organization cannot read this one's log, nor replay its deliveries.
    const [liveDelivery] = await deliveries(liveEp.id);
    expect(refused(await s.gql(DELIVERIES, { id: liveEp.id }, otherKey)).extensions?.code).toBe('NOT_FOUND');
    expect(
      refused(
        await s.gql(
          `mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`,
          { id: liveDelivery!.id },
          otherKey,
        ),
      ).extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('never delivers an event posted while the endpoint was off, even when it is switched on before the relay passes', async () => {
    const r = await receiver();
    const { endpoint: ep } = await endpoint(r.url);
    const switchTo = async (enabled: boolean) =>
      ok(
        await s.gql(
          `mutation($id: ID!, $on: Boolean!) { updateWebhookEndpoint(id: $id, input: { enabled: $on }) { id } }`,
          { id: ep.id, on: enabled },
        ),
      );
    await switchTo(false);
    ok(await receive(s, w, fresh('WH-OFF')));
    // Switched on at once, most likely before the relay's next pass (every 100 ms here).
    await switchTo(true);
    await s.app.webhooks!.relay.pass();
    await s.app.webhooks!.relay.pass();
    await new Promise((res) => setTimeout(res, 300));
    expect(r.received).toHaveLength(0);
    expect(await deliveries(ep.id)).toHaveLength(0);
    // What is posted after it is on again is delivered.
    ok(await receive(s, w, fresh('WH-ON')));
    await r.until(1);
    expect(await deliveries(ep.id)).toHaveLength(1);
  });

  it('lets admins only manage webhooks, and shows a secret once', async () => {
    const r = await receiver();
    const before = await s.sql<{ n: number }>(`select count(*)::int as n from webhook_endpoint`);
    for (const role of ['clerk', 'viewer'] as const) {
      const err = refused(
        await s.gql(CREATE, { input: { url: r.url, events: ['DOCUMENT_POSTED'] } }, s.keys[role]),
      );
      expect(err.extensions?.code).toBe('FORBIDDEN');
      expect(refused(await s.gql(`{ webhookEndpoints { id } }`, {}, s.keys[role])).extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await s.sql(`select count(*)::int as n from webhook_endpoint`)).toEqual(before);
    const { secret, endpoint: ep } = await endpoint(r.url);
    ok(await receive(s, w, fresh('WH-G')));
    await r.until(1);
    const rotated = ok(
      await s.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id } } }`, {
        id: ep.id,
      }),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(secret);
    // Every later read: no secret, old or new, anywhere in the answers.
    const answers = JSON.stringify([
      await s.gql(`{ webhookEndpoints { id url description events enabled createdAt updatedAt } }`),
      await s.gql(DELIVERIES, { id: ep.id }),
      await s.gql(
        `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "x" }) { id } }`,
        {
          id: ep.id,
        },
      ),
      await s.gql(`{ webhookEndpoints { secret } }`),
    ]);
    expect(answers).not.toContain(secret);
    expect(answers).not.toContain(rotated.secret);
    // After rotation, deliveries are signed with the new secret only.
    ok(await receive(s, w, fresh('WH-G')));
    const hooks = await r.until(2);
    expect(verify(rotated.secret, hooks[1]!.headers['serialgraph-signature'] as string, hooks[1]!.body)).toBe(
      true,
    );
    expect(verify(secret, hooks[1]!.headers['serialgraph-signature'] as string, hooks[1]!.body)).toBe(false);
  });

  it('keeps only a bounded excerpt of a large response body', async () => {
    const r = await receiver(() => ({ status: 200, body: 'x'.repeat(5 * 1024 * 1024) }));
    const { endpoint: ep } = await endpoint(r.url);
    ok(await receive(s, w, fresh('WH-H')));
    const [d] = await eventually(
      () => deliveries(ep.id),
      (l) => l[0]?.status === 'SUCCEEDED',
    );
    expect(d!.responseBodyExcerpt).toBe('x'.repeat(1024));
  });

  it('delivers each event once per endpoint with two API processes relaying and sending from one queue', async () => {
    const second = await startApp({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: s.appDatabaseUrl,
      migrationUrl: s.databaseUrl,
      dataDir: '',
      logger: createLogger('warn'),
      webhooks: WEBHOOKS,
    });
    try {
      const r = await receiver();
      await endpoint(r.url, ['DOCUMENT_POSTED', 'SERIAL_CHANGED']);
      for (let i = 0; i < 6; i++) ok(await receive(s, w, fresh('WH-I', 2)));
      await r.until(18);
      await Promise.all([s.app.webhooks!.relay.pass(), second.webhooks!.relay.pass()]);
      await new Promise((res) => setTimeout(res, 500));
      const ids = r.received.map((h) => h.headers['serialgraph-event-id']);
      expect(ids).toHaveLength(18);
      expect(new Set(ids).size).toBe(18);
    } finally {
      await second.close();
    }
  });

  it('runs the queue as the application role, which may not create or alter anything in its schema', async () => {
    const [grants] = await s.sql<{ create: boolean; usage: boolean; owner: string }>(
      `select has_schema_privilege(?, 'graphile_worker', 'CREATE') as create,
              has_schema_privilege(?, 'graphile_worker', 'USAGE') as usage,
              (select nspowner::regrole::text from pg_namespace where nspname = 'graphile_worker') as owner`,
      [APP_ROLE, APP_ROLE],
    );
    expect(grants).toMatchObject({ create: false, usage: true });
    expect(grants!.owner).not.toBe(APP_ROLE);
    const [{ n }] = (await s.sql<{ n: number }>(
      `select count(*)::int as n from information_schema.role_table_grants
        where grantee = ? and table_schema = 'graphile_worker' and privilege_type in ('TRUNCATE', 'REFERENCES', 'TRIGGER')`,
      [APP_ROLE],
    )) as [{ n: number }];
    expect(n).toBe(0);
    // The server's own connections (the worker's among them) sign in as the application role.
    const users = await s.sql<{ usename: string }>(
      `select distinct usename::text from pg_stat_activity where datname = current_database() and backend_type = 'client backend'
         and pid <> pg_backend_pid() and usename::text <> current_user`,
    );
    expect(users.map((u) => u.usename)).toEqual([APP_ROLE]);
  });
});
