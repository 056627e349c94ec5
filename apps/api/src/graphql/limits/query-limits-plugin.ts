import type { ApolloServerPlugin } from '@apollo/server';
import { parse, type GraphQLError, type ParseOptions } from 'graphql';
import { ErrorCode } from '@serialgraph/domain';
import { checkQuery, n } from './query-check';
import { ASSUMED_LIST_SIZE, queryCost } from './query-cost';
import type { QueryLimits } from './query-limits';

/** The parser's own token limit: a huge document is refused after `maxTokens` tokens, unparsed. */
export function parseOptionsFor(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * Refuses, before execution, what {@link checkQuery} refuses. Rewrites the parser's token-limit
 * error into the same typed refusal, and in production drops "Did you mean …?" from every error.
 */
export function queryLimitsPlugin<TContext extends object>(
  limits: QueryLimits,
): ApolloServerPlugin<TContext> {
  return {
    // With two copies of graphql loaded, the cost analysis would see no fields and let everything
    // through (silently under NODE_ENV=production): refuse to start instead.
    async serverWillStart({ schema }) {
      const probe = queryCost(schema, parse('{ warehouses { id } }'), undefined, {});
      if (probe !== ASSUMED_LIST_SIZE)
        throw new Error(`The query cost analysis is broken (a probe cost ${probe}).`);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = checkQuery({ schema, document, operation, variables: request.variables }, limits);
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
