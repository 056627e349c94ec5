import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestRecord } from './request-context';

/** The part of knex's tarn pool the gauges read. */
export interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const UNITS = [1, 10, 100, 1_000, 10_000, 100_000];

/**
 * The API's Prometheus metrics, one registry per server. Labels come from bounded sets only
 * (schema field names, error codes, pool states): never an organization, a key, an operation name
 * chosen by the client or a value from the input.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'serialgraph_graphql_requests_total',
    help: 'GraphQL requests by operation (its top-level field) and outcome code (OK or extensions.code)',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  private readonly requestSeconds = new Histogram({
    name: 'serialgraph_graphql_request_duration_seconds',
    help: 'GraphQL request duration, from the first byte read to the last byte sent',
    labelNames: ['operation'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly postingUnits = new Histogram({
    name: 'serialgraph_posting_serials',
    help: 'Serials named in the input of a posting mutation',
    labelNames: ['mutation'] as const,
    buckets: UNITS,
    registers: [this.registry],
  });

  private readonly postingSeconds = new Histogram({
    name: 'serialgraph_posting_duration_seconds',
    help: 'Posting mutation duration (operation resolved to response ready), by outcome code',
    labelNames: ['mutation', 'code'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(pool: () => PoolStats | undefined) {
    // process_*, nodejs_* (heap, GC, handles) and nodejs_eventloop_lag_* (event-loop delay).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: 'serialgraph_db_pool_connections',
      help: 'Database pool: connections used and free, acquires and creates pending',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        this.set({ state: 'used' }, p?.numUsed() ?? 0);
        this.set({ state: 'free' }, p?.numFree() ?? 0);
        this.set({ state: 'pending_acquire' }, p?.numPendingAcquires() ?? 0);
        this.set({ state: 'pending_create' }, p?.numPendingCreates() ?? 0);
      },
    });
    new Gauge({
      name: 'serialgraph_db_pool_max',
      help: 'Database pool size limit (SERIALGRAPH_DB_POOL_MAX)',
      registers: [this.registry],
      collect() {
        this.set(pool()?.max ?? 0);
      },
    });
  }

  /** One GraphQL request, as logged. */
  recordRequest(record: RequestRecord, seconds: number): void {
    const operation = operationLabel(record);
    this.requests.inc({ operation, code: record.outcome ?? 'OK' });
    this.requestSeconds.observe({ operation }, seconds);
  }

  /** One posting: its mutation's name, the serials its input names, its duration and outcome code. */
  recordPosting(mutation: string, serials: number, ms: number, outcome: string): void {
    this.postingUnits.observe({ mutation }, serials);
    this.postingSeconds.observe({ mutation, code: outcome }, ms / 1000);
  }

  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The single top-level field, `<type>:several` for more, `none` when the request never got that far. */
export function operationLabel(record: RequestRecord): string {
  const fields = record.fields ?? [];
  if (fields.length === 1) return fields[0]!;
  return fields.length ? `${record.operationType}:several` : 'none';
}
