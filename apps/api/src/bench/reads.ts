// The `reads` part of the benchmark: read latency as one organization's ledger grows from 10,000 to
// (by default) 1,000,000 units, and the fixed cost of a request (a primary-key read) against a
// minimal express + pg handler serving the same row in the same process. Ratios, not milliseconds,
// are the result: this machine is shared and noisy.
import { MikroORM } from '@mikro-orm/postgresql';
import type { RunningApp } from '../app';
import { ormConfig } from '../db/orm-config';
import { createApiKey, findOrCreateOrganization } from '../modules/auth/auth.service';
import { toGlobalId } from '../common/global-id';
import { readPkBaseline, startPkBaseline } from './pk-baseline';
import { createReadsWorld, loadUnits, unitId, unitNumber, UNITS_PER_RECEIPT } from './reads-data';

export interface ReadsBenchContext {
  app: RunningApp;
  /** Ledger sizes to measure at, ascending, multiples of 10,000; the first is the baseline. */
  sizes?: number[];
  /** Requests per measurement (p50 of these, after a warm-up). */
  samples?: number;
  log?: (line: string) => void;
}

export interface ReadsBenchResult {
  sizes: number[];
  /** p50 ms per read per size. */
  p50: Record<string, number[]>;
  /** p50 ms of the minimal express+pg pk handler, interleaved with each read's requests. */
  baselineP50: Record<string, number[]>;
  /** SQL statements per read per size (must not grow). */
  statements: Record<string, number[]>;
  pk: { api: number; baseline: number; typename: number; units: number };
  loadSeconds: number[];
}

type Gql = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ ms: number; statements: number; data: Record<string, unknown> }>;

function p50(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchReads(ctx: ReadsBenchContext): Promise<ReadsBenchResult> {
  const { app } = ctx;
  const log = ctx.log ?? ((line: string) => console.log(line));
  const sizes = ctx.sizes ?? [10_000, 100_000, 1_000_000];
  const samples = ctx.samples ?? 41;
  const em = app.db.orm.em.fork();
  const org = await findOrCreateOrganization(em, `bench-reads-${Date.now()}`);
  const { key } = await createApiKey(em, org.id, { name: 'bench-reads', role: 'viewer' });
  const admin = await createApiKey(em, org.id, { name: 'bench-reads-admin', role: 'admin' });
  const gqlWith =
    (apiKey: string): Gql =>
    async (query, variables = {}) => {
      const before = app.db.statementCount();
      const started = performance.now();
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms, statements: app.db.statementCount() - before, data: body.data! };
    };
  const gql = gqlWith(key);

  const world = await createReadsWorld(org.id, async (query) => (await gqlWith(admin.key)(query)).data);
  const product = toGlobalId('Product', world.products[1]!);
  const warehouse = toGlobalId('Warehouse', world.warehouses[0]);
  const customer = toGlobalId('Party', world.customers[0]!);
  // Unit 3 is shipped (two movements); unit 4003 sits in MAIN.
  const shippedNumber = unitNumber(3);

  const reads: Record<string, () => ReturnType<Gql>> = {
    'lookupSerial + history': () =>
      gql(
        `query($n: String!) { lookupSerial(number: $n) { number status warehouse { code } customer { name }
        warranty { endsAt } history { type at actor document { number } } } }`,
        { n: shippedNumber },
      ),
    'serials page (product+warehouse)': () =>
      gql(
        `query($p: ID!, $w: ID!) { serials(first: 50, filter: { productId: $p, warehouseId: $w }) {
          edges { cursor node { number status product { sku } warehouse { code } } } pageInfo { hasNextPage } } }`,
        { p: product, w: warehouse },
      ),
    'serials search page': () =>
      gql(
        `query { serials(first: 50, filter: { search: "00040", includeOutOfStorage: true }) {
          edges { node { number status product { sku } } } } }`,
      ),
    'FIFO picker page': () =>
      gql(
        `query($p: ID!, $w: ID!) { serials(first: 50, orderBy: RECEIVED_AT_ASC, filter: { productId: $p, warehouseId: $w, statuses: [IN_STOCK] }) {
          edges { node { number receivedAt } } } }`,
        { p: product, w: warehouse },
      ),
    'totalCount (in storage, all)': () => gql(`query { serials(first: 0) { totalCount } }`),
    'totalCount (product+warehouse)': () =>
      gql(
        `query($p: ID!, $w: ID!) { serials(first: 0, filter: { productId: $p, warehouseId: $w, includeOutOfStorage: true }) { totalCount } }`,
        { p: product, w: warehouse },
      ),
    'totalCount (customer)': () =>
      gql(
        `query($c: ID!) { serials(first: 0, filter: { partyId: $c, includeOutOfStorage: true }) { totalCount } }`,
        { c: customer },
      ),
    'documents page': () =>
      gql(`query { documents(first: 50) { edges { node { number type party { name } } } } }`),
    'node(id) pk read': () =>
      gql(`query($id: ID!) { node(id: $id) { ... on Serial { number status } } }`, {
        id: toGlobalId('Serial', unitId(org.id, 4003)),
      }),
  };

  const result: ReadsBenchResult = {
    sizes,
    p50: {},
    baselineP50: {},
    statements: {},
    pk: { api: 0, baseline: 0, typename: 0, units: 0 },
    loadSeconds: [],
  };
  const baseline = await startPkBaselineHere(app, org.id);
  // Bulk loads need the tables' owner (a superuser on the embedded cluster), not the server's role.
  const owner = await MikroORM.init(ormConfig(app.db.ownerUrl));
  try {
    let loaded = 0;
    for (const size of sizes) {
      const started = performance.now();
      for (let from = loaded; from < size; from += 100 * UNITS_PER_RECEIPT)
        await loadUnits(owner.em.fork(), world, from, Math.min(size, from + 100 * UNITS_PER_RECEIPT));
      loaded = size;
      const seconds = (performance.now() - started) / 1000;
      result.loadSeconds.push(seconds);
      log(`reads: ${size.toLocaleString('en')} units loaded (+${seconds.toFixed(1)} s)`);
      // The counters must agree with the units (the loader recounts them; postings keep them by trigger).
      const counted = (await reads['totalCount (in storage, all)']!()).data as {
        serials: { totalCount: number };
      };
      const [truth] = await owner.em
        .fork()
        .getConnection()
        .execute(`select count(*)::int as n from serial where organization_id = ? and status <> 'SHIPPED'`, [
          org.id,
        ]);
      if (counted.serials.totalCount !== (truth as { n: number }).n)
        throw new Error(`totalCount ${counted.serials.totalCount} ≠ ${(truth as { n: number }).n} units`);
      for (const [name, read] of Object.entries(reads)) {
        for (let i = 0; i < 5; i++) await read(); // warm-up: JIT, pool, plan caches
        const times: number[] = [];
        const base: number[] = [];
        let statements = 0;
        for (let i = 0; i < samples; i++) {
          const r = await read();
          times.push(r.ms);
          statements = r.statements;
          // Interleaved with the read, so both see the same machine load at the same moment.
          base.push(await baseline.read(unitId(org.id, 4003)));
        }
        (result.p50[name] ??= []).push(p50(times));
        (result.baselineP50[name] ??= []).push(p50(base));
        (result.statements[name] ??= []).push(statements);
      }
      // The fixed cost: 200 alternating requests, the API's pk read vs the minimal handler's.
      if (size === 100_000 || (size === sizes.at(-1) && !result.pk.units)) {
        const api: number[] = [];
        const base: number[] = [];
        const typename: number[] = [];
        const pkRead = reads['node(id) pk read']!;
        for (let i = 0; i < 20; i++) await baseline.read(unitId(org.id, 4003));
        for (let i = 0; i < 200; i++) {
          if (i % 2) api.push((await pkRead()).ms);
          else base.push(await baseline.read(unitId(org.id, 4003)));
          typename.push((await gql('{ __typename }')).ms);
        }
        result.pk = { api: p50(api), baseline: p50(base), typename: p50(typename), units: size };
      }
    }
  } finally {
    await owner.close(true);
    await baseline.close();
  }

  const first = (xs: number[]) => xs[0]!;
  log(
    `\n## reads — p50 of ${samples} requests per read (ms), ratio against ${sizes[0]!.toLocaleString('en')} units`,
  );
  log(
    `| read | ${sizes.map((s) => `${s.toLocaleString('en')} ms`).join(' | ')} | ${sizes
      .slice(1)
      .map((s) => `× at ${s.toLocaleString('en')}`)
      .join(' | ')} | SQL statements |`,
  );
  log(
    `|---|${sizes.map(() => '---:').join('|')}|${sizes
      .slice(1)
      .map(() => '---:')
      .join('|')}|---|`,
  );
  for (const [name, times] of Object.entries(result.p50)) {
    log(
      `| ${name} | ${times.map((t) => t.toFixed(1)).join(' | ')} | ${times
        .slice(1)
        .map((t) => `×${(t / first(times)).toFixed(2)}`)
        .join(' | ')} | ${result.statements[name]!.join(' / ')} |`,
    );
  }
  log(
    `\nthe same, normalised: read p50 / p50 of the minimal express+pg pk handler interleaved with it (cancels the machine's load drift)`,
  );
  log(
    `| read | ${sizes.map((s) => `${s.toLocaleString('en')}`).join(' | ')} | ${sizes
      .slice(1)
      .map((s) => `× at ${s.toLocaleString('en')}`)
      .join(' | ')} |`,
  );
  log(`|---|${[...sizes, ...sizes.slice(1)].map(() => '---:').join('|')}|`);
  for (const [name, times] of Object.entries(result.p50)) {
    const norm = times.map((t, i) => t / result.baselineP50[name]![i]!);
    log(
      `| ${name} | ${norm.map((t) => `${t.toFixed(2)}`).join(' | ')} | ${norm
        .slice(1)
        .map((t) => `×${(t / first(norm)).toFixed(2)}`)
        .join(' | ')} |`,
    );
  }
  const { pk } = result;
  log(
    `\npk read at ${pk.units.toLocaleString('en')} units (200 alternating requests): API node(id) p50 ${pk.api.toFixed(2)} ms, ` +
      `minimal express+pg handler ${pk.baseline.toFixed(2)} ms (×${(pk.api / pk.baseline).toFixed(2)}), ` +
      `API { __typename } (no SQL) ${pk.typename.toFixed(2)} ms`,
  );
  log(`load: ${result.loadSeconds.map((s) => `${s.toFixed(1)} s`).join(', ')}`);
  return result;
}

/** The minimal handler in this process (the reads bench runs the API in-process too). */
async function startPkBaselineHere(app: RunningApp, organizationId: string) {
  const baseline = await startPkBaseline(app.db.ownerUrl, organizationId);
  return { read: (id: string) => readPkBaseline(baseline.url, id), close: () => baseline.close() };
}
