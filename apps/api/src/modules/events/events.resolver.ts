import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription, type PubSub } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { optionalIdOf } from '../../common/global-id';
import { DocumentNode } from '../document/document.type';
import type { SerialRow } from '../serial/serial.entity';
import { SerialNode } from '../serial/serial.type';
import { documentsPosted, serialsChanged, type SubscriptionContext } from './event-stream';
import type { OutboxEvent } from './outbox-relay';

/** Live events over WebSocket (graphql-ws on /graphql), scoped to the key's organization. */
@Resolver()
export class EventsResolver {
  @Authorized()
  @Subscription(() => DocumentNode, {
    description:
      'Every document of your organization as it is posted (after its transaction commits), from any API process.',
    subscribe: ({ context }) => documentsPosted(context as SubscriptionContext),
  })
  documentPosted(@Root() event: OutboxEvent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.document.load(event.documentId);
  }

  @Authorized()
  @Subscription(() => SerialNode, {
    description:
      'Each unit a posted document changed, as it is afterwards; `number` (a serial in any spelling, or an internal code) and `productId` narrow it.',
    subscribe: ({ context, args }) =>
      serialsChanged(context as SubscriptionContext, {
        number: typeof args.number === 'string' && args.number.trim() ? args.number : null,
        productId: optionalIdOf('Product', args.productId as string | null | undefined),
      }),
  })
  serialChanged(
    @Root() unit: SerialRow,
    @Arg('number', () => String, { nullable: true }) _number?: string | null,
    @Arg('productId', () => ID, { nullable: true }) _productId?: string | null,
  ) {
    return unit;
  }
}

/**
 * type-graphql asks for a PubSub whenever the schema has subscriptions, even when each one brings
 * its own `subscribe` (ours read the outbox): this one is never used, and says so if it were.
 */
export const noTopicPubSub: PubSub = {
  publish() {
    throw new Error('Subscriptions read the outbox; there are no topics to publish to.');
  },
  subscribe() {
    throw new Error('Subscriptions read the outbox; there are no topics to subscribe to.');
  },
};
