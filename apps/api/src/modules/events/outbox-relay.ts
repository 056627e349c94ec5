import pg from 'pg';
import type { Database } from '../../db/database';
import { inOrganization } from '../../db/tenancy';
import { isUuid } from '../../common/ids';
import { logFailure } from '../../common/log';
import { sql } from '../../common/sql';
import { OUTBOX_CHANNEL } from './outbox';

/** One committed outbox row, as subscribers receive it. */
export interface OutboxEvent {
  id: string;
  organizationId: string;
  type: string;
  documentId: string;
}

type Listener = (event: OutboxEvent) => void;

/** A position in the outbox's delivery order: the writing transaction's id, then the row's id. */
interface Position {
  tx: bigint;
  id: string;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** Rows read per statement while catching up. */
const PAGE = 500;
/** Waits between attempts to get the LISTEN connection back (polling covers the gap). */
const RECONNECT_MS = [250, 1000, 5000];

/**
 * One organization's feed in this process, kept while it has subscribers. `settled`: every row up to
 * it is delivered and no row before it can still appear (its transaction is below the snapshot's
 * xmin, so finished). Rows after it that were already delivered (their transaction committed while
 * an older one was still running) are remembered in `ahead`, so a later read delivers only the
 * late-comers. Nothing is written back: the position lives in this process alone.
 */
class OrganizationFeed {
  readonly listeners = new Set<Listener>();
  settled: Position | null = null;
  readonly ahead = new Set<string>();
  running: Promise<void> | null = null;
  again = false;
}

/**
 * Delivers committed outbox rows to this process's subscribers, per organization: on a NOTIFY
 * (payload `<organization>:<event>`, sent by the posting's statement at commit) and by polling every
 * `pollIntervalMs`, so an event whose notification was lost (listener reconnecting, another process
 * that died after commit) still arrives. Reads run as the organization (row-level security), and
 * only for organizations that have subscribers here.
 */
export class OutboxRelay {
  private readonly feeds = new Map<string, OrganizationFeed>();
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reconnects = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly opts: { listenUrl?: string; listen: boolean; pollIntervalMs: number },
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => this.pollAll(), this.opts.pollIntervalMs);
    this.timer.unref();
    if (this.opts.listen) await this.connectListener();
  }

  /**
   * Calls `listener` with each event of the organization committed from now on. The returned
   * promise resolves (to the function that ends the subscription) once the feed's starting position
   * is known: an event committed after that is never missed.
   */
  async subscribe(organizationId: string, listener: Listener): Promise<() => void> {
    let feed = this.feeds.get(organizationId);
    if (!feed) {
      feed = new OrganizationFeed();
      this.feeds.set(organizationId, feed);
    }
    feed.listeners.add(listener);
    const unsubscribe = () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0 && this.feeds.get(organizationId) === feed)
        this.feeds.delete(organizationId);
    };
    try {
      await this.poll(organizationId, feed);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Subscribers in this process (tests and metrics). */
  subscriberCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.listeners.size;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.feeds.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  private async connectListener(): Promise<void> {
    const url = this.opts.listenUrl ?? (this.db.orm.config.get('clientUrl') as string);
    const client = new pg.Client({ connectionString: url });
    const lost = (error: unknown) => {
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      this.listenerLost(error);
    };
    client.on('error', lost);
    client.on('end', () => lost(null));
    client.on('notification', (message) => this.notified(message.payload));
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX_CHANNEL}`);
    } catch (error) {
      lost(error);
      return;
    }
    if (this.closed) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.reconnects = 0;
    // Whatever was committed while we were not listening.
    this.pollAll();
  }

  /** Tries again after a while (one attempt pending at a time); polling delivers meanwhile. */
  private listenerLost(error: unknown): void {
    if (this.closed || this.reconnectTimer) return;
    if (error) logFailure('warn', 'outbox listener lost its connection; polling meanwhile', error);
    const wait = RECONNECT_MS[Math.min(this.reconnects++, RECONNECT_MS.length - 1)]!;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && !this.listener) void this.connectListener();
    }, wait);
    this.reconnectTimer.unref();
  }

  /** A NOTIFY names the organization: read its feed if anyone here listens to it. */
  private notified(payload: string | undefined): void {
    const organizationId = payload?.split(':')[0];
    if (!organizationId || !isUuid(organizationId)) return;
    const feed = this.feeds.get(organizationId);
    if (feed) void this.poll(organizationId, feed).catch((e) => logFailure('warn', 'outbox read failed', e));
  }

  private pollAll(): void {
    for (const [organizationId, feed] of this.feeds)
      void this.poll(organizationId, feed).catch((e) => logFailure('warn', 'outbox read failed', e));
  }

  /** One read at a time per feed; a request meanwhile runs one more read after it. */
  private poll(organizationId: string, feed: OrganizationFeed): Promise<void> {
    if (feed.running) {
      feed.again = true;
      return feed.running;
    }
    feed.running = (async () => {
      try {
        do {
          feed.again = false;
          await this.read(organizationId, feed);
        } while (feed.again && !this.closed);
      } finally {
        feed.running = null;
      }
    })();
    return feed.running;
  }

  private async read(organizationId: string, feed: OrganizationFeed): Promise<void> {
    const em = this.db.orm.em.fork();
    if (!feed.settled) {
      // A new feed starts at the oldest transaction still running: anything before it is not news.
      const [row] = await sql<{ horizon: string }>(
        em,
        `select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
      );
      feed.settled = { tx: BigInt(row!.horizon), id: NIL_UUID };
    }
    let from = feed.settled;
    for (;;) {
      const rows = await inOrganization(organizationId, () =>
        sql<{ horizon: string; id: string | null; tx: string | null; type: string; documentId: string }>(
          em,
          `select h.horizon::text as horizon, e.id, e.tx::text as tx, e.type, e.document_id as "documentId"
             from (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as horizon) h
             left join lateral (
               select e.id, e.tx, e.type, e.document_id from outbox_event e
                where e.organization_id = ? and (e.tx, e.id) > (?::bigint, ?::uuid)
                order by e.tx, e.id limit ?) e on true`,
          [organizationId, from.tx.toString(), from.id, PAGE],
        ),
      );
      const horizon = BigInt(rows[0]!.horizon);
      const events = rows.filter((r) => r.id !== null);
      for (const row of events) {
        const position = { tx: BigInt(row.tx!), id: row.id! };
        if (!feed.ahead.has(position.id)) {
          const event = { id: position.id, organizationId, type: row.type, documentId: row.documentId };
          for (const listener of feed.listeners) listener(event);
        }
        // In (tx, id) order every row of a finished transaction (below the horizon) comes before any
        // other: those are final, the position moves past them for good. The others were delivered
        // early; they are remembered until the position passes them.
        if (position.tx < horizon) {
          feed.settled = position;
          feed.ahead.delete(position.id);
        } else feed.ahead.add(position.id);
        from = position;
      }
      if (events.length < PAGE) return;
    }
  }
}
