// `pnpm bench:webhooks`: what webhooks cost a posting, and how soon they arrive. One API process on
// the embedded PostgreSQL with a real receiver on 127.0.0.1 (SERIALGRAPH_WEBHOOKS_ALLOW_PRIVATE).
// Prints: receipt (10 units) latency with no endpoint, then with three endpoints for both events (one
// answering 200, one holding every request until its 10 s timeout, one whose port is closed); the time
// from a posting's answer to its document.posted arriving; and how long the serial.changed deliveries
// of one 1,000-unit receipt take to arrive.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../src/app';
import { createDatabaseIfMissing } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { appRoleUrl, ensureAppRole } from '../src/db/roles';
import { createLogger } from '../src/observability';

const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 100);
const PASSWORD = 'bench-app';
const KEY = 'bench-webhooks-key-0123456789';

async function receiver(hold: boolean) {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        data: { document?: { number: string } };
      };
      if (body.data.document) arrivals.set(body.data.document.number, performance.now());
      if (!hold) res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrivals,
    count: () => count,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a benchmark reads what it asked for
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[s.length >> 1]!.toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(1)} ms`;
};

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-webhooks-'));
const cluster = await startEmbeddedPostgres(dataDir);
const ok = await receiver(false);
const held = await receiver(true);
const closed = await receiver(false);
await closed.close();
try {
  await createDatabaseIfMissing(cluster.adminUrl, 'bench');
  await ensureAppRole(cluster.adminUrl, PASSWORD);
  const ownerUrl = cluster.urlFor('bench');
  const app = await startApp({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: appRoleUrl(ownerUrl, PASSWORD),
    migrationUrl: ownerUrl,
    dataDir: '',
    bootstrapKey: KEY,
    rateLimitPerMinute: 0,
    logger: createLogger('warn'),
    webhooks: { allowPrivate: true, relayPollMs: 100 },
  });
  try {
    const w = await gql(
      app.url,
      `mutation {
        wh: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
        sup: createParty(input: { name: "Supplier", roles: [SUPPLIER] }) { id }
        p: createProduct(input: { sku: "T-1", name: "Terminal", trackingMode: SERIAL }) { id }
      }`,
    );
    let n = 0;
    const post = async (units: number) => {
      const serials = Array.from({ length: units }, () => `B-${String(++n).padStart(7, '0')}`);
      const t = performance.now();
      const d = await gql(
        app.url,
        `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
        {
          input: {
            warehouseId: w.wh.id,
            supplierId: w.sup.id,
            lines: [{ productId: w.p.id, quantity: units, serials }],
          },
        },
      );
      return {
        ms: performance.now() - t,
        number: d.receiveStock.number as string,
        answeredAt: performance.now(),
      };
    };
    for (let i = 0; i < 20; i++) await post(10); // warm-up
    const without: number[] = [];
    for (let i = 0; i < POSTINGS; i++) without.push((await post(10)).ms);
    console.log(`receipt of 10 units, no endpoint: ${stats(without)} (${POSTINGS} postings)`);

    const create = `mutation($url: String!, $events: [WebhookEvent!]!) { createWebhookEndpoint(input: { url: $url, events: $events }) { secret } }`;
    await gql(app.url, create, { url: ok.url, events: ['DOCUMENT_POSTED'] });
    for (const r of [held, closed])
      await gql(app.url, create, { url: r.url, events: ['DOCUMENT_POSTED', 'SERIAL_CHANGED'] });
    const withHooks: number[] = [];
    const toArrival: number[] = [];
    const answered = new Map<string, number>();
    for (let i = 0; i < POSTINGS; i++) {
      const p = await post(10);
      withHooks.push(p.ms);
      answered.set(p.number, p.answeredAt);
    }
    console.log(
      `receipt of 10 units, 3 endpoints (one answering, one held open, one down; 21 deliveries per posting): ${stats(withHooks)}`,
    );
    const deadline = performance.now() + 60_000;
    while ([...answered.keys()].some((k) => !ok.arrivals.has(k)) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    for (const [number, at] of answered)
      if (ok.arrivals.has(number)) toArrival.push(ok.arrivals.get(number)! - at);
    console.log(
      `posting answered → document.posted received: ${stats(toArrival)} (relay polls every 100 ms)`,
    );

    const bulk = await receiver(false);
    await gql(app.url, create, { url: bulk.url, events: ['SERIAL_CHANGED'] });
    const big = await post(1000);
    while (bulk.count() < 1000 && performance.now() - big.answeredAt < 300_000)
      await new Promise((r) => setTimeout(r, 50));
    console.log(
      `receipt of 1,000 units: answered in ${big.ms.toFixed(0)} ms; its 1,000 serial.changed deliveries to one endpoint ` +
        `received ${((performance.now() - big.answeredAt) / 1000).toFixed(1)} s after (concurrency 4)`,
    );
    // Every endpoint so far off, so that the pages below are all the worker sends.
    const endpoints = (await gql(app.url, `{ webhookEndpoints { id } }`)).webhookEndpoints as {
      id: string;
    }[];
    for (const { id } of endpoints)
      await gql(
        app.url,
        `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }`,
        {
          id,
        },
      );
    await bulk.close();

    // The same units in pages: 10,000 units are 20 serials.changed requests of 500.
    const paged = await receiver(false);
    await gql(app.url, create, { url: paged.url, events: ['SERIALS_CHANGED'] });
    const large = await post(10_000);
    while (paged.count() < 20 && performance.now() - large.answeredAt < 300_000)
      await new Promise((r) => setTimeout(r, 50));
    console.log(
      `receipt of 10,000 units: answered in ${large.ms.toFixed(0)} ms; its ${paged.count()} serials.changed deliveries ` +
        `(500 units each) received ${((performance.now() - large.answeredAt) / 1000).toFixed(1)} s after`,
    );
    await paged.close();
  } finally {
    await app.close();
  }
} finally {
  await ok.close();
  await held.close();
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
}
