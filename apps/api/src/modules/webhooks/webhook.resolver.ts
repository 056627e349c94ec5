import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import {
  createEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
  updateEndpoint,
} from './webhook.service';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookDeliveryType,
  WebhookEndpointType,
  WebhookEndpointWithSecretType,
} from './webhook.types';

/** Webhooks: admins only (the log holds every payload; a secret signs on the organization's behalf). */
@Resolver()
export class WebhookResolver {
  @Authorized('admin')
  @Query(() => [WebhookEndpointType], {
    description: 'Every webhook endpoint of your organization (no secrets).',
  })
  webhookEndpoints(@Ctx() ctx: RequestContext) {
    return listEndpoints(ctx);
  }

  @Authorized('admin')
  @Query(() => WebhookDeliveryConnection, { description: 'An endpoint’s delivery log, newest first.' })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null,
  ) {
    return listDeliveries(ctx, { endpointId, first, after, status });
  }

  @Authorized('admin')
  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'Registers an endpoint; the answer carries its signing secret, which is never shown again.',
  })
  createWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
  ) {
    return createEndpoint(ctx, input);
  }

  @Authorized('admin')
  @Mutation(() => WebhookEndpointType, {
    description: 'Changes the URL, events or description; enables or disables.',
  })
  updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
  ) {
    return updateEndpoint(ctx, id, input);
  }

  @Authorized('admin')
  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'A new signing secret for the endpoint, shown once; the old one stops signing at once.',
  })
  rotateWebhookSecret(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return rotateSecret(ctx, id);
  }

  @Authorized('admin')
  @Mutation(() => WebhookDeliveryType, {
    description:
      'Sends a delivery again now (a new attempt, the same Serialgraph-Event-Id), whatever its status.',
  })
  replayWebhookDelivery(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return replayDelivery(ctx, id);
  }
}
