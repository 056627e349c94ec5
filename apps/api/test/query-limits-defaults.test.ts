import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  print,
  typeFromAST,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../src/common/pagination';
import { createSchema } from '../src/graphql/schema';
import { checkQuery, measureQuery, type QueryMeasure } from '../src/graphql/limits/query-check';
import { DEFAULT_QUERY_LIMITS } from '../src/graphql/limits/query-limits';
import { MAX_CHECK_NUMBERS } from '../src/modules/serial/serial-check.service';

// Every operation the project itself sends (the demo app, the widgets) or shows (the READMEs) must
// pass the query limits at their defaults, with the largest variables those clients send: pages of
// `first` = the API's maximum, and `numbers` lists as long as checkSerials takes.

const root = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string, match: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => match.test(f))
    .map((f) => path.join(root, dir, f));
}

/** The GraphQL inside every gql`…` tag of a file; `${FRAGMENT}` interpolations are dropped (their definitions are collected too). */
function gqlTags(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/gql`([\s\S]*?)`/g)].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, ''));
}

function graphqlFences(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const sources: { origin: string; text: string }[] = [
  ...filesUnder('apps/demo/src', /\.tsx?$/).flatMap((f) =>
    gqlTags(f).map((text) => ({ origin: path.relative(root, f), text })),
  ),
  ...filesUnder('packages/react/src', /\.documents\.graphql$/).map((f) => ({
    origin: path.relative(root, f),
    text: readFileSync(f, 'utf8'),
  })),
  ...['README.md', 'packages/react/README.md'].flatMap((f) =>
    graphqlFences(path.join(root, f)).map((text) => ({ origin: f, text })),
  ),
];

const definitions = sources.flatMap(({ origin, text }) =>
  parse(text).definitions.map((definition) => ({ origin, definition })),
);
const fragments = new Map(
  definitions
    .map((d) => d.definition)
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]),
);

/** An operation with the fragments it uses, as a client sends it. */
function asSent(operation: OperationDefinitionNode): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment) throw new Error(`fragment ${spread.name.value} is not defined anywhere`);
        if (!used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
}

/** The largest value a client sends for each variable (smallest valid input otherwise). */
function largestVariables(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  const sample = (type: GraphQLInputType, name: string): unknown => {
    if (isNonNullType(type)) return sample(type.ofType, name);
    if (isListType(type))
      return name === 'numbers'
        ? Array.from({ length: MAX_CHECK_NUMBERS }, (_, i) => `N-${i}`)
        : [sample(type.ofType, name)];
    if (isEnumType(type)) return type.getValues()[0]!.value;
    if (isInputObjectType(type))
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
          .map((f) => [f.name, sample(f.type, f.name)]),
      );
    switch (getNamedType(type).name) {
      case 'Int':
        return name === 'first' || name === 'last' ? MAX_PAGE_SIZE : 1;
      case 'Boolean':
        return true;
      case 'Decimal':
        return '1.00';
      default:
        return 'x';
    }
  };
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [
      v.variable.name.value,
      sample(typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value),
    ]),
  );
}

const operations = definitions.filter(
  (d): d is { origin: string; definition: OperationDefinitionNode } =>
    d.definition.kind === Kind.OPERATION_DEFINITION,
);

describe('the default query limits', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('found the operations of the demo, the widgets and the READMEs', () => {
    const origins = new Set(operations.map((o) => o.origin));
    expect([...origins].some((o) => o.startsWith('apps/demo/src'))).toBe(true);
    expect([...origins].filter((o) => o.startsWith('packages/react/src'))).toHaveLength(4);
    expect(origins).toContain('README.md');
    expect(origins).toContain('packages/react/README.md');
    expect(operations.length).toBeGreaterThan(20);
  });

  it('let every one of them through, with the largest variables its client sends', () => {
    const report: (QueryMeasure & { operation: string; tokens: number })[] = [];
    for (const { origin, definition } of operations) {
      const document = asSent(definition);
      const text = print(document);
      const label = `${origin}: ${definition.name?.value ?? definition.operation}`;
      // The token limit applies to the text as sent; parse refuses a longer one.
      expect(() => parse(text, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens }), label).not.toThrow();
      const request = {
        schema,
        document,
        operation: definition,
        variables: largestVariables(schema, definition),
      };
      const measure = measureQuery(request);
      // A cost of null would mean the variables were invalid and the cost never counted.
      expect(measure.cost, label).toEqual(expect.any(Number));
      expect(checkQuery(request, DEFAULT_QUERY_LIMITS)?.message ?? null, label).toBeNull();
      const tokens = text.match(
        /[A-Za-z_][\w]*|"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|\.\.\.|[!$&():=@[\]{|}]/g,
      )!.length;
      report.push({ operation: label, tokens, ...measure });
    }
    const worst = (key: 'depth' | 'aliases' | 'cost' | 'tokens') =>
      report.reduce((a, b) => ((b[key] ?? 0) > (a[key] ?? 0) ? b : a));
    console.log(
      'largest per limit:',
      (['depth', 'aliases', 'tokens', 'cost'] as const).map(
        (k) => `${k} ${worst(k)[k]} (${worst(k).operation})`,
      ),
    );
  });
});
