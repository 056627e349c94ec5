import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** What the API in demo mode answers at /demo-config.json. */
export interface DemoConfig {
  apiKey: string;
  graphqlPath: string;
}

/** Fetches the demo key and GraphQL path from the server that serves the app. */
export async function loadDemoConfig(): Promise<DemoConfig> {
  const response = await fetch('/demo-config.json', { headers: { accept: 'application/json' } });
  if (!response.ok)
    throw new Error(`GET /demo-config.json answered ${response.status} ${response.statusText}.`);
  return (await response.json()) as DemoConfig;
}

/** The same server's GraphQL path over WebSocket (ws: beside http:, wss: beside https:). */
function webSocketUrl(graphqlPath: string): string {
  const url = new URL(graphqlPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The host's own Apollo Client: the widgets use it through ApolloProvider. Subscriptions (live
 * updates when another clerk posts) go over one WebSocket, opened on first use and reopened after a
 * drop; everything else over HTTP.
 */
export function createDemoClient(config: DemoConfig): ApolloClient {
  const authorization = `Bearer ${config.apiKey}`;
  const http = new HttpLink({ uri: config.graphqlPath, headers: { authorization } });
  const live = new GraphQLWsLink(
    createClient({
      url: webSocketUrl(config.graphqlPath),
      connectionParams: { authorization },
      retryAttempts: Infinity,
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), live, http),
    cache: new InMemoryCache({
      // `node(id)` answers an interface: the cache must know its members to match `... on Serial`.
      possibleTypes: { Node: ['Serial', 'Document', 'Movement', 'Party', 'Product', 'Warehouse'] },
    }),
    // Stock changes with every posted document: lists are re-read rather than trusted from cache.
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
