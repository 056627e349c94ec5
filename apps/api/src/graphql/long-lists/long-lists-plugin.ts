import type { ApolloServerPlugin } from '@apollo/server';
import { HiddenLists } from './hidden-lists';

/**
 * Keeps graphql-js from coercing a mutation's long string lists in one synchronous call (see
 * HiddenLists). Apollo Server reads `request.variables` for `execute` after every
 * `didResolveOperation` hook has settled (requestPipeline.ts), and calls `willResolveField` before
 * each field's resolver, for every field of the schema, with the very `args` object the resolver
 * then receives: the lists are hidden in the first and restored in the second.
 *
 * Plug it in after every plugin whose `didResolveOperation` reads the variables (the query limits,
 * the request log): those run their synchronous part first, on the real lists.
 */
export function longListsPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let hidden: HiddenLists | undefined;
      return {
        async didResolveOperation({ schema, operation, request }) {
          if (operation?.operation !== 'mutation' || !request.variables) return;
          // Kept before the checks finish: a refusal by another plugin releases whatever was hidden.
          hidden = new HiddenLists();
          await hidden.hideIn(schema, operation, request.variables);
        },
        async executionDidStart() {
          const lists = hidden;
          if (!lists || lists.size === 0) return;
          return {
            willResolveField({ args }) {
              lists.restoreIn(args as Record<string, unknown>);
            },
            async executionDidEnd() {
              lists.release();
            },
          };
        },
        async willSendResponse() {
          hidden?.release();
        },
      };
    },
  };
}
