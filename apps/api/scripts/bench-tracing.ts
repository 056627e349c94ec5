// `pnpm bench:tracing`: what OpenTelemetry tracing costs a primary-key read through the whole API
// (HTTP → GraphQL `node(id)` → one SQL statement, over real HTTP, on the embedded PostgreSQL).
// Servers in turn on one database, alternating for BENCH_ROUNDS rounds: tracing off (the SDK not
// loaded before the first traced round; unregistered after each), and on (every span exported as
// OTLP/HTTP JSON to a local sink, the default batch processor). Prints per read the wall-clock
// median and p95, and the API process's CPU time (user + system), which the other processes of a
// shared machine disturb less than wall time.
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
import { createLogger, type TracingConfig } from '../src/observability';

const READS = Number(process.env.BENCH_READS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'bench-app';
const KEY = 'bench-tracing-key-0123456789';

/** An OTLP/HTTP sink that reads and drops what it is sent, counting the bodies. */
async function startSink() {
  let exports = 0;
  const server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    exports: () => exports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function gql(url: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function measure(label: string, databaseUrl: string, migrationUrl: string, tracing?: TracingConfig) {
  const app = await startApp({
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    migrationUrl,
    dataDir: '',
    bootstrapKey: KEY,
    rateLimitPerMinute: 0, // thousands of reads a minute from one key
    logger: createLogger('warn'),
    tracing,
  });
  try {
    const sku = `P-${label.replace(/\W+/g, '-')}`;
    const { createProduct } = await gql(
      app.url,
      `mutation($sku: String!) { createProduct(input: { sku: $sku, name: "Bench" }) { id } }`,
      { sku },
    );
    const read = () =>
      gql(app.url, `query($id: ID!) { node(id: $id) { id ... on Product { sku } } }`, {
        id: createProduct!.id,
      });
    for (let i = 0; i < 300; i++) await read(); // warm-up: pool, plans, JIT
    const ms: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < READS; i++) {
      const t = performance.now();
      await read();
      ms.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    ms.sort((a, b) => a - b);
    const median = ms[ms.length >> 1]!;
    const cpuMs = (used.user + used.system) / 1000 / READS;
    console.log(
      `${label}: median ${median.toFixed(3)} ms, p95 ${ms[Math.floor(ms.length * 0.95)]!.toFixed(3)} ms, ` +
        `API CPU ${cpuMs.toFixed(3)} ms per read (${READS} reads)`,
    );
    return { median, cpuMs };
  } finally {
    await app.close();
  }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-tracing-'));
const cluster = await startEmbeddedPostgres(dataDir);
const sink = await startSink();
try {
  await createDatabaseIfMissing(cluster.adminUrl, 'bench');
  await ensureAppRole(cluster.adminUrl, PASSWORD);
  const ownerUrl = cluster.urlFor('bench');
  const appUrl = appRoleUrl(ownerUrl, PASSWORD);
  const results: Record<'off' | 'on', { median: number; cpuMs: number }[]> = { off: [], on: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    results.off.push(await measure(`round ${round}, tracing off`, appUrl, ownerUrl));
    results.on.push(
      await measure(`round ${round}, tracing on`, appUrl, ownerUrl, { url: sink.url, serviceName: 'bench' }),
    );
  }
  const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const summary = (mode: 'off' | 'on') => ({
    median: middle(results[mode].map((r) => r.median)),
    cpuMs: middle(results[mode].map((r) => r.cpuMs)),
  });
  const off = summary('off');
  const on = summary('on');
  console.log(
    `median of rounds — off: ${off.median.toFixed(3)} ms wall, ${off.cpuMs.toFixed(3)} ms CPU; ` +
      `on: ${on.median.toFixed(3)} ms wall, ${on.cpuMs.toFixed(3)} ms CPU; ` +
      `tracing adds ${(on.cpuMs - off.cpuMs).toFixed(3)} ms CPU per read (${sink.exports()} exports received)`,
  );
} finally {
  await sink.close();
  await cluster.stop();
  await rm(dataDir, { recursive: true, force: true });
}
