import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../common/context';
import type { Database } from '../db/database';
import { graphqlObserver } from './graphql-observer';
import { createLogger, type LogLevel, type Logger } from './logger';
import { listenForScrapes, metricsRoute, type MetricsAccess } from './metrics-endpoint';
import { ApiMetrics, type PoolStats } from './metrics';
import { requestLog } from './request-log';
import { startTracing } from './tracing';
import type { TracingConfig } from './tracing-config';

export { createLogger, readLogLevel, type LogLevel, type Logger } from './logger';
export type { MetricsAccess } from './metrics-endpoint';
export { readTracingConfig, type TracingConfig } from './tracing-config';

export interface ObservabilityOptions {
  /** Where log lines go; default JSON on stdout at `logLevel`. */
  logger?: Logger;
  /** LOG_LEVEL; default info. */
  logLevel?: LogLevel;
  /** Who may read /metrics; default nobody. */
  metrics?: MetricsAccess;
  /** OpenTelemetry traces (OTEL_* variables, tracing-config.ts); default none. */
  tracing?: TracingConfig;
}

/**
 * Request logs, the GraphQL observer, /metrics and (when configured) traces of one server, plugged
 * into app.ts in a few lines.
 */
export async function observability(opts: ObservabilityOptions, db: Database, schema: GraphQLSchema) {
  const log = opts.logger ?? createLogger(opts.logLevel ?? 'info');
  const metrics = new ApiMetrics(() => (db.orm.em.getKnex().client as { pool?: PoolStats }).pool);
  let scrapes: Awaited<ReturnType<typeof listenForScrapes>> | undefined;
  const tracing = await startTracing(opts.tracing);
  if (tracing) {
    tracing.traceSchema(schema);
    tracing.traceSql(db.orm.em.getKnex());
    if (db.orm.config.get('replicas')?.length) tracing.traceSql(db.orm.em.getKnex('read'));
  }
  const plugins: ApolloServerPlugin<RequestContext>[] = [graphqlObserver(metrics)];
  if (tracing) plugins.push(tracing.plugin);
  return {
    log,
    metrics,
    plugins,
    /** First thing on the app: every later middleware runs in the request's scope (and span). */
    mount(app: Express): void {
      app.use(requestLog(log, metrics));
      if (tracing) app.use(tracing.middleware);
      if (opts.metrics?.token) app.get('/metrics', metricsRoute(metrics, opts.metrics.token));
    },
    /** Starts the metrics port when one is configured; its port number. */
    async listen(host: string): Promise<number | undefined> {
      if (opts.metrics?.port === undefined) return undefined;
      scrapes = await listenForScrapes(metrics, opts.metrics.port, host);
      return scrapes.port;
    },
    async close(): Promise<void> {
      await scrapes?.close();
      await tracing?.shutdown();
    },
  };
}
