import { useState, type ReactNode } from 'react';
import { ApolloClient, ApolloLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { getOperationAST, type GraphQLFormattedError } from 'graphql';
import { Observable } from 'rxjs';

// A link-level GraphQL mock for stories and tests: the real components run their real
// queries through a real ApolloClient; only the network is replaced. Fixtures are typed by
// the codegen'd documents, so a schema change that breaks a fixture fails typecheck.

/** What a mocked operation answers. */
export type MockResult<TData> =
  | { data: TData; delay?: number }
  | { errors: GraphQLFormattedError[]; delay?: number }
  | { networkError: string; delay?: number }
  /** Never answers: the loading state. */
  | { pending: true };

/** One mocked operation, matched by operation name. */
export interface MockHandler {
  operationName: string;
  respond: (variables: Record<string, unknown>) => MockResult<unknown>;
}

/** Mocks an operation with a typed responder; it is called once per request. */
export function mockOperation<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  respond: (variables: NoInfer<TVariables>) => MockResult<NoInfer<TData>>,
): MockHandler {
  const operationName = getOperationAST(document)?.name?.value;
  if (!operationName) throw new Error('mockOperation needs a named operation');
  return { operationName, respond: respond as MockHandler['respond'] };
}

/** An ApolloLink answering from handlers; unknown operations fail loudly. Default delay: 20 ms. */
export function createMockLink(handlers: MockHandler[]): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const handler = handlers.find((candidate) => candidate.operationName === operation.operationName);
        if (!handler) {
          observer.error(new Error(`No mock for operation ${operation.operationName}`));
          return;
        }
        const result = handler.respond(operation.variables);
        if ('pending' in result) return;
        const timer = setTimeout(() => {
          if ('networkError' in result) observer.error(new Error(result.networkError));
          else {
            observer.next(
              'data' in result ? { data: result.data as Record<string, unknown> } : { errors: result.errors },
            );
            observer.complete();
          }
        }, result.delay ?? 20);
        return () => clearTimeout(timer);
      }),
  );
}

/** A fresh ApolloClient over createMockLink. */
export function createMockClient(handlers: MockHandler[]): ApolloClient {
  return new ApolloClient({ link: createMockLink(handlers), cache: new InMemoryCache() });
}

/** Wraps children in an ApolloProvider whose client answers from `handlers` (created once). */
export function MockApolloProvider({ handlers, children }: { handlers: MockHandler[]; children: ReactNode }) {
  const [client] = useState(() => createMockClient(handlers));
  return <ApolloProvider client={client}>{children}</ApolloProvider>;
}
