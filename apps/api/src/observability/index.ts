import type { Express } from 'express';
import type { Database } from '../db/database';
import { graphqlObserver } from './graphql-observer';
import { createLogger, type LogLevel, type Logger } from './logger';
import { listenForScrapes, metricsRoute, type MetricsAccess } from './metrics-endpoint';
import { ApiMetrics, type PoolStats } from './metrics';
import { requestLog } from './request-log';

export { createLogger, readLogLevel, type LogLevel, type Logger } from './logger';
export type { MetricsAccess } from './metrics-endpoint';

export interface ObservabilityOptions {
  /** Where log lines go; default JSON on stdout at `logLevel`. */
  logger?: Logger;
  /** LOG_LEVEL; default info. */
  logLevel?: LogLevel;
  /** Who may read /metrics; default nobody. */
  metrics?: MetricsAccess;
}

/** Request logs, the GraphQL observer and /metrics of one server, plugged into app.ts in a few lines. */
export function observability(opts: ObservabilityOptions, db: Database) {
  const log = opts.logger ?? createLogger(opts.logLevel ?? 'info');
  const metrics = new ApiMetrics(() => (db.orm.em.getKnex().client as { pool?: PoolStats }).pool);
  let scrapes: Awaited<ReturnType<typeof listenForScrapes>> | undefined;
  return {
    log,
    metrics,
    plugin: graphqlObserver(metrics),
    /** First thing on the app: every later middleware runs in the request's scope. */
    mount(app: Express): void {
      app.use(requestLog(log, metrics));
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
    },
  };
}
