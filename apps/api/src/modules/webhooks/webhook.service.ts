import { DomainError, ErrorCode } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { isUuid } from '../../common/ids';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { sql, sqlOne } from '../../common/sql';
import { enqueueDelivery } from './delivery-task';
import { webhookUrlProblem } from './destination';
import { startRelayPosition } from './outbox-webhook-relay';
import { newWebhookSecret } from './signature';
import { WEBHOOK_EVENTS } from './webhook-events';
import {
  WebhookEvent,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
  type WebhookDeliveryStatus,
} from './webhook.types';
import { DEFAULT_WEBHOOKS_CONFIG } from './webhooks-config';

/** Endpoints one organization may register. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 20;
export const MAX_DESCRIPTION_LENGTH = 500;

const ENDPOINT_COLUMNS = `id, url, description, events, enabled, created_at as "createdAt", updated_at as "updatedAt"`;

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const toEventName = (dotted: string): WebhookEvent =>
  (Object.entries(WEBHOOK_EVENTS).find(([, v]) => v === dotted)?.[0] ?? dotted) as WebhookEvent;

function endpoint(row: EndpointRow) {
  return { ...row, events: row.events.map(toEventName) };
}

function checkUrl(ctx: RequestContext, raw: string): string {
  const url = raw.trim();
  const problem = webhookUrlProblem(url, (ctx.webhooks ?? DEFAULT_WEBHOOKS_CONFIG).allowPrivate);
  if (problem)
    throw new DomainError(ErrorCode.WEBHOOK_URL_REFUSED, `The webhook ${problem}.`, undefined, {
      field: 'url',
    });
  return url;
}

function checkEvents(events: readonly WebhookEvent[]): string[] {
  if (!events.length) throw badInput('events must name at least one event.', { field: 'events' });
  return [...new Set(events)].map((e) => WEBHOOK_EVENTS[e]);
}

function checkDescription(description: string | null | undefined): string {
  const text = (description ?? '').trim();
  if (text.length > MAX_DESCRIPTION_LENGTH)
    throw badInput(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`, {
      field: 'description',
    });
  return text;
}

function endpointId(id: string): string {
  if (!isUuid(id)) throw notFound('The webhook endpoint');
  return id;
}

export async function listEndpoints(ctx: RequestContext) {
  const rows = await sql<EndpointRow>(
    ctx.em,
    `select ${ENDPOINT_COLUMNS} from webhook_endpoint where organization_id = ? order by created_at, id`,
    [ctx.organizationId],
  );
  return rows.map(endpoint);
}

export async function createEndpoint(ctx: RequestContext, input: CreateWebhookEndpointInput) {
  const url = checkUrl(ctx, input.url);
  const events = checkEvents(input.events);
  const description = checkDescription(input.description);
  const secret = newWebhookSecret();
  const row = await ctx.em.transactional(async (em) => {
    // The organization's relay position row serializes concurrent creations, so the cap holds.
    await startRelayPosition(em, ctx.organizationId);
    await sql(em, `select 1 from webhook_outbox_cursor where organization_id = ? for update`, [
      ctx.organizationId,
    ]);
    const [{ n }] = (await sql<{ n: number }>(
      em,
      `select count(*)::int as n from webhook_endpoint where organization_id = ?`,
      [ctx.organizationId],
    )) as [{ n: number }];
    if (n >= MAX_ENDPOINTS_PER_ORGANIZATION)
      throw badInput(
        `An organization may have at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints.`,
        {
          field: 'url',
        },
      );
    return sqlOne<EndpointRow>(
      em,
      `insert into webhook_endpoint (organization_id, url, description, events, secret)
       values (?, ?, ?, ?::text[], ?) returning ${ENDPOINT_COLUMNS}`,
      [ctx.organizationId, url, description, events, secret],
    );
  });
  return { endpoint: endpoint(row!), secret };
}

export async function updateEndpoint(ctx: RequestContext, id: string, input: UpdateWebhookEndpointInput) {
  const url = input.url == null ? null : checkUrl(ctx, input.url);
  const events = input.events == null ? null : checkEvents(input.events);
  const description = input.description == null ? null : checkDescription(input.description);
  const row = await sqlOne<EndpointRow>(
    ctx.em,
    `update webhook_endpoint
        set url = coalesce(?, url), events = coalesce(?::text[], events), description = coalesce(?, description),
            enabled_at = case when ?::boolean and not enabled then now() else enabled_at end,
            enabled = coalesce(?::boolean, enabled), updated_at = now()
      where organization_id = ? and id = ? returning ${ENDPOINT_COLUMNS}`,
    [
      url,
      events,
      description,
      input.enabled ?? null,
      input.enabled ?? null,
      ctx.organizationId,
      endpointId(id),
    ],
  );
  if (!row) throw notFound('The webhook endpoint');
  return endpoint(row);
}

export async function rotateSecret(ctx: RequestContext, id: string) {
  const secret = newWebhookSecret();
  const row = await sqlOne<EndpointRow>(
    ctx.em,
    `update webhook_endpoint set secret = ?, updated_at = now()
      where organization_id = ? and id = ? returning ${ENDPOINT_COLUMNS}`,
    [secret, ctx.organizationId, endpointId(id)],
  );
  if (!row) throw notFound('The webhook endpoint');
  return { endpoint: endpoint(row), secret };
}

const DELIVERY_COLUMNS = `d.id, d.endpoint_id as "endpointId", d.event_id as "eventId", d.event_type as "eventType",
  d.status, d.attempts, d.response_status as "responseStatus", d.response_excerpt as "responseBodyExcerpt",
  d.duration_ms as "durationMs", d.error, d.last_attempt_at as "lastAttemptAt",
  d.next_attempt_at as "nextAttemptAt", d.created_at as "createdAt", d.payload::text as payload`;

interface DeliveryRow {
  id: string;
  endpointId: string;
  eventType: string;
  [k: string]: unknown;
}

/** The deliveries with their attempt logs, read for the whole page in one statement. */
async function withAttempts(ctx: RequestContext, rows: DeliveryRow[]) {
  const attempts = rows.length
    ? await sql<{ deliveryId: string }>(
        ctx.em,
        `select delivery_id as "deliveryId", number, at, response_status as "responseStatus",
                response_excerpt as "responseBodyExcerpt", duration_ms as "durationMs", error
           from webhook_delivery_attempt where organization_id = ? and delivery_id = any(?::uuid[])
          order by delivery_id, number`,
        [ctx.organizationId, rows.map((r) => r.id)],
      )
    : [];
  return rows.map((row) => ({
    ...row,
    event: toEventName(row.eventType),
    attemptLog: attempts.filter((a) => a.deliveryId === row.id),
  }));
}

/** The endpoint's deliveries, newest first (ids are UUIDv7: their order is creation order, ties aside). */
export async function listDeliveries(
  ctx: RequestContext,
  args: {
    endpointId: string;
    first?: number | null;
    after?: string | null;
    status?: WebhookDeliveryStatus | null;
  },
) {
  const first = pageSize(args.first);
  const id = endpointId(args.endpointId);
  const exists = await sqlOne(ctx.em, `select 1 from webhook_endpoint where organization_id = ? and id = ?`, [
    ctx.organizationId,
    id,
  ]);
  if (!exists) throw notFound('The webhook endpoint');
  const after = decodeCursor(args.after, ['uuid']);
  const rows = await sql<DeliveryRow>(
    ctx.em,
    `select ${DELIVERY_COLUMNS} from webhook_delivery d
      where d.organization_id = ? and d.endpoint_id = ? and (?::text is null or d.status = ?)
        and (?::uuid is null or d.id < ?::uuid)
      order by d.id desc limit ?`,
    [
      ctx.organizationId,
      id,
      args.status ?? null,
      args.status ?? null,
      after?.[0] ?? null,
      after?.[0] ?? null,
      first + 1,
    ],
  );
  return toConnection(
    await withAttempts(ctx, rows),
    first,
    async () =>
      (await sqlOne<{ n: number }>(
        ctx.em,
        `select count(*)::int as n from webhook_delivery d
            where d.organization_id = ? and d.endpoint_id = ? and (?::text is null or d.status = ?)`,
        [ctx.organizationId, id, args.status ?? null, args.status ?? null],
      ))!.n,
    (r) => encodeCursor([r.id]),
  );
}

/** Sends the delivery again now, as a new attempt with a fresh retry window; its event id stays. */
export async function replayDelivery(ctx: RequestContext, id: string) {
  if (!isUuid(id)) throw notFound('The webhook delivery');
  const row = await ctx.em.transactional(async (em) => {
    const updated = await sqlOne<DeliveryRow>(
      em,
      `update webhook_delivery d set status = 'PENDING', next_attempt_at = now(), retry_window_from = now()
        where d.organization_id = ? and d.id = ? returning ${DELIVERY_COLUMNS}`,
      [ctx.organizationId, id],
    );
    if (updated) await enqueueDelivery(em, ctx.organizationId, updated, 0);
    return updated;
  });
  if (!row) throw notFound('The webhook delivery');
  return (await withAttempts(ctx, [row]))[0]!;
}
