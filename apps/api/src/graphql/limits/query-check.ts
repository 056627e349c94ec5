import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode } from '@serialgraph/domain';
import { mutationFields } from './postings';
import { ASSUMED_LIST_SIZE, queryCost } from './query-cost';
import type { QueryLimits } from './query-limits';

/** What a query asks for, as the limits see it. */
export interface QueryMeasure {
  /** Deepest field nesting (graphql-armor's max-depth count, fragments flattened). */
  depth: number;
  /** Aliased fields (graphql-armor's max-aliases count). */
  aliases: number;
  /** See query-cost.ts; `Infinity` for a fragment bomb, `null` when the variables are invalid. */
  cost: number | null;
}

/** An operation to check: the request's document, the operation it runs, and its variables. */
export interface OperationToCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Record<string, unknown>;
}

/** Depth and aliases are measured by graphql-armor's rules, given no limit of their own. */
export function measureQuery({ schema, document, operation, variables }: OperationToCheck): QueryMeasure {
  const { depth, aliases } = shapeOf(schema, document);
  const costVariables = operation.operation === 'mutation' ? withoutLongLists(variables) : variables;
  return { depth, aliases, cost: queryCost(schema, document, operation.name?.value, costVariables) };
}

/**
 * Depth and aliases depend on the document alone. Apollo hands every request with the same query
 * text the same parsed document (its document store), so they are measured once per document.
 */
const shapes = new WeakMap<DocumentNode, { depth: number; aliases: number }>();

function shapeOf(schema: GraphQLSchema, document: DocumentNode): { depth: number; aliases: number } {
  const known = shapes.get(document);
  if (known) return known;
  let depth = 0;
  let aliases = 0;
  validate(schema, document, [
    maxDepthRule({
      n: Infinity,
      flattenFragments: true,
      onAccept: [(_, { n: found }) => void (depth = Math.max(depth, found))],
    }),
    maxAliasesRule({
      n: Infinity,
      onAccept: [(_, { n: found }) => void (aliases = Math.max(aliases, found))],
    }),
  ]);
  const shape = { depth, aliases };
  shapes.set(document, shape);
  return shape;
}

/** Lists longer than this are emptied for a mutation's cost (see withoutLongLists). */
const LONG_LIST = 1000;

/**
 * The variables as the cost of a mutation sees them: every list longer than {@link LONG_LIST}
 * emptied. The cost analysis coerces the variables it is given, and a posting's 100,000 serials
 * would be coerced twice (here, then by execution), holding the event loop twice as long. In a
 * mutation no list's contents or length change the cost (only `first`/`last` numbers do, and
 * `checkSerials(numbers)`, a query); execution still coerces and refuses the whole variables.
 */
export function withoutLongLists(value: unknown): Record<string, unknown> | undefined {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length > LONG_LIST ? [] : v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, strip(item)]));
    return v;
  };
  return value == null ? undefined : (strip(value) as Record<string, unknown>);
}

/**
 * The refusal for an operation over the depth, alias or cost limit, or for a posting mutation that
 * is not alone in its request; null when it may run.
 */
export function checkQuery(request: OperationToCheck, limits: QueryLimits): GraphQLError | null {
  const { depth, aliases, cost } = measureQuery(request);
  if (depth > limits.maxDepth)
    return tooComplex(
      'depth',
      limits.maxDepth,
      depth,
      `This query nests fields ${depth} levels deep; the depth limit is ${limits.maxDepth}. Ask for fewer nested fields, or fetch the nested data in a second query.`,
    );
  if (aliases > limits.maxAliases)
    return tooComplex(
      'aliases',
      limits.maxAliases,
      aliases,
      `This query uses ${n(aliases)} aliases; the alias limit is ${limits.maxAliases}. Split it into several requests.`,
    );
  const posting = postingRefusal(request);
  if (posting) return posting;
  if (cost !== null && cost > limits.maxCost)
    return tooComplex(
      'cost',
      limits.maxCost,
      Number.isFinite(cost) ? cost : null,
      `This query ${Number.isFinite(cost) ? `could answer about ${n(cost)} objects` : 'spreads its fragments too often'}; the cost limit is ${n(limits.maxCost)} (each object counts 1, times the page size \`first\` of every connection around it, or ${ASSUMED_LIST_SIZE} for lists without one). Ask for smaller pages or fewer nested lists.`,
    );
  return null;
}

/**
 * Mutations run one after another and their fields are non-null: if a later one is refused, `data`
 * is null and the client cannot see that an earlier document was committed. So a posting comes alone.
 */
function postingRefusal({ schema, document, operation }: OperationToCheck): GraphQLError | null {
  const fields = mutationFields(schema, document, operation);
  const postings = fields.filter((f) => f.posting);
  if (postings.length === 0 || fields.length === 1) return null;
  const named = fields.map((f) =>
    f.responseName === f.field ? f.field : `${f.field} (as ${f.responseName})`,
  );
  return new GraphQLError(
    `A request may post one document and carry no other mutation; this one carries ${named.join(', ')}. Send each posting in its own request: if a later one were refused, the answer could not show that an earlier one was posted.`,
    {
      extensions: {
        code: ErrorCode.ONE_POSTING_PER_REQUEST,
        postings: postings.map((f) => f.responseName),
        http: { status: 400 },
      },
    },
  );
}

export type Limit = 'depth' | 'aliases' | 'tokens' | 'cost';

/** Thousands separated, as people read limits. */
export const n = (value: number) => value.toLocaleString('en-US');

function tooComplex(limit: Limit, maximum: number, actual: number | null, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.QUERY_TOO_COMPLEX,
      limit,
      maximum,
      ...(actual === null ? {} : { actual }),
      http: { status: 400 },
    },
  });
}
