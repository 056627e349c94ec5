import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Knex } from '@mikro-orm/knex';
import type { TracingConfig } from './tracing-config';

/**
 * What the server plugs in when traces are exported: a span per HTTP request, per GraphQL
 * operation, per root field, and per SQL statement (otel-tracing.ts).
 */
export interface Tracing {
  /** Right after the request log: the HTTP span, the parent of everything the request does. */
  middleware: RequestHandler;
  /** The GraphQL operation's span. */
  plugin: ApolloServerPlugin<object>;
  /** Root fields get spans; nested resolvers run in their root field's span (none per list item). */
  traceSchema(schema: GraphQLSchema): void;
  /** A span per statement this knex sends (transactions included). */
  traceSql(knex: Knex): void;
  /** Exports what is pending and unregisters the global tracer. */
  shutdown(): Promise<void>;
}

/**
 * Loads the OpenTelemetry SDK only now, and only when tracing is configured: a server without an
 * exporter never imports it and pays nothing per request.
 */
export async function startTracing(config: TracingConfig | undefined): Promise<Tracing | undefined> {
  if (!config) return undefined;
  const { openTelemetryTracing } = await import('./otel-tracing');
  return openTelemetryTracing(config);
}
