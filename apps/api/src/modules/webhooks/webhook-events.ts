/** The events an endpoint may subscribe to, as the GraphQL enum names them and as payloads spell them. */
export const WEBHOOK_EVENTS = {
  DOCUMENT_POSTED: 'document.posted',
  SERIAL_CHANGED: 'serial.changed',
} as const;

export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[WebhookEventName];

/** The graphile-worker task that sends one delivery. */
export const DELIVER_TASK = 'webhook_deliver';

/** Attempts graphile-worker itself makes of one job (a crash or database failure mid-task): retries
 * after an HTTP failure are new jobs scheduled by the task (retry-schedule.ts), not these. */
export const JOB_MAX_ATTEMPTS = 5;
