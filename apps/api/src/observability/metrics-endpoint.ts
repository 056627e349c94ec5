import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { ApiMetrics } from './metrics';

/** Who may read /metrics (README, Running in production). Without either, nobody: it is not served. */
export interface MetricsAccess {
  /** SERIALGRAPH_METRICS_TOKEN: /metrics on the API port, for `Authorization: Bearer <token>` only. */
  token?: string;
  /** SERIALGRAPH_METRICS_PORT: /metrics without a token on a port of its own (keep it off the public network). */
  port?: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** GET /metrics on the API port, answered only for the token (compared in constant time). */
export function metricsRoute(metrics: ApiMetrics, token: string): RequestHandler {
  const expected = digest(`Bearer ${token}`);
  return async (req, res, next) => {
    const given = req.headers.authorization;
    // Anyone else sees the same 404 as for any unknown path: whether metrics exist is not told.
    if (!given || !timingSafeEqual(digest(given), expected)) return next();
    const { contentType, body } = await metrics.expose();
    res.set('content-type', contentType).set('cache-control', 'no-store').send(body);
  };
}

/** A second listener that serves only GET /metrics; its port (0 picks a free one). */
export async function listenForScrapes(
  metrics: ApiMetrics,
  port: number,
  host: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.expose().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
