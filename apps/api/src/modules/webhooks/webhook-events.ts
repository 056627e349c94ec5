/** The events an endpoint may subscribe to, as the GraphQL enum names them and as payloads spell them. */
export const WEBHOOK_EVENTS = {
  DOCUMENT_POSTED: 'document.posted',
  SERIAL_CHANGED: 'serial.changed',
  SERIALS_CHANGED: 'serials.changed',
} as const;

/**
 * Units per `serials.changed` event: a receipt of 100,000 units is 200 requests to an endpoint, not
 * 100,000 (over an hour at its pace), and a body stays well under 1 MB (about 180 kB for typical units).
 */
export const SERIALS_PER_EVENT = 500;

export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[WebhookEventName];

/** The graphile-worker task that sends one delivery. */
export const DELIVER_TASK = 'webhook_deliver';

/** Attempts graphile-worker itself makes of one job (a crash or database failure mid-task): retries
 * after an HTTP failure are new jobs scheduled by the task (retry-schedule.ts), not these. */
export const JOB_MAX_ATTEMPTS = 5;
