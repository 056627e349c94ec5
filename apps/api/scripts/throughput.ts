// Posting throughput of one PostgreSQL with N API processes: `tsx scripts/throughput.ts [N…]`
// (default 1 2 3). For each N: a fresh database, N real servers (src/main.ts) on it, and
// THROUGHPUT_CONCURRENCY receipts of THROUGHPUT_SERIALS serials in flight per process for
// THROUGHPUT_SECONDS, spread over THROUGHPUT_ORGANIZATIONS organizations (one organization's
// receipts take turns on its RECEIPT number counter, which is what keeps numbering gapless).
// Prints documents/s, serials/s and p50/p95 latency per N, then bytes per unit of what was posted.
// The servers run as the application role (row-level security applies, as in production) and
// migrations as the owner; THROUGHPUT_AS_OWNER=1 runs the servers as the owner instead, for comparison.
// DATABASE_URL: a PostgreSQL to use (its maintenance database, as a superuser); otherwise an embedded one.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { appRoleUrl, ensureAppRole } from '../src/db/roles';
import { createApiKey, findOrCreateOrganization } from '../src/modules/auth/auth.service';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.THROUGHPUT_SECONDS ?? 20);
const SERIALS = Number(process.env.THROUGHPUT_SERIALS ?? 100);
const CONCURRENCY = Number(process.env.THROUGHPUT_CONCURRENCY ?? 4);
const ORGANIZATIONS = Number(process.env.THROUGHPUT_ORGANIZATIONS ?? 1);
const AS_OWNER = process.env.THROUGHPUT_AS_OWNER === '1';
const APP_PASSWORD = 'throughput-app';

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(databaseUrl: string, migrationUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(apiDir, 'src/main.ts')], {
    cwd: apiDir,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(apiDir, 'test/support/tsconfig.processes.json'),
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATION_URL: migrationUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      // The load generator is one client: per-key rate limits would measure themselves.
      SERIALGRAPH_RATE_LIMIT_PER_MINUTE: '0',
      SERIALGRAPH_DB_REQUESTS_PER_ORGANIZATION: String(CONCURRENCY),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (match) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

async function admin(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function gql(url: string, key: string, query: string, variables?: unknown) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** CPU seconds (user + system) used so far by these pids, or by the children of `parent` and itself. */
function cpuSeconds(match: { parent?: number; pids?: number[] }): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  const pids =
    match.pids ??
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (match.parent && pid !== match.parent && Number(fields[1]) !== match.parent) continue;
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

async function measure(adminUrl: string, processes: number) {
  const database = `sg_throughput_${processes}_${Date.now()}`;
  await admin(adminUrl, `create database ${database}`);
  const url = withDatabase(adminUrl, database);
  const serverUrl = AS_OWNER ? url : appRoleUrl(url, APP_PASSWORD);
  const db = await openDatabase({ databaseUrl: serverUrl, migrationUrl: url, dataDir: '' });
  const orgs: { key: string; warehouse: string; product: string }[] = [];
  const servers: Server[] = [];
  try {
    for (let o = 0; o < ORGANIZATIONS; o++) {
      const org = await findOrCreateOrganization(db.orm.em.fork(), `tp-${o}`);
      orgs.push({
        key: (await createApiKey(db.orm.em.fork(), org.id, { name: 'tp', role: 'admin' })).key,
        warehouse: '',
        product: '',
      });
    }
    servers.push(
      ...(await Promise.all(Array.from({ length: processes }, () => startServer(serverUrl, url)))),
    );
    for (const org of orgs) {
      const d = await gql(
        servers[0]!.url,
        org.key,
        `mutation { w: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
          p: createProduct(input: { sku: "TP-1", name: "Unit", trackingMode: SERIAL }) { id } }`,
      );
      org.warehouse = d.w!.id;
      org.product = d.p!.id;
    }
    let next = 0;
    let documents = 0;
    const latencies: number[] = [];
    const receipt = async (server: Server, org: (typeof orgs)[number]) => {
      const base = next++ * SERIALS;
      const serials = Array.from({ length: SERIALS }, (_, i) => `TP-${String(base + i).padStart(10, '0')}`);
      const t = performance.now();
      await gql(
        server.url,
        org.key,
        `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
        {
          input: {
            warehouseId: org.warehouse,
            lines: [{ productId: org.product, quantity: SERIALS, serials }],
          },
        },
      );
      return performance.now() - t;
    };
    // Warm-up: every process plans and compiles once before the clock starts.
    for (const s of servers) for (const o of orgs) await receipt(s, o);
    // PostgreSQL's postmaster (this machine's): its backends are its children.
    const dataDirectory = (await admin(url, 'show data_directory')).rows[0].data_directory as string;
    const postmaster = Number(
      readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const apiPids = servers.map((s) => s.child.pid!);
    const cpu0 = { pg: cpuSeconds({ parent: postmaster }), api: cpuSeconds({ pids: apiPids }) };
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    let worker = 0;
    await Promise.all(
      servers.flatMap((server) =>
        Array.from({ length: CONCURRENCY }, async () => {
          const org = orgs[worker++ % orgs.length]!;
          while (performance.now() < deadline) {
            latencies.push(await receipt(server, org));
            documents++;
          }
        }),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = {
      pg: cpuSeconds({ parent: postmaster }) - cpu0.pg,
      api: cpuSeconds({ pids: apiPids }) - cpu0.api,
    };
    const sizes = (
      await admin(
        url,
        `select (select count(*) from serial)::bigint as serials, (select count(*) from movement)::bigint as movements,
                pg_total_relation_size('serial') + pg_total_relation_size('movement') as bytes,
                pg_total_relation_size('serial') as serial_bytes, pg_total_relation_size('movement') as movement_bytes`,
      )
    ).rows[0] as Record<string, string>;
    return {
      processes,
      documentsPerSecond: documents / elapsed,
      serialsPerSecond: (documents * SERIALS) / elapsed,
      p50: pct(latencies, 0.5),
      p95: pct(latencies, 0.95),
      unitsPosted: Number(sizes.serials),
      /** CPU milliseconds per 1,000 serials posted, in PostgreSQL (all its processes) and in the API processes. */
      pgCpuMsPer1000: (cpu.pg * 1000) / ((documents * SERIALS) / 1000),
      apiCpuMsPer1000: (cpu.api * 1000) / ((documents * SERIALS) / 1000),
      bytesPerUnit: Number(sizes.bytes) / Number(sizes.serials),
    };
  } finally {
    await Promise.all(servers.map(stopServer));
    await db.close();
    await admin(adminUrl, `drop database if exists ${database} with (force)`);
  }
}

async function main(): Promise<void> {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  let adminUrl = process.env.DATABASE_URL;
  let dataDir: string | undefined;
  let stop = async () => {};
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-throughput-'));
    const embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.adminUrl;
    stop = () => embedded.stop();
  }
  if (!AS_OWNER) await ensureAppRole(adminUrl, APP_PASSWORD);
  console.log(
    `throughput: receipts of ${SERIALS} serials, ${CONCURRENCY} in flight per process, ${SECONDS} s, ` +
      `${ORGANIZATIONS} organization(s), servers as ${AS_OWNER ? 'the owner' : 'the application role (RLS)'}, ` +
      `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  try {
    for (const n of counts.length ? counts : [1, 2, 3]) {
      const r = await measure(adminUrl, n);
      console.log(
        `${r.processes} process(es): ${r.documentsPerSecond.toFixed(1)} documents/s, ${Math.round(r.serialsPerSecond)} serials/s, ` +
          `p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms; ${r.unitsPosted} units posted, ` +
          `${Math.round(r.bytesPerUnit)} bytes/unit (serial + movement with indexes); CPU per 1,000 serials: ` +
          `PostgreSQL ${r.pgCpuMsPer1000.toFixed(0)} ms, API ${r.apiCpuMsPer1000.toFixed(0)} ms`,
      );
    }
  } finally {
    await stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
