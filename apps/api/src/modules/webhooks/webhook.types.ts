import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

/** GraphQL's names of the webhook events (payloads spell them `document.posted`, `serial.changed`, `serials.changed`). */
export const WebhookEvent = {
  DOCUMENT_POSTED: 'DOCUMENT_POSTED',
  SERIAL_CHANGED: 'SERIAL_CHANGED',
  SERIALS_CHANGED: 'SERIALS_CHANGED',
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description:
    'DOCUMENT_POSTED ("document.posted": one per posted document), SERIAL_CHANGED ("serial.changed": one per unit a document changed) or SERIALS_CHANGED ("serials.changed": the units a document changed, up to 500 per event; for documents of many units).',
});

export const WebhookDeliveryStatus = {
  PENDING: 'PENDING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
} as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description:
    'PENDING (not sent yet, or waiting for a retry), SUCCEEDED (a 2xx came back) or FAILED (retries ran out).',
});

@ObjectType('WebhookEndpoint', {
  description: 'Where events are POSTed, signed with its secret (never shown again).',
})
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => String) description!: string;
  @Field(() => [WebhookEvent]) events!: WebhookEvent[];
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret', {
  description: 'An endpoint and its signing secret: the only answer that ever shows the secret. Keep it now.',
})
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field(() => String) secret!: string;
}

@ObjectType('WebhookDeliveryAttempt')
export class WebhookDeliveryAttemptType {
  @Field(() => Int) number!: number;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => Int, { nullable: true }) responseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'The first 1,024 bytes of the response body.' })
  responseBodyExcerpt!: string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType('WebhookDelivery', {
  description: 'One event for one endpoint: its state, last attempt and log.',
})
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => String, {
    description: 'The Serialgraph-Event-Id header: the same on every attempt and replay.',
  })
  eventId!: string;
  @Field(() => WebhookEvent) event!: WebhookEvent;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) responseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'The first 1,024 bytes of the last response body.' })
  responseBodyExcerpt!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => String, { description: 'The JSON body sent (signed as is).' }) payload!: string;
  @Field(() => [WebhookDeliveryAttemptType], { description: 'Every attempt, oldest first.' })
  attemptLog!: WebhookDeliveryAttemptType[];
}

@ObjectType('WebhookDeliveryEdge')
export class WebhookDeliveryEdge {
  @Field(() => WebhookDeliveryType) node!: WebhookDeliveryType;
  @Field(() => String) cursor!: string;
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'http(s); no credentials; not a private address unless the server allows it.',
  })
  url!: string;
  @Field(() => [WebhookEvent]) events!: WebhookEvent[];
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType('UpdateWebhookEndpointInput')
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [WebhookEvent], { nullable: true }) events?: WebhookEvent[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}
