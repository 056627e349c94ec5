import type { WebhookDeliveryStatus, WebhookEvent } from '../api/webhook-operations';

/** The events an endpoint can subscribe to, by the names their payloads carry (README, Webhooks). */
export const WEBHOOK_EVENTS: { value: WebhookEvent; name: string; description: string }[] = [
  { value: 'DOCUMENT_POSTED', name: 'document.posted', description: 'one per posted document' },
  { value: 'SERIAL_CHANGED', name: 'serial.changed', description: 'one per unit a document changed' },
  {
    value: 'SERIALS_CHANGED',
    name: 'serials.changed',
    description: 'the units a document changed, 500 per event (for documents of many units)',
  },
];

export const webhookEventName = (event: WebhookEvent) =>
  WEBHOOK_EVENTS.find((e) => e.value === event)?.name ?? event;

export const deliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Pending',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
};
