import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
// The CommonJS build: the ESM one imports graphql/index.mjs, a second copy of graphql beside the
// CommonJS one everything else loads, whose types it would not recognise (silently, in production).
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity/cjs';

/**
 * The cost of a query is the number of objects its answer can hold: every object field counts 1
 * (scalars and `pageInfo` count nothing, they come with their object), times the size of every
 * list around it. A connection's size is its `first` (default 50); `checkSerials` answers one
 * object per number; other lists have no page size, so they count as {@link ASSUMED_LIST_SIZE}
 * items, or as listed in {@link ASSUMED_SIZES}.
 */
export const ASSUMED_LIST_SIZE = 20;

/** Lists that are often far longer than {@link ASSUMED_LIST_SIZE}. */
export const ASSUMED_SIZES: Readonly<Record<string, number>> = {
  // A receipt line may hold 10,000 units: reading one document's units is fine, nesting them is not.
  'DocumentLine.serials': 1000,
};

/** Lists that answer one item per element of an argument. */
const SIZE_FROM_ARGUMENT: Readonly<Record<string, string>> = { 'Query.checkSerials': 'numbers' };

/** Evaluating more selections than this (fragments spread into each other) is refused outright. */
const MAX_EVALUATED_SELECTIONS = 10_000;

const objectsInAnswer: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (isLeafType(named) || named.name === 'PageInfo' || named.name.startsWith('__')) return 0;
  const perItem = 1 + childComplexity;
  const page = (args.first ?? args.last) as unknown;
  // A connection: `first` edges, each with its node; the edges list itself is not counted again.
  if (typeof page === 'number') return 1 + Math.max(page, 0) * childComplexity;
  if (!isListType(getNullableType(field.type)) || field.name === 'edges') return perItem;
  const key = `${type.name}.${field.name}`;
  const sizedBy = SIZE_FROM_ARGUMENT[key];
  const given = sizedBy ? (args[sizedBy] as unknown) : undefined;
  const size = Array.isArray(given) ? given.length : (ASSUMED_SIZES[key] ?? ASSUMED_LIST_SIZE);
  return size * perItem;
};

/**
 * The cost of the operation to run, or `Infinity` when it spreads fragments into so many
 * selections that evaluating it is itself the attack. `null` when its variables are invalid:
 * execution refuses those before any resolver runs.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [objectsInAnswer],
      maxQueryNodes: MAX_EVALUATED_SELECTIONS,
    });
  } catch (error) {
    const message = (error as Error | undefined)?.message ?? '';
    if (/maximum allowed number of nodes/.test(message)) return Infinity;
    if (message.startsWith('Variable "$')) return null;
    throw error;
  }
}
