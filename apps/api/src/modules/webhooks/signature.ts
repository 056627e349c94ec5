import { createHmac, randomBytes } from 'node:crypto';

/** The request headers a delivery carries (README, Webhooks). */
export const SIGNATURE_HEADER = 'Serialgraph-Signature';
export const EVENT_ID_HEADER = 'Serialgraph-Event-Id';
export const EVENT_TYPE_HEADER = 'Serialgraph-Event-Type';

/** A new endpoint secret: 32 random bytes, shown once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** HMAC-SHA256 over `${timestamp}.${body}` with the endpoint's secret, as lower-case hex. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex>`: the timestamp is signed too, so a receiver can refuse old replays. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookSignature(secret, timestamp, body)}`;
}
