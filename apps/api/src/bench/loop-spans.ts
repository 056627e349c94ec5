// The synchronous spans a 100,000-serial posting spends on the event loop outside the posting path
// (what BENCHMARKS.md quotes): `npx tsx src/bench/loop-spans.ts` (median and max of 7 runs each).
import 'reflect-metadata';
import { getVariableValues, parse, type OperationDefinitionNode } from 'graphql';
import { normalizeSerial } from '@serialgraph/domain';
import { measureQuery } from '../graphql/limits/query-check';
import { queryCost } from '../graphql/limits/query-cost';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createSchema } from '../graphql/schema';
import { HiddenLists } from '../graphql/long-lists/hidden-lists';

async function main() {
  const schema = await createSchema();
  const doc = parse(`mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }`);
  const op = doc.definitions[0] as OperationDefinitionNode;
  const serials = Array.from({ length: 100_000 }, (_, k) => `BENCH-100000-${String(k).padStart(6, '0')}`);
  const body = JSON.stringify({
    query: 'mutation($i: ReceiveStockInput!) { receiveStock(input: $i) { id number } }',
    variables: {
      i: {
        warehouseId: 'V2FyZWhvdXNlOjE=',
        lines: [{ productId: 'UHJvZHVjdDox', quantity: 100000, unitCost: '10.00', serials }],
      },
    },
  });
  const buf = Buffer.from(body);
  const span = (name: string, f: () => unknown) => {
    const t: number[] = [];
    for (let k = 0; k < 7; k++) {
      const a = performance.now();
      f();
      t.push(performance.now() - a);
    }
    t.sort((x, y) => x - y);
    console.log(`${name}: median ${t[3]!.toFixed(1)} ms, max ${t[6]!.toFixed(1)} ms`);
  };
  console.log(`body ${(buf.length / 1e6).toFixed(2)} MB`);
  span('buffer → string (utf-8)', () => buf.toString('utf8'));
  span('JSON.parse of the body', () => JSON.parse(body));
  const vars = (JSON.parse(body) as { variables: Record<string, unknown> }).variables;
  span('graphql-js variable coercion (getVariableValues)', () =>
    getVariableValues(schema, op.variableDefinitions!, vars),
  );
  span('cost analysis coercing the variables (before: every mutation)', () =>
    queryCost(schema, doc, undefined, vars),
  );
  span('depth, aliases and cost of the mutation (now: long lists not coerced)', () =>
    measureQuery({ schema, document: doc, operation: op, variables: vars }),
  );
  // The same coercion with the long list hidden (graphql/long-lists), and what hiding costs.
  const hiddenVars = () => {
    const v = JSON.parse(body) as { variables: Record<string, unknown> };
    return v.variables;
  };
  const hideTimes: number[] = [];
  const coerceTimes: number[] = [];
  const restoreTimes: number[] = [];
  for (let k = 0; k < 7; k++) {
    const v = hiddenVars();
    const lists = new HiddenLists();
    let a = performance.now();
    await lists.hideIn(schema, op, v); // yields between slices: this is the sum of its slices
    hideTimes.push(performance.now() - a);
    a = performance.now();
    const coerced = getVariableValues(schema, op.variableDefinitions!, v).coerced!;
    coerceTimes.push(performance.now() - a);
    a = performance.now();
    lists.restoreIn({ i: coerced.i });
    restoreTimes.push(performance.now() - a);
  }
  const report = (name: string, t: number[]) => {
    t.sort((x, y) => x - y);
    console.log(`${name}: median ${t[3]!.toFixed(1)} ms, max ${t[6]!.toFixed(1)} ms`);
  };
  report('long lists hidden: every slice of the check together (yields between slices)', hideTimes);
  report('graphql-js variable coercion, long lists hidden', coerceTimes);
  report('hidden lists restored into the arguments', restoreTimes);
  // type-graphql's input conversion of a scalar list: convertToType once per element.
  const typeGraphql = path.dirname(createRequire(import.meta.url).resolve('type-graphql'));
  const { convertToType } = createRequire(import.meta.url)(path.join(typeGraphql, 'helpers/types.js')) as {
    convertToType: (target: unknown, data: unknown) => unknown;
  };
  span("type-graphql's conversion of the list (convertToType)", () => convertToType(String, serials));
  const literal = serials.map((n) => `"${n}"`);
  span('array literal: one join of 100,000 elements (before)', () => literal.join(','));
  span('array literal: the largest slice of arrayLiteral (2,048 elements mapped and joined)', () =>
    literal
      .slice(0, 2048)
      .map((n) => n)
      .join(','),
  );
  const chunks: string[] = [];
  for (let k = 0; k < literal.length; k += 2048) chunks.push(literal.slice(k, k + 2048).join(','));
  span('array literal: joining its 49 slices (now)', () => `{${chunks.join(',')}}`.length);
  span('serials.map(normalizeSerial)', () => serials.map((n) => normalizeSerial(n)));
  span('JSON.stringify of the body (client side)', () => JSON.stringify(JSON.parse(body)));
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
