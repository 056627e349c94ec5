// The only module that imports OpenTelemetry; loaded by tracing.ts when an exporter is configured.
import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Knex } from '@mikro-orm/knex';
import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { Tracing } from './tracing';
import type { TracingConfig } from './tracing-config';
import { currentRequestRecord } from './request-context';

const SCOPE = 'serialgraph-api';
/** Client-chosen operation names are kept shortened, as in the logs. */
const MAX_OPERATION_NAME = 100;
/** The statement verbs a SQL span is named after; anything else is `SQL`. */
const SQL_OPERATIONS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'SET',
  'LOCK',
  'CALL',
  'COPY',
  'SHOW',
  'VALUES',
  'CREATE',
  'ALTER',
  'DROP',
]);

/** Paths named in HTTP span names; any other is named by its method alone (a bounded set of names). */
const ROUTES = new Set(['/graphql', '/healthz', '/metrics']);
/** SQL spans still open (a statement whose end was never reported is dropped beyond this). */
const MAX_OPEN_SQL_SPANS = 10_000;

/** Per GraphQL request (keyed by its context object): its operation span and its root fields' contexts. */
interface OperationTrace {
  context: Context;
  roots: Map<string | number, Context>;
}

/**
 * Spans hold names, kinds, timings, counts and codes only: never a header, a variable, an SQL text
 * or parameter, or an error message (a database error's message quotes the row's values).
 */
export function openTelemetryTracing(config: TracingConfig): Tracing {
  const exporter = new OTLPTraceExporter(config.url ? { url: config.url } : {});
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(
        exporter,
        config.exportDelayMs !== undefined ? { scheduledDelayMillis: config.exportDelayMs } : {},
      ),
    ],
  });
  // The async-hooks context manager and W3C trace-context propagation (a caller's traceparent is honoured).
  provider.register();
  const tracer = provider.getTracer(SCOPE);
  const operations = new WeakMap<object, OperationTrace>();

  const middleware: Tracing['middleware'] = (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const path = req.path.slice(0, 200);
    const span = tracer.startSpan(
      ROUTES.has(path) ? `${req.method} ${path}` : req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': path,
          'serialgraph.request_id': currentRequestRecord()?.requestId,
        },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };

  const plugin: Tracing['plugin'] = {
    async requestDidStart({ contextValue }) {
      const record = currentRequestRecord();
      const span = tracer.startSpan('graphql', {
        attributes: { 'serialgraph.request_id': record?.requestId },
      });
      operations.set(contextValue, { context: trace.setSpan(context.active(), span), roots: new Map() });
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const name = operationName?.slice(0, MAX_OPERATION_NAME);
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (name) span.setAttribute('graphql.operation.name', name);
        },
        async willSendResponse({ response }) {
          if (record?.organizationId) span.setAttribute('serialgraph.organization_id', record.organizationId);
          if (response.body.kind === 'single') {
            const code = response.body.singleResult.errors?.[0]?.extensions?.code;
            const outcome = typeof code === 'string' ? code : 'OK';
            span.setAttribute('serialgraph.outcome', outcome);
            if (outcome !== 'OK') span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
  };

  function traceSchema(schema: GraphQLSchema): void {
    const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const root = roots.has(type);
      for (const field of Object.values(type.getFields())) {
        if (!root && !field.resolve) continue; // a plain property: no SQL of its own
        const resolve = field.resolve ?? defaultFieldResolver;
        field.resolve = root ? rootFieldResolver(type.name, resolve) : nestedFieldResolver(resolve);
      }
    }
  }

  /** A span per root field (aliases included), the parent of the SQL its subtree sends. */
  function rootFieldResolver(typeName: string, resolve: GraphQLFieldResolver<unknown, object>) {
    return (source: unknown, args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => {
      const operation = operations.get(ctx);
      if (!operation) return resolve(source, args, ctx, info);
      const span = tracer.startSpan(
        `${typeName}.${info.fieldName}`,
        { attributes: { 'graphql.field.name': info.fieldName, 'graphql.field.path': String(info.path.key) } },
        operation.context,
      );
      const spanContext = trace.setSpan(operation.context, span);
      operation.roots.set(info.path.key, spanContext);
      const end = (error?: unknown) => {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      try {
        const result = context.with(spanContext, () => resolve(source, args, ctx, info));
        if (result instanceof Promise)
          result.then(
            () => end(),
            (e: unknown) => end(e ?? true),
          );
        else end();
        return result;
      } catch (error) {
        end(error ?? true);
        throw error;
      }
    };
  }

  /** Nested resolvers make no span (one per list item would be unbounded): they run in their root field's. */
  function nestedFieldResolver(resolve: GraphQLFieldResolver<unknown, object>) {
    return (source: unknown, args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => {
      const operation = operations.get(ctx);
      if (!operation) return resolve(source, args, ctx, info);
      let path = info.path;
      while (path.prev) path = path.prev;
      const parent = operation.roots.get(path.key) ?? operation.context;
      return context.with(parent, () => resolve(source, args, ctx, info));
    };
  }

  function traceSql(knex: Knex): void {
    const spans = new Map<string, Span>();
    knex.on('query', (query: { __knexQueryUid?: string; sql?: string }) => {
      // Transaction control (begin/commit) has no id and no response event: it is not traced.
      // Outside any traced work (start-up, a probe's check) a statement would be a trace of its own.
      if (!query.__knexQueryUid || !trace.getSpan(context.active())) return;
      const operation = sqlOperation(query.sql);
      if (spans.size >= MAX_OPEN_SQL_SPANS) spans.delete(spans.keys().next().value!);
      spans.set(
        query.__knexQueryUid,
        tracer.startSpan(operation, {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation },
        }),
      );
    });
    const end = (uid: string | undefined, error?: unknown) => {
      const span = uid ? spans.get(uid) : undefined;
      if (!span) return;
      spans.delete(uid!);
      if (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
          span.setAttribute('db.response.status_code', code);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    };
    knex.on('query-response', (_response: unknown, query: { __knexQueryUid?: string }) =>
      end(query.__knexQueryUid),
    );
    knex.on('query-error', (error: unknown, query: { __knexQueryUid?: string }) =>
      end(query.__knexQueryUid, error ?? true),
    );
  }

  return {
    middleware,
    plugin,
    traceSchema,
    traceSql,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The statement's first keyword (its verb), never its text. */
function sqlOperation(sql: string | undefined): string {
  const verb = /^\s*\(?\s*([A-Za-z]+)/.exec(sql ?? '')?.[1]?.toUpperCase();
  return verb && SQL_OPERATIONS.has(verb) ? verb : 'SQL';
}
