import type { ApolloClient } from '@apollo/client';

/** The `client` prop every connected widget accepts. */
export interface ClientProp {
  /**
   * Apollo Client to query with. Default: the host's `ApolloProvider` client.
   * The widgets never create a client of their own.
   */
  client?: ApolloClient;
}
