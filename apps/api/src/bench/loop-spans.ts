// The synchronous spans a 100,000-serial posting spends on the event loop outside the posting path
// (what BENCHMARKS.md quotes): `npx tsx src/bench/loop-spans.ts` (median and max of 7 runs each).
import 'reflect-metadata';
import { getVariableValues, parse, type OperationDefinitionNode } from 'graphql';
import { normalizeSerial } from '@serialgraph/domain';
import { measureQuery } from '../graphql/limits/query-check';
import { queryCost } from '../graphql/limits/query-cost';
import { createSchema } from '../graphql/schema';

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
