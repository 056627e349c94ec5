// `pnpm bench:validation`: what argument validation costs for the largest document the API accepts
// (100,000 serials), in process, without a database: the GraphQL schema parses and coerces the
// variables, then validateArguments (text hygiene + class-validator, nested) refuses an over-long
// reference, so nothing after validation runs. Prints the validation step alone, the whole request,
// and the longest the event loop was blocked (a 1 ms timer measures the gaps).
import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { validateArguments } from '../src/common/validation';
import { createSchema } from '../src/graphql/schema';

const SERIALS = Number(process.env.BENCH_SERIALS ?? 100_000);
const ROUNDS = 5;

const ids = {
  w: Buffer.from('Warehouse:00000000-0000-4000-8000-000000000001').toString('base64url'),
  p: Buffer.from('Product:00000000-0000-4000-8000-000000000002').toString('base64url'),
};

function input(serials: string[]) {
  return {
    warehouseId: ids.w,
    reference: 'r'.repeat(201), // refused by validation: the resolver never runs
    note: 'bench',
    lines: [{ productId: ids.p, quantity: serials.length, serials, unitCost: '1.00' }],
  };
}

/** Longest gap between 1 ms timer ticks while `run` is in flight: how long the loop was blocked. */
async function withLoopWatch<T>(run: () => Promise<T>): Promise<{ result: T; blockedMs: number }> {
  let last = performance.now();
  let blockedMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blockedMs = Math.max(blockedMs, now - last);
    last = now;
  }, 1);
  try {
    const result = await run();
    blockedMs = Math.max(blockedMs, performance.now() - last);
    return { result, blockedMs };
  } finally {
    clearInterval(timer);
  }
}

async function request(schema: GraphQLSchema, serials: string[]) {
  const res = await graphql({
    schema,
    source: `mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id } }`,
    variableValues: { i: input(serials) },
    contextValue: { role: 'admin' },
  });
  const code = (res.errors?.[0]?.originalError as { code?: string } | undefined)?.code;
  if (code !== 'BAD_USER_INPUT')
    throw new Error(`expected a validation refusal, got ${JSON.stringify(res.errors ?? res.data)}`);
}

async function main(): Promise<void> {
  const schema = await createSchema();
  const serials = Array.from({ length: SERIALS }, (_, i) => `BENCH-${String(i).padStart(8, '0')}`);
  const { ReceiveStockInput, StockLineInput } = await import('../src/modules/document/document.inputs');
  const instance = Object.assign(new ReceiveStockInput(), {
    ...input(serials),
    lines: [Object.assign(new StockLineInput(), input(serials).lines[0])],
  });
  const info = { parentType: schema.getMutationType()!, fieldName: 'receiveStock' };
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    try {
      await validateArguments(instance, ReceiveStockInput, { args: { input: instance }, info } as never);
    } catch {
      // the over-long reference: refused, as intended
    }
    const validationMs = performance.now() - started;
    const whole = await withLoopWatch(async () => {
      const t = performance.now();
      await request(schema, serials);
      return performance.now() - t;
    });
    console.log(
      `round ${round}: validateArguments ${validationMs.toFixed(1)} ms; whole request (coercion + validation) ${whole.result.toFixed(1)} ms; event loop blocked at most ${whole.blockedMs.toFixed(1)} ms (${SERIALS} serials)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
