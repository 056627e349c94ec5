import { gql, type TypedDocumentNode } from '@apollo/client';

// The Webhooks screen's operations, typed by hand like operations.ts. Admin only (the demo key is one).

export type WebhookEvent = 'DOCUMENT_POSTED' | 'SERIAL_CHANGED' | 'SERIALS_CHANGED';
export type WebhookDeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
  createdAt: string;
}

/** The only answers that carry a signing secret: shown once, never stored by the app. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface WebhookDeliveryAttempt {
  number: number;
  at: string;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  responseBodyExcerpt: string | null;
  durationMs: number | null;
  error: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  /** The JSON body sent: the screen names the document (and unit) it is about. */
  payload: string;
  attemptLog: WebhookDeliveryAttempt[];
}

const ENDPOINT = gql`
  fragment DemoWebhookEndpoint on WebhookEndpoint {
    id
    url
    description
    events
    enabled
    createdAt
  }
`;

const DELIVERY = gql`
  fragment DemoWebhookDelivery on WebhookDelivery {
    id
    eventId
    event
    status
    attempts
    responseStatus
    responseBodyExcerpt
    durationMs
    error
    lastAttemptAt
    nextAttemptAt
    createdAt
    payload
    attemptLog {
      number
      at
      responseStatus
      durationMs
      error
    }
  }
`;

export const WEBHOOK_ENDPOINTS: TypedDocumentNode<
  { webhookEndpoints: WebhookEndpoint[] },
  Record<string, never>
> = gql`
  query DemoWebhookEndpoints {
    webhookEndpoints {
      ...DemoWebhookEndpoint
    }
  }
  ${ENDPOINT}
`;

export const CREATE_WEBHOOK_ENDPOINT: TypedDocumentNode<
  { createWebhookEndpoint: WebhookEndpointWithSecret },
  { input: { url: string; events: WebhookEvent[]; description: string | null } }
> = gql`
  mutation DemoCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        ...DemoWebhookEndpoint
      }
      secret
    }
  }
  ${ENDPOINT}
`;

export const SET_WEBHOOK_ENDPOINT_ENABLED: TypedDocumentNode<
  { updateWebhookEndpoint: WebhookEndpoint },
  { id: string; enabled: boolean }
> = gql`
  mutation DemoSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {
    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {
      ...DemoWebhookEndpoint
    }
  }
  ${ENDPOINT}
`;

export const ROTATE_WEBHOOK_SECRET: TypedDocumentNode<
  { rotateWebhookSecret: WebhookEndpointWithSecret },
  { id: string }
> = gql`
  mutation DemoRotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      endpoint {
        ...DemoWebhookEndpoint
      }
      secret
    }
  }
  ${ENDPOINT}
`;

export const WEBHOOK_DELIVERIES: TypedDocumentNode<
  {
    webhookDeliveries: {
      totalCount: number;
      edges: { node: WebhookDelivery }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  },
  { endpointId: string; first: number; after?: string | null }
> = gql`
  query DemoWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...DemoWebhookDelivery
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${DELIVERY}
`;

export const REPLAY_WEBHOOK_DELIVERY: TypedDocumentNode<
  { replayWebhookDelivery: WebhookDelivery },
  { id: string }
> = gql`
  mutation DemoReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      ...DemoWebhookDelivery
    }
  }
  ${DELIVERY}
`;
