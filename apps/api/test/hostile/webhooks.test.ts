import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postOnce } from '../../src/modules/webhooks/deliver-http';
import { ok, range, receive, refused, seedWorld, type World } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

// Webhook URLs are the caller's choice of where our server sends requests: nothing may point it into
// its own network (SSRF). This server runs as production does: private addresses refused.

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url } } }`;
const PUBLIC_URL = 'https://hooks.example.com/serialgraph';

let s: TestServer;
let w: World;
let local: Receiver;

const endpointRows = async () =>
  (await s.sql<{ n: number }>(`select count(*)::int as n from webhook_endpoint`))[0]!.n;

beforeAll(async () => {
  local = await startReceiver();
  s = await startTestServer({
    webhooks: {
      attemptTimeoutMs: 2000,
      retryBaseMs: 50,
      maxRetryDelayMs: 100,
      retryForMs: 0,
      relayPollMs: 100,
    },
  });
  w = await seedWorld(s);
});

afterAll(async () => {
  await s?.close();
  await local?.close();
});

describe('webhook URLs', () => {
  const refusedUrls: [string, RegExp][] = [
    ['ftp://hooks.example.com/x', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['not a url', /absolute http/],
    ['https://user:secret@hooks.example.com/x', /credentials/],
    ['https://:secret@hooks.example.com/x', /credentials/],
    ['http://127.0.0.1:9/x', /private, loopback or link-local/],
    ['http://127.1/x', /private, loopback or link-local/],
    ['http://2130706433/x', /private, loopback or link-local/],
    ['http://0x7f000001/x', /private, loopback or link-local/],
    ['http://0.0.0.0/x', /private, loopback or link-local/],
    ['http://10.1.2.3/x', /private, loopback or link-local/],
    ['http://172.16.0.1/x', /private, loopback or link-local/],
    ['http://192.168.1.1/x', /private, loopback or link-local/],
    ['http://169.254.169.254/latest/meta-data/', /private, loopback or link-local/],
    ['http://100.64.0.1/x', /private, loopback or link-local/],
    ['http://[::1]/x', /private, loopback or link-local/],
    ['http://[::ffff:127.0.0.1]/x', /private, loopback or link-local/],
    ['http://[::ffff:a9fe:a9fe]/x', /private, loopback or link-local/],
    ['http://[fd00::1]/x', /private, loopback or link-local/],
    ['http://[fe80::1]/x', /private, loopback or link-local/],
    ['http://localhost:4000/graphql', /local host name/],
    ['http://api.localhost/x', /local host name/],
    ['http://intranet/x', /local host name/],
  ];

  it.each(refusedUrls)(
    'refuses %s with WEBHOOK_URL_REFUSED, naming the rule, writing nothing',
    async (url, rule) => {
      const before = await endpointRows();
      const res = await s.gql(CREATE, { input: { url, events: ['DOCUMENT_POSTED'] } });
      const err = refused(res);
      expect(res.status).toBe(200);
      expect(err.extensions?.code).toBe('WEBHOOK_URL_REFUSED');
      expect(err.extensions?.field).toBe('url');
      expect(err.message).toMatch(rule);
      expect(await endpointRows()).toBe(before);
    },
  );

  it('refuses the same URLs when an endpoint is changed to one, leaving it as it was', async () => {
    const { endpoint } = ok(
      await s.gql(CREATE, { input: { url: PUBLIC_URL, events: ['DOCUMENT_POSTED'] } }),
    ).createWebhookEndpoint;
    const err = refused(
      await s.gql(
        `mutation($id: ID!, $url: String!) { updateWebhookEndpoint(id: $id, input: { url: $url }) { id } }`,
        {
          id: endpoint.id,
          url: 'http://169.254.169.254/',
        },
      ),
    );
    expect(err.extensions?.code).toBe('WEBHOOK_URL_REFUSED');
    const [row] = await s.sql<{ url: string }>(`select url from webhook_endpoint where id = ?`, [
      endpoint.id,
    ]);
    expect(row!.url).toBe(PUBLIC_URL);
  });

  it('checks the address again when it delivers: an endpoint that now points at this host gets nothing', async () => {
    const { endpoint } = ok(
      await s.gql(CREATE, { input: { url: 'https://hooks.example.org/in', events: ['DOCUMENT_POSTED'] } }),
    ).createWebhookEndpoint;
    // As if its name were re-pointed at a loopback address after it was registered.
    await s.sql(`update webhook_endpoint set url = ? where id = ?`, [local.url, endpoint.id]);
    ok(await receive(s, w, range('SSRF-', 1, 1)));
    const deadline = Date.now() + 15_000;
    let attempts: { error: string }[] = [];
    while (!attempts.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      attempts = await s.sql(
        `select a.error from webhook_delivery_attempt a join webhook_delivery d on d.id = a.delivery_id
          where d.endpoint_id = ?`,
        [endpoint.id],
      );
    }
    expect(attempts[0]?.error).toMatch(/private, loopback or link-local/);
    expect(local.received).toHaveLength(0);
  });

  it('refuses, at connect time, an address a name resolves to and an IP literal alike (DNS rebinding)', async () => {
    const viaName = await postOnce(
      `http://localhost:${local.port}/hooks`,
      '{}',
      {},
      {
        timeoutMs: 2000,
        allowPrivate: false,
      },
    );
    expect(viaName).toMatchObject({ ok: false, responseStatus: null });
    expect(viaName.error).toMatch(/refused: 127\.0\.0\.1 is a private/);
    const viaLiteral = await postOnce(local.url, '{}', {}, { timeoutMs: 2000, allowPrivate: false });
    expect(viaLiteral.error).toMatch(/refused: 127\.0\.0\.1 is a private/);
    expect(local.received).toHaveLength(0);
    // The same request with private addresses allowed does arrive: the refusal above is the check's doing.
    const allowed = await postOnce(local.url, '{}', {}, { timeoutMs: 2000, allowPrivate: true });
    expect(allowed).toMatchObject({ ok: true, responseStatus: 200 });
    expect(local.received).toHaveLength(1);
    local.received.length = 0;
  });
});

describe('webhook inputs', () => {
  it('refuses no events, an over-long description and more than 20 endpoints, naming each limit', async () => {
    const before = await endpointRows();
    let err = refused(await s.gql(CREATE, { input: { url: PUBLIC_URL, events: [] } }));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    err = refused(
      await s.gql(CREATE, {
        input: { url: PUBLIC_URL, events: ['DOCUMENT_POSTED'], description: 'd'.repeat(501) },
      }),
    );
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(err.message).toMatch(/500/);
    // Any text argument's limit (2,000 characters) holds for URLs too.
    err = refused(
      await s.gql(CREATE, {
        input: { url: `${PUBLIC_URL}/${'a'.repeat(2000)}`, events: ['DOCUMENT_POSTED'] },
      }),
    );
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/2000 characters/);
    expect(await endpointRows()).toBe(before);
    while ((await endpointRows()) < 20)
      ok(await s.gql(CREATE, { input: { url: PUBLIC_URL, events: ['DOCUMENT_POSTED'] } }));
    err = refused(await s.gql(CREATE, { input: { url: PUBLIC_URL, events: ['DOCUMENT_POSTED'] } }));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/at most 20 webhook endpoints/);
    expect(await endpointRows()).toBe(20);
  });

  it('answers NOT_FOUND for forged ids and BAD_USER_INPUT for a forged cursor, with nothing of the SQL', async () => {
    const [{ id }] = (await s.sql<{ id: string }>(`select id from webhook_endpoint limit 1`)) as [
      { id: string },
    ];
    for (const bad of [
      'nope',
      "'; drop table webhook_endpoint; --",
      '00000000-0000-0000-0000-000000000000',
    ]) {
      for (const query of [
        `query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }`,
        `mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }`,
        `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
      ]) {
        const err = refused(await s.gql(query, { id: bad }));
        expect(err.extensions?.code).toBe('NOT_FOUND');
        expect(err.message).not.toMatch(/select|update|webhook_/i);
      }
    }
    const err = refused(
      await s.gql(
        `query($id: ID!, $a: String) { webhookDeliveries(endpointId: $id, after: $a) { totalCount } }`,
        {
          id,
          a: Buffer.from('["x"]').toString('base64url'),
        },
      ),
    );
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
