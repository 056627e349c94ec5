import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  CREATE_WEBHOOK_ENDPOINT,
  ROTATE_WEBHOOK_SECRET,
  SET_WEBHOOK_ENDPOINT_ENABLED,
  WEBHOOK_ENDPOINTS,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEvent,
} from '../api/webhook-operations';
import { RefusalMessage, toRefusal } from '../common/api-refusal';
import { Field, ScreenHeader } from '../common/fields';
import { Link } from '../common/router';
import { SecretOnce } from '../common/secret-once';
import { WEBHOOK_EVENTS, webhookEventName } from '../common/webhook-labels';
import { EmptyRow } from '../common/empty-row';

/** Settings: where the organization's events are POSTed, each endpoint's secret and delivery log. */
export function WebhooksScreen() {
  const { data, loading, error } = useQuery(WEBHOOK_ENDPOINTS, { fetchPolicy: 'cache-and-network' });
  // The secret of the endpoint just added or rotated: kept in this screen's state only, so it is
  // gone once the admin leaves (the API never shows it again either).
  const [secret, setSecret] = useState<(WebhookEndpointWithSecret & { rotated: boolean }) | null>(null);
  const [result, setResult] = useState('');
  const endpoints = data?.webhookEndpoints ?? [];

  return (
    <div className="screen">
      <ScreenHeader
        title="Webhooks"
        intro="Endpoints that receive your organization's events (a posted document, a changed unit) as signed HTTP POSTs, retried for a day if they fail. Each has a delivery log you can replay from."
      />
      <RefusalMessage refusal={toRefusal(error)} />
      {secret ? (
        <SecretOnce
          key={secret.secret}
          secret={secret.secret}
          url={secret.endpoint.url}
          rotated={secret.rotated}
        />
      ) : null}
      {/* Always in the page, so screen readers announce what lands in it. */}
      <div role="status">{result ? <p className="notice notice-success">{result}</p> : null}</div>
      <section className="card table-card" aria-labelledby="webhook-endpoints-title">
        <h2 id="webhook-endpoints-title" className="card-title">
          Endpoints ({data ? endpoints.length : '…'})
        </h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Description</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <EndpointRow
                  key={endpoint.id}
                  endpoint={endpoint}
                  onRotated={(answer) => {
                    setResult('');
                    setSecret({ ...answer, rotated: true });
                  }}
                  onToggled={(e) => {
                    setSecret(null);
                    setResult(`${e.url} ${e.enabled ? 'enabled' : 'disabled: it gets no events'}.`);
                  }}
                />
              ))}
              {!loading && endpoints.length === 0 ? (
                <EmptyRow columns={5}>No endpoints yet: add one below.</EmptyRow>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
      <AddEndpointForm
        onAdded={(answer) => {
          setResult(`Endpoint ${answer.endpoint.url} added.`);
          setSecret({ ...answer, rotated: false });
        }}
      />
    </div>
  );
}

function EndpointRow({
  endpoint,
  onRotated,
  onToggled,
}: {
  endpoint: WebhookEndpoint;
  onRotated: (answer: WebhookEndpointWithSecret) => void;
  onToggled: (endpoint: WebhookEndpoint) => void;
}) {
  const [setEnabled, toggling] = useMutation(SET_WEBHOOK_ENDPOINT_ENABLED);
  const [rotate, rotating] = useMutation(ROTATE_WEBHOOK_SECRET);
  // Rotating stops the old secret at once: a second, explicit press confirms it. "Keep" puts the
  // focus back on "Rotate secret" (the confirming buttons it was on are gone).
  const [confirming, setConfirming] = useState(false);
  const [kept, setKept] = useState(false);

  const toggle = () =>
    setEnabled({ variables: { id: endpoint.id, enabled: !endpoint.enabled } }).then(
      (r) => r.data && onToggled(r.data.updateWebhookEndpoint),
      () => undefined, // shown from `toggling.error`
    );
  const confirmRotate = () =>
    rotate({ variables: { id: endpoint.id } }).then(
      (r) => {
        setConfirming(false);
        if (r.data) onRotated(r.data.rotateWebhookSecret);
      },
      () => setConfirming(false),
    );

  return (
    <tr>
      <td>
        <Link to={`/webhooks/${encodeURIComponent(endpoint.id)}`} className="mono">
          {endpoint.url}
        </Link>
      </td>
      <td className="mono">{endpoint.events.map(webhookEventName).join(', ')}</td>
      <td>
        <span className="pill" data-enabled={endpoint.enabled}>
          {endpoint.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </td>
      <td>{endpoint.description || '—'}</td>
      <td>
        <div className="row-actions">
          <Link to={`/webhooks/${encodeURIComponent(endpoint.id)}`} className="button button-quiet">
            Delivery log
          </Link>
          <button
            type="button"
            className="button button-secondary"
            disabled={toggling.loading}
            onClick={() => void toggle()}
          >
            {endpoint.enabled ? 'Disable' : 'Enable'}
            <span className="visually-hidden"> {endpoint.url}</span>
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button-danger"
                disabled={rotating.loading}
                onClick={() => void confirmRotate()}
                autoFocus
              >
                Rotate now
                <span className="visually-hidden"> (the old secret of {endpoint.url} stops signing)</span>
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  setConfirming(false);
                  setKept(true);
                }}
              >
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setKept(false);
                setConfirming(true);
              }}
              autoFocus={kept}
            >
              Rotate secret<span className="visually-hidden"> of {endpoint.url}</span>
            </button>
          )}
        </div>
        <RefusalMessage refusal={toRefusal(toggling.error ?? rotating.error)} />
      </td>
    </tr>
  );
}

function AddEndpointForm({ onAdded }: { onAdded: (answer: WebhookEndpointWithSecret) => void }) {
  const [create, creating] = useMutation(CREATE_WEBHOOK_ENDPOINT, {
    refetchQueries: ['DemoWebhookEndpoints'],
    awaitRefetchQueries: true,
  });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['DOCUMENT_POSTED']);
  const [description, setDescription] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!events.length) return;
    await create({
      variables: { input: { url: url.trim(), events, description: description.trim() || null } },
    }).then(
      (r) => {
        if (!r.data) return;
        setUrl('');
        setDescription('');
        onAdded(r.data.createWebhookEndpoint);
      },
      () => undefined, // shown from `creating.error`
    );
  };

  return (
    <section className="card" aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title" className="card-title">
        Add an endpoint
      </h2>
      <form className="form-grid" aria-label="Add a webhook endpoint" onSubmit={(e) => void submit(e)}>
        <Field
          label="URL"
          className="field-wide"
          hint="http(s) address of your receiver; no user name or password in it."
        >
          {(id) => (
            <input
              id={id}
              type="url"
              className="mono"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://erp.example.com/hooks/serialgraph"
              required
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <fieldset className="field">
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event.value} className="check">
              <input
                type="checkbox"
                checked={events.includes(event.value)}
                onChange={(e) =>
                  setEvents((list) =>
                    e.target.checked ? [...list, event.value] : list.filter((v) => v !== event.value),
                  )
                }
              />{' '}
              <span className="mono">{event.name}</span>: {event.description}
            </label>
          ))}
          {events.length ? null : (
            <div className="field-hint" role="alert">
              Choose at least one event.
            </div>
          )}
        </fieldset>
        <Field label="Description" hint="Optional: who receives it and why.">
          {(id) => (
            <input
              id={id}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <div className="form-actions field-wide">
          <button
            type="submit"
            className="button button-primary"
            disabled={creating.loading || !events.length}
          >
            {creating.loading ? 'Adding…' : 'Add endpoint'}
          </button>
        </div>
      </form>
      <RefusalMessage refusal={toRefusal(creating.error)} />
    </section>
  );
}
