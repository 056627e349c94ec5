import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, validate, type ParseOptions } from 'graphql';
import { ErrorCode } from '@serialgraph/domain';
import { mutationFields } from './postings';
import { ASSUMED_LIST_SIZE, queryCost } from './query-cost';
import type { QueryLimits } from './query-limits';

type Limit = 'depth' | 'aliases' | 'tokens' | 'cost';

const n = (value: number) => value.toLocaleString('en-US');

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

/** The parser's own token limit: a huge document is refused after `maxTokens` tokens, unparsed. */
export function parseOptionsFor(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * Refuses, before execution, an operation over the depth, alias or cost limit, and a posting
 * mutation that is not alone in its request. Rewrites the parser's token-limit error into the same
 * typed refusal, and in production drops "Did you mean …?" from every error message.
 */
export function queryLimitsPlugin<TContext extends object>(
  limits: QueryLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          const refusal =
            structureRefusal(request, limits) ?? postingRefusal(request) ?? costRefusal(request, limits);
          if (refusal) throw refusal;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            rewriteTokenLimit(error, limits);
            if (limits.hideSuggestions) error.message = withoutSuggestions(error.message);
          }
        },
      };
    },
  };
}

/** Depth and aliases, measured by graphql-armor's rules (with no limit of their own) and compared here. */
function structureRefusal(
  { schema, document }: GraphQLRequestContextDidResolveOperation<object>,
  limits: QueryLimits,
): GraphQLError | null {
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
  return null;
}

function costRefusal(
  { schema, document, operationName, request }: GraphQLRequestContextDidResolveOperation<object>,
  limits: QueryLimits,
): GraphQLError | null {
  const cost = queryCost(schema, document, operationName, request.variables);
  if (cost === null || cost <= limits.maxCost) return null;
  const found = Number.isFinite(cost)
    ? `could answer about ${n(cost)} objects`
    : 'spreads its fragments too often';
  return tooComplex(
    'cost',
    limits.maxCost,
    Number.isFinite(cost) ? cost : null,
    `This query ${found}; the cost limit is ${n(limits.maxCost)} (each object counts 1, times the page size \`first\` of every connection around it, or ${ASSUMED_LIST_SIZE} for lists without one). Ask for smaller pages or fewer nested lists.`,
  );
}

/**
 * Mutations run one after another and their fields are non-null: if a later one is refused, `data`
 * is null and the client cannot see that an earlier document was committed. So a posting comes alone.
 */
function postingRefusal({
  schema,
  document,
  operation,
}: GraphQLRequestContextDidResolveOperation<object>): GraphQLError | null {
  if (!operation) return null;
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

const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:an|at) \d+ tokens/;

/** graphql-js reports its token limit as a syntax error; clients get the typed refusal instead. */
function rewriteTokenLimit(error: GraphQLError, limits: QueryLimits): void {
  if (!TOKEN_LIMIT_MESSAGE.test(error.message)) return;
  error.message = `This document has more than ${n(limits.maxTokens)} tokens (names, values, punctuation), the token limit; it was not read further. Pass long lists as variables, or split the request.`;
  Object.assign(error.extensions, {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    limit: 'tokens',
    maximum: limits.maxTokens,
  });
}

/** Same pattern as Apollo's DisableSuggestions plugin, applied to every error (also variable coercion). */
function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}
