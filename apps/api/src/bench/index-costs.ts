// What index maintenance costs a posting: the floor's receipt and shipment of the same units with
// the real tables' indexes and foreign keys, then with some dropped, step by step (a copy of the
// tables in schema `index_costs`; the real ones are untouched). Reads need these indexes: this
// only says what each costs the writes.
import { idOf } from '../common/global-id';
import { createFloor, floorPostings } from './floor';
import { fmt, graphqlClient, median, printTable, timed, type BenchContext, type BenchPart } from './harness';

const SCHEMA = 'index_costs';

/** Each step drops more, so the difference between two steps is what the dropped ones cost. */
const STEPS: { name: string; drop: string }[] = [
  { name: 'as the real tables', drop: '' },
  {
    name: '− serial trigram index (search)',
    drop: `select format('drop index ${SCHEMA}.%I', indexname) from pg_indexes
            where schemaname = '${SCHEMA}' and tablename = 'serial' and indexdef like '%gin_trgm_ops%'`,
  },
  {
    name: '− movement foreign keys',
    drop: `select format('alter table ${SCHEMA}.movement drop constraint %I', conname) from pg_constraint
            where contype = 'f' and conrelid = '${SCHEMA}.movement'::regclass`,
  },
  {
    name: '− other serial secondary indexes',
    drop: `select format('drop index ${SCHEMA}.%I', indexname) from pg_indexes
            where schemaname = '${SCHEMA}' and tablename = 'serial'
              and indexdef not like 'CREATE UNIQUE INDEX%'`,
  },
];

export const indexCosts: BenchPart = {
  name: 'index-costs',
  async run(ctx: BenchContext) {
    if (ctx.quick) {
      console.log('(full bench only)');
      return;
    }
    const n = 10_000;
    const reps = 3;
    const { organizationId, key } = await ctx.server.organization(`bench-index-costs-${Date.now()}`);
    const gql = graphqlClient(ctx.server.url, key);
    const { data } = await gql<Record<'w1' | 'w2' | 'c' | 'p', { id: string }>>(`mutation {
      w1: createWarehouse(input: { code: "IDX-A", name: "Index A" }) { id }
      w2: createWarehouse(input: { code: "IDX-B", name: "Index B" }) { id }
      c: createParty(input: { name: "Index customer", roles: [CUSTOMER] }) { id }
      p: createProduct(input: { sku: "IDX-1", name: "Index unit", trackingMode: SERIAL }) { id }
    }`);
    const w1 = idOf('Warehouse', data.w1.id);
    const customer = idOf('Party', data.c.id);
    await createFloor(ctx.pool, organizationId, SCHEMA);
    const floor = floorPostings(ctx.pool, { organizationId, productId: idOf('Product', data.p.id) }, SCHEMA);
    const rows: string[][] = [];
    let first: { receive: number; ship: number } | null = null;
    for (const [s, step] of STEPS.entries()) {
      if (step.drop) {
        const { rows: statements } = await ctx.pool.query<{ format: string }>(step.drop);
        for (const { format } of statements) await ctx.pool.query(format);
      }
      const receive: number[] = [];
      const ship: number[] = [];
      for (let r = 0; r < reps; r++) {
        const serials = Array.from({ length: n }, (_, i) => `IDX${s}R${r}-${String(i).padStart(7, '0')}`);
        receive.push(await timed(() => floor.receive(serials, w1)));
        ship.push(await timed(() => floor.ship(serials, w1, customer)));
      }
      const m = { receive: median(receive), ship: median(ship) };
      first ??= m;
      rows.push([
        step.name,
        fmt(m.receive),
        fmt(m.ship),
        fmt(first.receive - m.receive),
        fmt(first.ship - m.ship),
      ]);
    }
    console.log(
      `floor postings of ${n.toLocaleString('en-US')} serials (median of ${reps}), dropping step by step\n`,
    );
    printTable(['tables', 'receive ms', 'ship ms', 'receive saved ms', 'ship saved ms'], rows);
    await ctx.pool.query(`drop schema ${SCHEMA} cascade`);
  },
};
