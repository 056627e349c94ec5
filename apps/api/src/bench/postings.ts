// Postings at scale: receive → transfer → ship → return of the same N serials, through GraphQL over
// HTTP (client wall time) and, interleaved so both see tables of the same size, the raw-SQL floor for
// the same rows. Budget: api ≤ 2 × floor; the run fails when a ratio exceeds 3 × that budget.
import { idOf } from '../common/global-id';
import { createFloor, floorPostings } from './floor';
import { fmt, graphqlClient, median, printTable, timed, type BenchContext, type BenchPart } from './harness';
import type { ServerStats } from './server-protocol';

const OPERATIONS = ['receiveStock', 'transferStock', 'shipStock', 'returnStock'] as const;
type Operation = (typeof OPERATIONS)[number];

const BUDGET = 2;
const FAIL_ABOVE = 3 * BUDGET;
const LOOP_BUDGET_MS = 50;

/** [serials, runs]: the median of the runs is reported. */
const QUICK_SIZES: [number, number][] = [
  [100, 3],
  [10_000, 3],
];
const FULL_SIZES: [number, number][] = [
  [100, 5],
  [10_000, 3],
  [100_000, 3],
];

/** BENCH_SIZES="100x5,100000x1": other sizes and runs, e.g. to profile one size. */
function sizesFrom(spec: string | undefined): [number, number][] | null {
  if (!spec) return null;
  return spec.split(',').map((part) => {
    const [n, runs = '1'] = part.split('x');
    return [Number(n), Number(runs)];
  });
}

interface Sample {
  api: number;
  floor: number;
  stats: ServerStats;
}

export const postings: BenchPart = {
  name: 'postings',
  async run(ctx: BenchContext) {
    const sizes = sizesFrom(process.env.BENCH_SIZES) ?? (ctx.quick ? QUICK_SIZES : FULL_SIZES);
    const { organizationId, key } = await ctx.server.organization(`bench-postings-${Date.now()}`);
    const gql = graphqlClient(ctx.server.url, key);
    const setup = await gql<Record<'w1' | 'w2' | 'c' | 'p', { id: string }>>(`mutation {
      w1: createWarehouse(input: { code: "BENCH-A", name: "Bench A" }) { id }
      w2: createWarehouse(input: { code: "BENCH-B", name: "Bench B" }) { id }
      c: createParty(input: { name: "Bench customer", roles: [CUSTOMER] }) { id }
      p: createProduct(input: { sku: "BENCH-1", name: "Bench unit", trackingMode: SERIAL, warrantyMonths: 24 }) { id }
    }`);
    const { w1, w2, c, p } = setup.data;
    const uuid = {
      w1: idOf('Warehouse', w1.id),
      w2: idOf('Warehouse', w2.id),
      c: idOf('Party', c.id),
      p: idOf('Product', p.id),
    };
    await createFloor(ctx.pool, organizationId);
    const floor = floorPostings(ctx.pool, { organizationId, productId: uuid.p });
    const lines = (serials: string[]) => [{ productId: p.id, quantity: serials.length, serials }];
    const api = {
      receiveStock: (serials: string[]) =>
        gql(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }`, {
          i: { warehouseId: w1.id, lines: [{ ...lines(serials)[0], unitCost: '10.00' }] },
        }),
      transferStock: (serials: string[]) =>
        gql(`mutation($i: TransferStockInput!) { transferStock(input: $i) { id number } }`, {
          i: { fromWarehouseId: w1.id, toWarehouseId: w2.id, lines: lines(serials) },
        }),
      shipStock: (serials: string[]) =>
        gql<{ shipStock: { id: string } }>(
          `mutation($i: ShipStockInput!) { shipStock(input: $i) { id number } }`,
          {
            i: { warehouseId: w2.id, customerId: c.id, lines: lines(serials) },
          },
        ),
      returnStock: (serials: string[], shipmentId: string) =>
        gql(`mutation($i: ReturnStockInput!) { returnStock(input: $i) { id number } }`, {
          i: { shipmentId, warehouseId: w2.id, condition: 'RESALABLE', serials },
        }),
    };

    /** One API posting inside a measurement window of the server. */
    const measured = async (fn: () => Promise<unknown>) => {
      await ctx.server.mark();
      const ms = await timed(fn);
      return { ms, stats: await ctx.server.stats() };
    };

    /** The four postings of one batch of serials, each API call followed by its floor. */
    const cycle = async (prefix: string, n: number) => {
      const serials = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(7, '0')}`);
      const out = {} as Record<Operation, Sample>;
      const record = async (op: Operation, a: () => Promise<unknown>, f: () => Promise<unknown>) => {
        const { ms, stats } = await measured(a);
        out[op] = { api: ms, floor: await timed(f), stats };
      };
      await record(
        'receiveStock',
        () => api.receiveStock(serials),
        () => floor.receive(serials, uuid.w1),
      );
      await record(
        'transferStock',
        () => api.transferStock(serials),
        () => floor.transfer(serials, uuid.w1, uuid.w2),
      );
      let shipmentId = '';
      let floorShipmentId = '';
      await record(
        'shipStock',
        async () => (shipmentId = (await api.shipStock(serials)).data.shipStock.id),
        async () => (floorShipmentId = await floor.ship(serials, uuid.w2, uuid.c)),
      );
      await record(
        'returnStock',
        () => api.returnStock(serials, shipmentId),
        () => floor.returnResalable(serials, uuid.w2, floorShipmentId, uuid.c),
      );
      return out;
    };

    await cycle('WARM', 100); // JIT, pools and plan caches on both sides
    const results = new Map<number, Sample[][]>();
    for (const [n, reps] of sizes) {
      const runs: Sample[][] = [];
      for (let r = 0; r < reps; r++) {
        const out = await cycle(`S${n}R${r}`, n);
        runs.push(OPERATIONS.map((op) => out[op]));
        process.stdout.write(
          `  ${n} serials, run ${r + 1}/${reps}: ${OPERATIONS.map((op) => `${op} ${fmt(out[op].api)} ms`).join(', ')}\n`,
        );
      }
      results.set(n, runs);
    }

    console.log(`\nmedian client wall time (ms) of the runs; ratio = api / floor (budget ≤ ${BUDGET})\n`);
    const rows: string[][] = [];
    const medians = new Map<string, number>();
    for (const [n] of sizes) {
      const runs = results.get(n)!;
      OPERATIONS.forEach((op, k) => {
        const samples = runs.map((run) => run[k]!);
        const apiMs = median(samples.map((s) => s.api));
        const floorMs = median(samples.map((s) => s.floor));
        const ratio = median(samples.map((s) => s.api / s.floor));
        medians.set(`${op}|${n}`, apiMs);
        const loopMax = Math.max(...samples.map((s) => s.stats.loopMaxMs));
        const statements = [...new Set(samples.map((s) => s.stats.statements))].join('/');
        rows.push([
          op,
          n.toLocaleString('en-US'),
          fmt(apiMs),
          fmt(floorMs),
          `${fmt(ratio, 2)}${ratio > BUDGET ? ' !' : ''}`,
          statements,
          `${fmt(loopMax)}${loopMax > LOOP_BUDGET_MS ? ' !' : ''}`,
          fmt(Math.max(...samples.map((s) => s.stats.peakRssMb))),
        ]);
        if (ratio > FAIL_ABOVE)
          ctx.fail(`${op} of ${n} serials: ${fmt(ratio, 2)} × the floor (fails above ${FAIL_ABOVE})`);
      });
    }
    printTable(
      ['operation', 'serials', 'api ms', 'floor ms', 'ratio', 'SQL stmts', 'loop max ms', 'peak RSS MB'],
      rows,
    );
    console.log(
      `\n"!" marks a figure over its budget (ratio ${BUDGET}, event-loop delay ${LOOP_BUDGET_MS} ms). ` +
        `loop max: longest event-loop delay in the server during the posting; peak RSS: the server's so far.`,
    );

    if (sizes.length < 2) return; // growth needs two sizes (BENCH_SIZES=100x30 profiles one)
    const [large, larger] = sizes.slice(-2).map(([n]) => n);
    console.log(
      `\ngrowth: time at ${larger!.toLocaleString('en-US')} / time at ${large!.toLocaleString('en-US')} serials (linear ≈ ${larger! / large!})`,
    );
    printTable(
      ['operation', 'api', 'floor'],
      OPERATIONS.map((op, k) => {
        const floorAt = (n: number) => median(results.get(n)!.map((run) => run[k]!.floor));
        return [
          op,
          fmt(medians.get(`${op}|${larger}`)! / medians.get(`${op}|${large}`)!, 1),
          fmt(floorAt(larger!) / floorAt(large!), 1),
        ];
      }),
    );
  },
};
