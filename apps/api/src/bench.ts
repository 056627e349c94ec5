// `pnpm bench`: posting cost at scale, reported as ratios against a small baseline from the same
// run (machines here are noisy; absolute milliseconds are printed for context only).
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp } from './app';
import { createApiKey, findOrCreateOrganization } from './modules/auth/auth.service';

const BASELINE = 100;
const LARGE = Number(process.env.BENCH_SERIALS ?? 10_000);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-'));
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    const em = app.db.orm.em.fork();
    const org = await findOrCreateOrganization(em, `bench-${Date.now()}`);
    const { key } = await createApiKey(em, org.id, { name: 'bench', role: 'admin' });
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const statementsBefore = app.db.statementCount();
      const started = performance.now();
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench reads loosely typed JSON
      const body = (await res.json()) as { data?: any; errors?: unknown };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { data: body.data, ms, statements: app.db.statementCount() - statementsBefore };
    };
    const setup = await gql(`mutation {
      w: createWarehouse(input: { code: "BENCH", name: "Bench" }) { id }
      c: createParty(input: { name: "Bench customer", roles: [CUSTOMER] }) { id }
      p: createProduct(input: { sku: "BENCH-1", name: "Bench unit", trackingMode: SERIAL, warrantyMonths: 24 }) { id }
    }`);
    const { w, c, p } = setup.data;
    const numbers = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(7, '0')}`);
    const receive = (serials: string[]) =>
      gql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { number } }`, {
        i: {
          warehouseId: w.id,
          lines: [{ productId: p.id, quantity: serials.length, serials, unitCost: '10.00' }],
        },
      });
    const ship = (serials: string[]) =>
      gql(`mutation($i: ShipStockInput!) { shipStock(input: $i) { number } }`, {
        i: {
          warehouseId: w.id,
          customerId: c.id,
          lines: [{ productId: p.id, quantity: serials.length, serials }],
        },
      });
    const report = (first: number) =>
      gql(
        `query($first: Int!) { serials(first: $first, filter: { includeOutOfStorage: true }) { totalCount edges { node {
        number status product { sku } warehouse { code } customer { name } receivedIn { number } history { type document { number } } } } } }`,
        { first },
      );

    await receive(numbers('WARM', 50)); // warm up JIT, pool and plan caches
    const rows: [string, { ms: number; statements: number }, { ms: number; statements: number }, number][] =
      [];
    const smallR = await receive(numbers('BASE', BASELINE));
    const largeR = await receive(numbers('LARGE', LARGE));
    rows.push(['receiveStock', smallR, largeR, LARGE / BASELINE]);
    const smallS = await ship(numbers('BASE', BASELINE));
    const largeS = await ship(numbers('LARGE', LARGE));
    rows.push(['shipStock', smallS, largeS, LARGE / BASELINE]);
    const smallQ = await report(10);
    const largeQ = await report(1000);
    rows.push(['serials report (nested fields)', smallQ, largeQ, 100]);
    const lookup = await gql(`query { lookupSerial(number: "large-0004999") { number status } }`);

    // Read paths must stay flat as the ledger grows: median latency now, then after GROW more units.
    const reads = {
      lookupSerial: () =>
        gql(`query { lookupSerial(number: "large-0004999") { number status history { type } } }`),
      'serials page (in storage)': () =>
        gql(`query { serials(first: 50) { edges { node { number warehouse { code } } } } }`),
      'serials search': () =>
        gql(
          `query { serials(first: 50, filter: { search: "0004999", includeOutOfStorage: true }) { edges { node { number } } } }`,
        ),
      'picker page (FIFO)': () =>
        gql(
          `query($p: ID!, $w: ID!) { serials(first: 50, orderBy: RECEIVED_AT_ASC, filter: { productId: $p, warehouseId: $w, statuses: [IN_STOCK] }) { edges { node { number } } } }`,
          { p: p.id, w: w.id },
        ),
    };
    const median = async (read: () => Promise<{ ms: number }>) => {
      const times: number[] = [];
      for (let i = 0; i < 15; i++) times.push((await read()).ms);
      return times.sort((a, b) => a - b)[7]!;
    };
    const before: Record<string, number> = {};
    for (const [name, read] of Object.entries(reads)) before[name] = await median(read);
    const GROW = Number(process.env.BENCH_GROW ?? 100_000);
    for (let i = 0; i < GROW / LARGE; i++) await receive(numbers(`GROW${i}`, LARGE));
    // Autovacuum refreshes planner statistics within a minute of a bulk load; do it now rather than wait.
    await app.db.orm.em.fork().getConnection().execute('analyze');
    const unitsBefore = LARGE + BASELINE + 50;
    console.log(`\nread latency (median of 15) at ${unitsBefore} units vs ${unitsBefore + GROW} units`);
    for (const [name, read] of Object.entries(reads)) {
      const after = await median(read);
      console.log(
        `${name.padEnd(31)} | ${before[name]!.toFixed(1).padStart(7)} ms | ${after.toFixed(1).padStart(7)} ms | × ${(after / before[name]!).toFixed(2)}`,
      );
    }

    console.log(`\nserialgraph bench — baseline ${BASELINE} units vs ${LARGE} units, same run\n`);
    console.log(
      'operation                       | small ms | large ms | size ×  | time ×  | SQL small | SQL large',
    );
    for (const [name, s, l, size] of rows) {
      console.log(
        `${name.padEnd(31)} | ${s.ms.toFixed(0).padStart(8)} | ${l.ms.toFixed(0).padStart(8)} | ${size.toFixed(0).padStart(7)} | ${(l.ms / s.ms).toFixed(1).padStart(7)} | ${String(s.statements).padStart(9)} | ${String(l.statements).padStart(9)}`,
      );
    }
    console.log(
      `lookupSerial among ${LARGE + BASELINE + 50} units: ${lookup.ms.toFixed(1)} ms, ${lookup.statements} SQL statements`,
    );
    console.log(
      `\nreceiveStock of ${LARGE} serials: ${largeR.ms.toFixed(0)} ms server time, ${largeR.statements} SQL statements (${smallR.statements} for ${BASELINE}).`,
    );
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
