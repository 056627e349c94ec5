import type { RequestHandler } from 'express';
import type { Logger } from './logger';
import { operationLabel, type ApiMetrics } from './metrics';
import { runInRequestScope, type RequestRecord } from './request-context';
import { requestIdFrom } from './request-id';

/** Probes and scrapes are logged at debug, so they do not drown the requests that matter. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

/**
 * First middleware: gives the request its id (the caller's `x-request-id` if sane, echoed in the
 * response), a logger whose lines carry it, and one line when the response ends: id, method,
 * path (never the query string), status, duration, organization, operation and outcome code.
 * Headers, bodies and variables are never logged. GraphQL requests are also counted in `metrics`.
 */
export function requestLog(root: Logger, metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    const record: RequestRecord = { requestId };
    const log = root.child({ requestId });
    // Read now: routers mounted on a prefix rewrite req.url while they run.
    const path = req.path.slice(0, 200);
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const outcome = record.outcome ?? (res.statusCode < 400 ? 'OK' : `HTTP_${res.statusCode}`);
      if (path === '/graphql') metrics.recordRequest({ ...record, outcome }, seconds);
      log[QUIET_PATHS.has(path) ? 'debug' : 'info'](
        {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(seconds * 10_000) / 10,
          outcome,
          ...(res.writableFinished ? {} : { aborted: true }),
          organizationId: record.organizationId,
          operationType: record.operationType,
          operationName: record.operationName,
          operation: record.fields ? operationLabel(record) : undefined,
          fields: record.fields,
          serials: record.serials,
        },
        'request',
      );
    });
    runInRequestScope({ log, record }, next);
  };
}
