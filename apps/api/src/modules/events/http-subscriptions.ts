import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@serialgraph/domain';

/**
 * Apollo over HTTP would run a subscription like a query, once, with no event behind it: refuse it
 * before it runs and say where subscriptions live.
 */
export const subscriptionsOverHttpRefused: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'Subscriptions are served over WebSocket (graphql-ws) at this same path, not over HTTP: connect with a WebSocket client and send the key in connectionParams.authorization.',
          { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } },
        );
      },
    };
  },
};
