import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../../db/database';
import { inOrganization } from '../../db/tenancy';
import { isUuid } from '../../common/ids';
import { sql, sqlOne } from '../../common/sql';
import { postOnce, type AttemptOutcome } from './deliver-http';
import { webhookUrlProblem } from './destination';
import { QUEUE_SCHEMA } from './job-queue-schema';
import { nextRetryDelayMs } from './retry-schedule';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import { DELIVER_TASK, JOB_MAX_ATTEMPTS } from './webhook-events';
import type { WebhooksConfig } from './webhooks-config';

/** A delivery job's payload: which organization (its statements run as that one) and which delivery. */
export interface DeliveryJob {
  organizationId: string;
  deliveryId: string;
}

interface PendingDelivery {
  endpointId: string;
  eventId: string;
  eventType: string;
  body: string;
  status: string;
  attempts: number;
  windowFrom: string | null;
  url: string;
  secret: string;
  enabled: boolean;
}

/**
 * The graphile-worker queue of an endpoint's jobs: they run one at a time, so an endpoint that holds
 * every request until the timeout occupies one worker slot, never all of them, and its events go out
 * in order.
 */
export function endpointQueue(endpointId: string): string {
  return `webhook:${endpointId}`;
}

/** Puts a delivery's job on the queue (or moves its waiting one) to run after `delayMs`. */
export async function enqueueDelivery(
  em: EntityManager,
  organizationId: string,
  delivery: { id: string; endpointId: string },
  delayMs: number,
): Promise<void> {
  // job_key: one job per delivery; a replay replaces a waiting retry instead of sending twice.
  await sql(
    em,
    `select ${QUEUE_SCHEMA}.add_job(?, json_build_object('organizationId', ?::text, 'deliveryId', ?::text),
       queue_name := ?, run_at := now() + (?::double precision * interval '1 millisecond'), max_attempts := ?,
       job_key := ?, job_key_mode := 'replace')`,
    [
      DELIVER_TASK,
      organizationId,
      delivery.id,
      endpointQueue(delivery.endpointId),
      delayMs,
      JOB_MAX_ATTEMPTS,
      delivery.id,
    ],
  );
}

/**
 * Sends one delivery once and records the attempt. The HTTP request runs outside any transaction;
 * its outcome, the delivery's new state and (after a failure inside the retry window) the next
 * attempt's job commit together. Whatever the receiver answers, the job itself succeeds: only a
 * database failure (or a crash) makes graphile-worker run it again.
 */
export async function runDeliveryJob(db: Database, config: WebhooksConfig, payload: unknown): Promise<void> {
  const job = payload as Partial<DeliveryJob> | null;
  if (!job || typeof job.organizationId !== 'string' || typeof job.deliveryId !== 'string') return;
  if (!isUuid(job.organizationId) || !isUuid(job.deliveryId)) return;
  const { organizationId, deliveryId } = job as DeliveryJob;
  await inOrganization(organizationId, async () => {
    const em = db.orm.em.fork();
    const d = await sqlOne<PendingDelivery>(
      em,
      `select d.endpoint_id as "endpointId", d.event_id as "eventId", d.event_type as "eventType", d.payload::text as body, d.status,
              d.attempts, d.retry_window_from as "windowFrom", e.url, e.secret, e.enabled
         from webhook_delivery d
         join webhook_endpoint e on e.organization_id = d.organization_id and e.id = d.endpoint_id
        where d.organization_id = ? and d.id = ?`,
      [organizationId, deliveryId],
    );
    if (!d || d.status !== 'PENDING') return;
    const outcome = await attempt(d, config);
    const now = new Date();
    // Raw rows carry timestamps as text.
    const windowFrom = d.windowFrom ? new Date(d.windowFrom) : now;
    const delay = outcome.ok ? null : nextRetryDelayMs(d.attempts + 1, windowFrom, now, config);
    const status = outcome.ok ? 'SUCCEEDED' : delay === null || !d.enabled ? 'FAILED' : 'PENDING';
    await em.transactional(async (tem) => {
      const updated = await sql(
        tem,
        `update webhook_delivery
            set status = ?, attempts = attempts + 1, response_status = ?, response_excerpt = ?, duration_ms = ?,
                error = ?, last_attempt_at = ?, retry_window_from = ?,
                next_attempt_at = case when ? = 'PENDING' then ?::timestamptz + (?::double precision * interval '1 millisecond') end
          where organization_id = ? and id = ? and status = 'PENDING' and attempts = ?
          returning id`,
        [
          status,
          outcome.responseStatus,
          outcome.responseExcerpt,
          outcome.durationMs,
          outcome.error,
          now,
          windowFrom,
          status,
          now,
          delay ?? 0,
          organizationId,
          deliveryId,
          d.attempts,
        ],
      );
      // A replay meanwhile changed the delivery: its own job records its own attempt.
      if (!updated.length) return;
      await sql(
        tem,
        `insert into webhook_delivery_attempt
           (organization_id, delivery_id, number, at, response_status, response_excerpt, duration_ms, error)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          organizationId,
          deliveryId,
          d.attempts + 1,
          now,
          outcome.responseStatus,
          outcome.responseExcerpt,
          outcome.durationMs,
          outcome.error,
        ],
      );
      if (status === 'PENDING')
        await enqueueDelivery(tem, organizationId, { id: deliveryId, endpointId: d.endpointId }, delay!);
    });
  });
}

/** One signed POST, unless the endpoint is off or its URL is no longer allowed. */
async function attempt(d: PendingDelivery, config: WebhooksConfig): Promise<AttemptOutcome> {
  if (!d.enabled)
    return {
      ok: false,
      responseStatus: null,
      responseExcerpt: null,
      durationMs: 0,
      error: 'endpoint disabled',
    };
  const problem = webhookUrlProblem(d.url, config.allowPrivate);
  if (problem)
    return { ok: false, responseStatus: null, responseExcerpt: null, durationMs: 0, error: problem };
  const timestamp = Math.floor(Date.now() / 1000);
  return postOnce(
    d.url,
    d.body,
    {
      [SIGNATURE_HEADER]: signatureHeader(d.secret, timestamp, d.body),
      [EVENT_ID_HEADER]: d.eventId,
      [EVENT_TYPE_HEADER]: d.eventType,
    },
    { timeoutMs: config.attemptTimeoutMs, allowPrivate: config.allowPrivate },
  );
}
