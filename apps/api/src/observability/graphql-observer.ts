import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  getArgumentValues,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { mutationFields } from '../graphql/limits/postings';
import type { RequestContext } from '../common/context';
import type { ApiMetrics } from './metrics';
import { currentRequestRecord } from './request-context';

/** Client-chosen operation names are logged shortened. */
const MAX_OPERATION_NAME = 100;
const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * Fills the request's record (logged and counted when the response ends): operation type and
 * name, top-level fields, organization, outcome code; and for a posting, its size (serials in the
 * input, counted from the arguments without keeping them) and duration.
 */
export function graphqlObserver(metrics: ApiMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const record = currentRequestRecord();
      if (!record) return;
      let posting: { mutation: string; serials: number; started: number } | undefined;
      return {
        async didResolveOperation({ operation, operationName, document, schema, request }) {
          if (!operation) return;
          record.operationType = operation.operation;
          if (operationName) record.operationName = operationName.slice(0, MAX_OPERATION_NAME);
          record.fields = rootFields(schema, document, operation);
          // A posting comes alone in its request (ONE_POSTING_PER_REQUEST), so the request is its span.
          const field = mutationFields(schema, document, operation).find((f) => f.posting);
          if (!field) return;
          const serials = serialsInInput(schema, field.node, request.variables);
          record.serials = serials;
          posting = { mutation: field.field, serials, started: performance.now() };
        },
        async willSendResponse({ response, contextValue }) {
          record.organizationId ??= contextValue?.organizationId;
          if (response.body.kind === 'single') {
            const code = response.body.singleResult.errors?.[0]?.extensions?.code;
            record.outcome = typeof code === 'string' ? code : 'OK';
          }
          if (posting)
            metrics.recordPosting(
              posting.mutation,
              posting.serials,
              performance.now() - posting.started,
              record.outcome ?? 'OK',
            );
        },
      };
    },
  };
}

/** Top-level field names of the operation that the schema knows (fragments included), in order, once each. */
function rootFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  const type = schema.getRootType(operation.operation);
  const known = type?.getFields() ?? {};
  const names = new Set<string>();
  if (operation.operation === 'mutation') {
    for (const f of mutationFields(schema, document, operation)) if (known[f.field]) names.add(f.field);
  } else {
    for (const selection of operation.selectionSet.selections) {
      // Queries name their fields directly in practice; fragment spreads at the top are counted as one.
      if (selection.kind !== Kind.FIELD) continue;
      const name = selection.name.value;
      if (known[name] || META_FIELDS.has(name)) names.add(name);
    }
  }
  return [...names];
}

/** How many serials the posting's arguments name: every `serials` list, and each `…serialId`. */
function serialsInInput(
  schema: GraphQLSchema,
  node: FieldNode,
  variables: Record<string, unknown> | undefined,
): number {
  const definition = schema.getMutationType()?.getFields()[node.name.value];
  if (!definition) return 0;
  try {
    return countSerials(getArgumentValues(definition, node, variables ?? {}));
  } catch {
    return 0; // invalid arguments: GraphQL refuses the request anyway
  }
}

function countSerials(value: unknown, key = ''): number {
  if (Array.isArray(value)) {
    if (key === 'serials') return value.length;
    return value.reduce((n: number, item) => n + countSerials(item), 0);
  }
  if (value && typeof value === 'object')
    return Object.entries(value).reduce((n, [k, v]) => n + countSerials(v, k), 0);
  return typeof value === 'string' && /serialId$/i.test(key) ? 1 : 0;
}
