// The fixed cost of a request: a primary-key read, `node(id) { ... on Serial { number status } }`,
// against a minimal express+pg handler serving the same row from the API server's own process
// (pk-baseline.ts), 200 alternating requests from this (separate) client process. Target: the API's
// p50 within about 1 ms of the handler's (≈ 2.5 ms absolute on a quiet machine).
import { toGlobalId } from '../common/global-id';
import { fmt, graphqlClient, median, printTable, type BenchContext, type BenchPart } from './harness';
import { readPkBaseline } from './pk-baseline';
import { createReadsWorld, LOADED_TABLES, unitId, unitLoadStatements } from './reads-data';

/** API p50 / handler p50: the target (2.5 ms against ≈ 1.4 ms); the run fails at 3 × this. */
const BUDGET = 1.8;
const FAIL_ABOVE = 3 * BUDGET;
const REQUESTS = 200;
/** Requests per server-CPU measurement (one kind at a time). */
const CPU_REQUESTS = 200;

export const fixedCost: BenchPart = {
  name: 'fixed-cost',
  async run(ctx: BenchContext) {
    const units = ctx.quick ? 10_000 : 100_000;
    const { organizationId, key } = await ctx.server.organization(`bench-fixed-cost-${Date.now()}`);
    const gql = graphqlClient(ctx.server.url, key);
    const world = await createReadsWorld(organizationId, async (query) => (await gql(query)).data);
    await loadUnits(ctx, world, units);

    const baselineUrl = await ctx.server.pkBaseline(organizationId);
    const uuid = unitId(organizationId, 4003);
    const id = toGlobalId('Serial', uuid);
    const pkRead = async () => {
      const { data, ms } = await gql<{ node: { number: string } | null }>(
        `query($id: ID!) { node(id: $id) { ... on Serial { number status } } }`,
        { id },
      );
      if (!data.node) throw new Error('the API pk read found nothing');
      return ms;
    };
    const typename = async () => (await gql('{ __typename }')).ms;
    const baseline = () => readPkBaseline(baselineUrl, uuid);

    for (let i = 0; i < 30; i++) await Promise.all([pkRead(), baseline(), typename()]); // warm-up: JIT, pools, caches
    const times = { api: [] as number[], baseline: [] as number[], typename: [] as number[] };
    for (let i = 0; i < REQUESTS; i++) {
      // Alternating, one at a time, so all three see the same machine load.
      if (i % 2) times.api.push(await pkRead());
      else times.baseline.push(await baseline());
      times.typename.push(await typename());
    }
    // Server CPU per request (its own process; the handler runs there too): steadier than wall time
    // on a loaded machine, where every round trip to PostgreSQL waits for a core.
    const cpu = async (request: () => Promise<number>) => {
      await ctx.server.mark();
      for (let i = 0; i < CPU_REQUESTS; i++) await request();
      return ((await ctx.server.stats()).cpuMs * 1000) / CPU_REQUESTS;
    };
    const cpuUs = { api: await cpu(pkRead), typename: await cpu(typename), baseline: await cpu(baseline) };
    const api = median(times.api);
    const floor = median(times.baseline);
    const ratio = api / floor;
    console.log(
      `${REQUESTS} alternating requests at ${units.toLocaleString('en')} units, client in its own process (p50, ms):\n`,
    );
    const rows = [
      ['API node(id) pk read', api, p90(times.api), ratio, cpuUs.api],
      [
        'API { __typename } (no SQL)',
        median(times.typename),
        p90(times.typename),
        median(times.typename) / floor,
        cpuUs.typename,
      ],
      ['minimal express+pg handler', floor, p90(times.baseline), 1, cpuUs.baseline],
    ] as const;
    printTable(
      ['request', 'p50 ms', 'p90 ms', '× handler', 'server CPU µs'],
      rows.map(([name, p50, p, x, us]) => [name, fmt(p50, 2), fmt(p, 2), `×${fmt(x, 2)}`, fmt(us)]),
    );
    console.log(
      `\npk read: API ${fmt(api, 2)} ms vs handler ${fmt(floor, 2)} ms = ×${fmt(ratio, 2)} ` +
        `(+${fmt(api - floor, 2)} ms; target < 2.5 ms, budget ×${BUDGET})`,
    );
    if (ratio > FAIL_ABOVE)
      ctx.fail(`fixed cost: pk read ×${fmt(ratio, 2)} of the handler (fails above ×${FAIL_ABOVE})`);
  },
};

function p90(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.9)]!;
}

/** Loads `units` units with set-based SQL as the tables' owner (the bench's own connection). */
async function loadUnits(ctx: BenchContext, world: Parameters<typeof unitLoadStatements>[0], units: number) {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    // Skip per-row foreign-key checks: the generated rows are consistent by construction.
    await client.query('set local session_replication_role = replica');
    for (let from = 0; from < units; from += 100_000)
      for (const statement of unitLoadStatements(world, from, Math.min(units, from + 100_000)))
        await client.query(statement);
    await client.query('commit');
    await client.query(`vacuum analyze ${LOADED_TABLES}`);
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
