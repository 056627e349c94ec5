import { run, type Runner } from 'graphile-worker';
import pg from 'pg';
import type { Database } from '../../db/database';
import { logFailure } from '../../common/log';
import { runDeliveryJob } from './delivery-task';
import { QUEUE_SCHEMA } from './job-queue-schema';
import { WebhookRelay } from './outbox-webhook-relay';
import { DELIVER_TASK } from './webhook-events';
import type { WebhooksConfig } from './webhooks-config';
import { quietWorkerLogger } from './worker-logger';

/** This process's share of webhook work: the outbox relay and a graphile-worker runner. */
export interface WebhookWorker {
  relay: WebhookRelay;
  close(): Promise<void>;
}

/**
 * Starts both, as the application role: the runner connects with `connectionUrl` (DATABASE_LISTEN_URL
 * when set, a direct session where its LISTEN for new jobs works; else DATABASE_URL, where behind a
 * transaction-mode PgBouncer it finds jobs by polling). Any number of processes may run one: jobs
 * are taken with SKIP LOCKED, the relay's positions are locked per organization.
 */
export async function startWebhookWorker(
  db: Database,
  config: WebhooksConfig,
  connectionUrl: string,
): Promise<WebhookWorker> {
  // Our own pool, ended (and awaited) after the runner stops: a pool the runner makes itself is ended
  // without waiting and loses its error handlers first, so a connection closed by the server a
  // moment later (a database dropped, a restart) would be an uncaught error.
  const pool = new pg.Pool({ connectionString: connectionUrl, max: config.concurrency + 2 });
  // A connection lost while idle or checked out: pg removes it, the failing query reports it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const runner: Runner = await run({
    pgPool: pool,
    schema: QUEUE_SCHEMA,
    concurrency: config.concurrency,
    pollInterval: Math.min(config.relayPollMs, 2000),
    noHandleSignals: true,
    // Named prepared statements do not survive a transaction-mode PgBouncer (README: Running in production).
    noPreparedStatements: true,
    logger: quietWorkerLogger,
    taskList: {
      [DELIVER_TASK]: async (payload) => {
        try {
          await runDeliveryJob(db, config, payload);
        } catch (error) {
          logFailure('warn', 'webhook delivery job failed; the queue retries it', error);
          // Only this sentence reaches the queue's last_error column: no SQL or values of the cause.
          throw new Error('webhook delivery job failed', { cause: error });
        }
      },
    },
  });
  const relay = new WebhookRelay(db, connectionUrl, config.relayPollMs);
  relay.start();
  return {
    relay,
    close: async () => {
      await relay.close();
      await runner.stop();
      await pool.end();
    },
  };
}
