import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  REPLAY_WEBHOOK_DELIVERY,
  WEBHOOK_DELIVERIES,
  WEBHOOK_ENDPOINTS,
  type WebhookDelivery,
} from '../api/webhook-operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { ScreenHeader } from '../common/fields';
import { formatDateTime } from '../common/labels';
import { Link } from '../common/router';
import { deliveryStatusLabels, webhookEventName } from '../common/webhook-labels';
import { EmptyRow } from '../common/empty-row';

/** How often the log asks again: deliveries change state on their own (sent, retried, failed). */
const LOG_POLL_MS = 3000;
/** The newest deliveries shown; older ones stay in the API's log (`webhookDeliveries(after:)`). */
const LOG_PAGE = 50;

/** One endpoint's delivery log, newest first, with a Replay button per delivery. */
export function WebhookDeliveriesScreen({ endpointId }: { endpointId: string }) {
  const endpoints = useQuery(WEBHOOK_ENDPOINTS, { fetchPolicy: 'cache-first' });
  const { data, error, refetch } = useQuery(WEBHOOK_DELIVERIES, {
    variables: { endpointId, first: LOG_PAGE },
    fetchPolicy: 'network-only',
    pollInterval: LOG_POLL_MS,
  });
  const [result, setResult] = useState('');
  const endpoint = endpoints.data?.webhookEndpoints.find((e) => e.id === endpointId);
  const log = data?.webhookDeliveries;

  return (
    <div className="screen">
      <ScreenHeader
        title="Delivery log"
        intro={
          <>
            {endpoint ? (
              <>
                <span className="mono">{endpoint.url}</span> ·{' '}
                {endpoint.events.map(webhookEventName).join(', ')} ·{' '}
                {endpoint.enabled ? 'enabled' : 'disabled: it gets no events'}.{' '}
              </>
            ) : null}
            Newest first; refreshes every {LOG_POLL_MS / 1000} s.
          </>
        }
        actions={
          <>
            <Link to="/webhooks">All endpoints</Link>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void refetch().catch(() => undefined)}
            >
              Refresh
            </button>
          </>
        }
      />
      <RefusalMessage refusal={toRefusal(error ?? endpoints.error)} />
      <div role="status">{result ? <p className="notice notice-success">{result}</p> : null}</div>
      <section className="card table-card" aria-labelledby="webhook-deliveries-title">
        <h2 id="webhook-deliveries-title" className="card-title">
          Deliveries ({log?.totalCount ?? '…'})
          {log && log.totalCount > log.edges.length ? `: the newest ${log.edges.length}` : ''}
        </h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Event</th>
                <th scope="col">Subject</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Response</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Next attempt</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log?.edges.map(({ node }) => (
                <DeliveryRow
                  key={node.id}
                  delivery={node}
                  onReplayed={(d) => {
                    setResult(`Replay of ${subjectOf(d) || webhookEventName(d.event)} queued.`);
                    // The replay is queued: look again soon rather than at the next poll.
                    setTimeout(() => void refetch().catch(() => undefined), 1000);
                  }}
                />
              ))}
              {log && log.edges.length === 0 ? (
                <EmptyRow columns={8}>No deliveries yet: post a document to send one.</EmptyRow>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** What the event is about: the document's number (and the unit's, or the page's, for the unit events). */
function subjectOf(delivery: WebhookDelivery): string {
  try {
    const body = JSON.parse(delivery.payload) as {
      data?: {
        document?: { number?: string };
        serial?: { number?: string };
        page?: number;
        pageCount?: number;
        serials?: unknown[];
      };
    };
    const data = body.data;
    const page =
      data?.serials && data.page
        ? `${data.serials.length} units, page ${data.page} of ${data.pageCount ?? data.page}`
        : undefined;
    return [data?.serial?.number, page, data?.document?.number].filter(Boolean).join(' · ');
  } catch {
    return '';
  }
}

function DeliveryRow({
  delivery,
  onReplayed,
}: {
  delivery: WebhookDelivery;
  onReplayed: (delivery: WebhookDelivery) => void;
}) {
  const [replay, replaying] = useMutation(REPLAY_WEBHOOK_DELIVERY);
  const subject = subjectOf(delivery);
  const response =
    delivery.responseStatus != null
      ? `HTTP ${delivery.responseStatus}`
      : (delivery.error ?? (delivery.attempts ? 'no response' : 'not sent yet'));

  return (
    <tr data-event-id={delivery.eventId}>
      <td>
        <span className="pill" data-delivery={delivery.status}>
          {deliveryStatusLabels[delivery.status]}
        </span>
      </td>
      <td className="mono">{webhookEventName(delivery.event)}</td>
      <td className="mono">{subject || '—'}</td>
      <td className="num">{delivery.attempts}</td>
      <td>
        <span className={delivery.responseStatus != null ? 'mono' : undefined}>{response}</span>
        {delivery.attempts ? (
          <details className="delivery-details">
            <summary>
              Response<span className="visually-hidden"> and attempts of {subject || delivery.eventId}</span>
            </summary>
            <pre className="delivery-excerpt">{delivery.responseBodyExcerpt || '(empty body)'}</pre>
            <ol className="delivery-attempts">
              {delivery.attemptLog.map((a) => (
                <li key={a.number}>
                  {formatDateTime(a.at)}: {a.responseStatus != null ? `HTTP ${a.responseStatus}` : a.error} in{' '}
                  {a.durationMs} ms
                </li>
              ))}
            </ol>
            <div className="field-hint mono">Event id {delivery.eventId}</div>
          </details>
        ) : null}
      </td>
      <td>{formatDateTime(delivery.lastAttemptAt) || '—'}</td>
      <td>{formatDateTime(delivery.nextAttemptAt) || '—'}</td>
      <td>
        <button
          type="button"
          className="button button-secondary"
          disabled={replaying.loading}
          onClick={() =>
            void replay({ variables: { id: delivery.id } }).then(
              (r) => r.data && onReplayed(r.data.replayWebhookDelivery),
              () => undefined, // shown from `replaying.error`
            )
          }
        >
          Replay
          <span className="visually-hidden">
            {' '}
            {webhookEventName(delivery.event)} {subject}
          </span>
        </button>
        <RefusalMessage refusal={toRefusal(replaying.error)} />
      </td>
    </tr>
  );
}
