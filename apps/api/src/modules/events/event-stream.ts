import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import { serialSpellings } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { createLoaders } from '../../common/loaders';
import { sql } from '../../common/sql';
import { SERIAL_COLUMNS, type SerialRow } from '../serial/serial.entity';
import type { OutboxEvent, OutboxRelay } from './outbox-relay';

/** The context of a subscription: a request's, plus this process's outbox relay. */
export interface SubscriptionContext extends RequestContext {
  events: OutboxRelay;
}

/** Events held for a subscriber that reads slower than documents are posted; past it, it is ended. */
const EVENT_BUFFER = 1000;
/** Units read per statement when a document's changed units are delivered. */
const UNIT_PAGE = 1000;

/**
 * The organization's events from now on. A subscriber that falls {@link EVENT_BUFFER} events behind
 * is completed (it may subscribe again and reload) rather than held in memory without bound.
 */
export function organizationEvents(ctx: SubscriptionContext): AsyncIterableIterator<OutboxEvent> {
  return new Repeater<OutboxEvent>(async (push, stop) => {
    let overflowed = false;
    const unsubscribe = await ctx.events.subscribe(ctx.organizationId, (event) => {
      if (overflowed) return;
      try {
        // Past the buffer, pushes wait; past Repeater's own queue of waiting pushes, push throws.
        push(event).catch(() => undefined);
      } catch {
        overflowed = true;
        void stop();
      }
    });
    await stop;
    unsubscribe();
  }, new FixedBuffer(EVENT_BUFFER));
}

/**
 * A fresh handle and loaders for each delivered event: what a field resolver reads is the state
 * after that document, never a cached answer of an earlier event.
 */
export function refresh(ctx: SubscriptionContext): void {
  ctx.em = ctx.em.fork();
  ctx.loaders = createLoaders(ctx.em, ctx.organizationId);
}

/** Each posted document, fresh. */
export async function* documentsPosted(ctx: SubscriptionContext): AsyncGenerator<OutboxEvent> {
  for await (const event of organizationEvents(ctx)) {
    refresh(ctx);
    yield event;
  }
}

/** Which units a serialChanged subscriber wants: by number (any spelling, or internal code) and/or product. */
export interface SerialFilterArgs {
  number: string | null;
  productId: string | null;
}

/** Each unit a posted document changed (as it is after the document) that passes the filter. */
export async function* serialsChanged(
  ctx: SubscriptionContext,
  filter: SerialFilterArgs,
): AsyncGenerator<SerialRow> {
  const spellings = filter.number ? serialSpellings(filter.number).map((n) => n.toLowerCase()) : null;
  const code = filter.number?.trim().toLowerCase() ?? null;
  for await (const event of organizationEvents(ctx)) {
    refresh(ctx);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const units = await sql<SerialRow>(
        ctx.em,
        `select ${SERIAL_COLUMNS} from serial s
          where s.organization_id = ? and s.id > ?::uuid
            and s.id in (select m.serial_id from movement m where m.organization_id = ? and m.document_id = ?)
            and (?::text[] is null or lower(s.number) = any(?::text[]) or lower(s.internal_code) = ?)
            and (?::uuid is null or s.product_id = ?::uuid)
          order by s.id limit ?`,
        [
          ctx.organizationId,
          after,
          ctx.organizationId,
          event.documentId,
          spellings,
          spellings,
          code,
          filter.productId,
          filter.productId,
          UNIT_PAGE,
        ],
      );
      for (const unit of units) yield unit;
      if (units.length < UNIT_PAGE) break;
      after = units[units.length - 1]!.id;
    }
  }
}
