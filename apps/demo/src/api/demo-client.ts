import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { offlineQueueLink } from '../common/offline-link';
import { offlineQueue } from '../common/offline-queue';

/** What the API in demo mode answers at /demo-config.json. */
export interface DemoConfig {
  apiKey: string;
  graphqlPath: string;
}

const REMEMBERED_CONFIG = 'serialgraph-demo-config';

/**
 * Fetches the demo key and GraphQL path from the server that serves the app. The last answer is
 * remembered on the device, so the app still opens offline (from the service worker) and shows
 * the documents saved there; without a network and never fetched before, this fails as before.
 */
export async function loadDemoConfig(): Promise<DemoConfig> {
  try {
    const response = await fetch('/demo-config.json', { headers: { accept: 'application/json' } });
    if (!response.ok)
      throw new Error(`GET /demo-config.json answered ${response.status} ${response.statusText}.`);
    const config = (await response.json()) as DemoConfig;
    localStorage.setItem(REMEMBERED_CONFIG, JSON.stringify(config));
    return config;
  } catch (error) {
    const remembered = error instanceof TypeError ? localStorage.getItem(REMEMBERED_CONFIG) : null;
    if (remembered) return JSON.parse(remembered) as DemoConfig;
    throw error;
  }
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
    link: ApolloLink.split(
      ({ query }) => isSubscriptionOperation(query),
      live,
      // Postings the API cannot be reached for are saved on this device and sent later.
      ApolloLink.from([offlineQueueLink(offlineQueue), http]),
    ),
    cache: new InMemoryCache({
      // `node(id)` answers an interface: the cache must know its members to match `... on Serial`.
      possibleTypes: { Node: ['Serial', 'Document', 'Movement', 'Party', 'Product', 'Warehouse'] },
    }),
    // Stock changes with every posted document: lists are re-read rather than trusted from cache.
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
