import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

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

/** The host's own Apollo Client: the widgets use it through ApolloProvider. */
export function createDemoClient(config: DemoConfig): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: config.graphqlPath, headers: { authorization: `Bearer ${config.apiKey}` } }),
    cache: new InMemoryCache({
      // `node(id)` answers an interface: the cache must know its members to match `... on Serial`.
      possibleTypes: { Node: ['Serial', 'Document', 'Movement', 'Party', 'Product', 'Warehouse'] },
    }),
    // Stock changes with every posted document: lists are re-read rather than trusted from cache.
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
