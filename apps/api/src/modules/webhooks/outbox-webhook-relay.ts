import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Database } from '../../db/database';
import { inOrganization } from '../../db/tenancy';
import { logFailure } from '../../common/log';
import { sql, sqlOne } from '../../common/sql';
import { endpointQueue } from './delivery-task';
import { QUEUE_SCHEMA } from './job-queue-schema';
import { DELIVER_TASK, JOB_MAX_ATTEMPTS, SERIALS_PER_EVENT, WEBHOOK_EVENTS } from './webhook-events';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** Outbox rows turned into deliveries per transaction. */
const PAGE = 200;

/**
 * The organization's relay position starts where the outbox stands now: events committed before its
 * first endpoint are not news to it. Called when an endpoint is created; a no-op afterwards.
 */
export async function startRelayPosition(em: EntityManager, organizationId: string): Promise<void> {
  await sql(
    em,
    `insert into webhook_outbox_cursor (organization_id, tx, event_id)
     values (?, pg_snapshot_xmin(pg_current_snapshot())::text::bigint, ?::uuid) on conflict do nothing`,
    [organizationId, NIL_UUID],
  );
}

/**
 * Turns committed outbox rows into webhook deliveries and their jobs, in one transaction per
 * organization and page: the deliveries (unique per endpoint and event), their jobs and the moved
 * position commit together, so a process that dies mid-way leaves the rows to the next pass, and a
 * second process passing over the same rows (the cursor row is locked, SKIP LOCKED: it waits its
 * turn elsewhere) inserts nothing twice. Like the subscriptions' relay, the position moves for good
 * only past rows whose transaction is below the snapshot's xmin; later rows are read again next time
 * and find their deliveries already there.
 */
export async function relayOrganization(db: Database, organizationId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const { created, more } = await inOrganization(organizationId, () =>
      db.orm.em.fork().transactional((em) => relayPage(em, organizationId)),
    );
    total += created;
    if (!more) return total;
  }
}

async function relayPage(
  em: EntityManager,
  organizationId: string,
): Promise<{ created: number; more: boolean }> {
  const cursor = await sqlOne<{ tx: string; eventId: string }>(
    em,
    `select tx::text as tx, event_id as "eventId" from webhook_outbox_cursor
      where organization_id = ? for update skip locked`,
    [organizationId],
  );
  if (!cursor) {
    await startRelayPosition(em, organizationId);
    return { created: 0, more: false };
  }
  const rows = await sql<{ horizon: string; id: string | null; tx: string | null }>(
    em,
    `select h.horizon::text as horizon, e.id, e.tx::text as tx
       from (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as horizon) h
       left join lateral (
         select e.id, e.tx from outbox_event e
          where e.organization_id = ? and (e.tx, e.id) > (?::bigint, ?::uuid)
          order by e.tx, e.id limit ?) e on true`,
    [organizationId, cursor.tx, cursor.eventId, PAGE],
  );
  const horizon = BigInt(rows[0]!.horizon);
  const events = rows.filter((r) => r.id !== null);
  if (!events.length) return { created: 0, more: false };
  const created = await createDeliveries(
    em,
    organizationId,
    events.map((e) => e.id!),
  );
  let settled: { tx: string; id: string } | null = null;
  for (const e of events) {
    if (BigInt(e.tx!) < horizon) settled = { tx: e.tx!, id: e.id! };
    else break;
  }
  if (settled)
    await sql(
      em,
      `update webhook_outbox_cursor set tx = ?::bigint, event_id = ?::uuid where organization_id = ?`,
      [settled.tx, settled.id, organizationId],
    );
  // Only a full page of settled rows means there may be more to read right away.
  return { created, more: events.length === PAGE && settled?.id === events.at(-1)!.id };
}

/** A unit as the webhook payloads show it (the subscriptions' serialChanged), from `serial s`. */
const SERIAL_JSON = `jsonb_build_object(
  'id', serialgraph_global_id('Serial', s.id), 'number', s.number, 'internalCode', s.internal_code,
  'status', s.status, 'productId', serialgraph_global_id('Product', s.product_id),
  'warehouseId', serialgraph_global_id('Warehouse', s.warehouse_id),
  'customerId', serialgraph_global_id('Party', s.customer_id),
  'holdReason', s.hold_reason, 'warrantyEndsAt', s.warranty_ends_at)`;

/** The document as the unit events show it, from the `doc` relation below. */
const DOCUMENT_REF_JSON = `jsonb_build_object('id', serialgraph_global_id('Document', doc.id), 'type', doc.type, 'number', doc.number)`;

/** An event's envelope: the id, type and time every payload carries around its `data`. */
const envelope = (id: string, type: string, data: string) =>
  `jsonb_build_object('id', ${id}, 'type', ${type}, 'createdAt', doc.event_at, 'data', ${data})`;

/**
 * One delivery per enabled endpoint subscribed to the event and switched on before it, and one job per
 * new delivery, in one statement. Payloads are built here, right after the posting: the document as
 * posted, and each unit it moved as it is now (what the subscriptions documentPosted/serialChanged
 * carry; ids are the API's global ids), one event per unit or, for `serials.changed`, per page of
 * SERIALS_PER_EVENT units in the order the document moved them. Units are only read for the events
 * some endpoint wants.
 */
async function createDeliveries(
  em: EntityManager,
  organizationId: string,
  eventIds: string[],
): Promise<number> {
  const { DOCUMENT_POSTED, SERIAL_CHANGED, SERIALS_CHANGED } = WEBHOOK_EVENTS;
  const [row] = await sql<{ created: number }>(
    em,
    `with ev as (
       select e.id, e.document_id, e.created_at from outbox_event e
        where e.organization_id = :org and e.id = any(:events::uuid[])),
     ep as (
       select p.id, p.events, p.enabled_at from webhook_endpoint p where p.organization_id = :org and p.enabled),
     doc as (
       select ev.id as event_id, ev.created_at as event_at, d.id, d.type, d.number, d.posted_at,
              (select count(*) from document_line l where l.organization_id = d.organization_id and l.document_id = d.id) as line_count,
              (select count(distinct m.serial_id) from movement m where m.organization_id = d.organization_id and m.document_id = d.id) as unit_count
         from ev join document d on d.organization_id = :org and d.id = ev.document_id),
     posted as (
       select ep.id as endpoint_id, doc.event_id::text as event_id, :posted::text as event_type,
              ${envelope(
                'doc.event_id::text',
                ':posted::text',
                `jsonb_build_object('document', jsonb_build_object(
                  'id', serialgraph_global_id('Document', doc.id), 'type', doc.type, 'number', doc.number,
                  'postedAt', doc.posted_at, 'lineCount', doc.line_count, 'unitCount', doc.unit_count))`,
              )} as payload
         from doc join ep on :posted = any(ep.events) and ep.enabled_at <= doc.event_at),
     changed as (
       select ep.id as endpoint_id, doc.event_id::text || '.' || s.id::text as event_id, :changed::text as event_type,
              ${envelope(
                `doc.event_id::text || '.' || s.id::text`,
                ':changed::text',
                `jsonb_build_object('serial', ${SERIAL_JSON}, 'document', ${DOCUMENT_REF_JSON})`,
              )} as payload
         from doc
         join ep on :changed = any(ep.events) and ep.enabled_at <= doc.event_at
         join serial s on s.organization_id = :org and s.id in (
           select m.serial_id from movement m where m.organization_id = :org and m.document_id = doc.id)),
     paged_units as (
       select doc.event_id, u.serial_id, u.seq,
              (row_number() over (partition by doc.event_id order by u.seq) - 1) / :perEvent::int + 1 as page
         from doc
         cross join lateral (
           select m.serial_id, min(m.seq) as seq from movement m
            where m.organization_id = :org and m.document_id = doc.id group by m.serial_id) u
        where exists (select 1 from ep where :paged = any(ep.events) and ep.enabled_at <= doc.event_at)),
     pages as (
       select p.event_id, p.page, max(p.page) over (partition by p.event_id) as page_count,
              jsonb_agg(${SERIAL_JSON} order by p.seq) as serials
         from paged_units p join serial s on s.organization_id = :org and s.id = p.serial_id
        group by p.event_id, p.page),
     paged as (
       select ep.id as endpoint_id, doc.event_id::text || '.p' || pages.page as event_id, :paged::text as event_type,
              ${envelope(
                `doc.event_id::text || '.p' || pages.page`,
                ':paged::text',
                `jsonb_build_object('document', ${DOCUMENT_REF_JSON}, 'page', pages.page,
                   'pageCount', pages.page_count, 'serials', pages.serials)`,
              )} as payload
         from doc
         join pages on pages.event_id = doc.event_id
         join ep on :paged = any(ep.events) and ep.enabled_at <= doc.event_at),
     inserted as (
       insert into webhook_delivery (organization_id, endpoint_id, event_id, event_type, payload)
       select :org, endpoint_id, event_id, event_type, payload
         from (select * from posted union all select * from changed union all select * from paged) x
       on conflict do nothing
       returning id, endpoint_id)
     select count(${QUEUE_SCHEMA}.add_job(:task, json_build_object('organizationId', :org::text, 'deliveryId', i.id),
              queue_name := :queue || i.endpoint_id::text, job_key := i.id::text, max_attempts := :maxAttempts))::int as created
       from inserted i`,
    {
      org: organizationId,
      events: eventIds,
      posted: DOCUMENT_POSTED,
      changed: SERIAL_CHANGED,
      paged: SERIALS_CHANGED,
      perEvent: SERIALS_PER_EVENT,
      task: DELIVER_TASK,
      queue: endpointQueue(''),
      maxAttempts: JOB_MAX_ATTEMPTS,
    },
  );
  return row?.created ?? 0;
}

/**
 * Every `pollMs`, relays the outbox of each organization that has an endpoint. One pass at a time in
 * this process; other processes do the same, the cursor locks keep them off each other's rows. The
 * look for such organizations uses a connection of its own (one, outside the ORM's pool and its
 * statement counts): a server without endpoints sends the ORM nothing.
 */
export class WebhookRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly lookup: pg.Pool;

  constructor(
    private readonly db: Database,
    connectionUrl: string,
    private readonly pollMs: number,
  ) {
    this.lookup = new pg.Pool({ connectionString: connectionUrl, max: 1 });
    // A connection lost (idle or in a query): the query fails, the next pass reconnects.
    this.lookup.on('error', () => undefined);
    this.lookup.on('connect', (client) => client.on('error', () => undefined));
  }

  start(): void {
    this.timer = setInterval(() => void this.pass(), this.pollMs);
    this.timer.unref();
  }

  /** One pass over every organization with an endpoint (tests call it to skip the wait). */
  pass(): Promise<void> {
    if (this.running || this.closed) return this.running ?? Promise.resolve();
    this.running = (async () => {
      try {
        const { rows } = await this.lookup.query<{ id: string }>(
          `select serialgraph_webhook_organizations() as id`,
        );
        for (const { id } of rows) {
          if (this.closed) break;
          await relayOrganization(this.db, id).catch((e) => logFailure('warn', 'webhook relay failed', e));
        }
      } catch (e) {
        logFailure('warn', 'webhook relay failed', e);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.lookup.end();
  }
}
