import { useSyncExternalStore } from 'react';
import { RefusalMessage } from './api-refusal';
import { formatDateTime } from './labels';
import { offlineQueue, type OfflineQueue } from './offline-queue';
import { Link } from './router';

const documents = (n: number) => (n === 1 ? '1 document' : `${n} documents`);

/**
 * What the device keeps for the API: "saved on this device, will be sent" with the number of
 * documents waiting, each document refused on replay with the API's words and the numbers it
 * names, and the documents sent since. Renders nothing while the queue is empty.
 */
export function OfflineQueuePanel({ queue = offlineQueue }: { queue?: OfflineQueue }) {
  const saved = useSyncExternalStore(queue.subscribe, queue.snapshot);
  const sent = useSyncExternalStore(queue.subscribe, queue.sent);
  const waiting = saved.filter((entry) => !entry.refusal);
  const refused = saved.filter((entry) => entry.refusal);
  if (saved.length === 0 && sent.length === 0) return null;
  return (
    <section className="offline-queue" aria-label="Documents saved on this device">
      {waiting.length > 0 ? (
        <div className="notice notice-warning" role="status" data-waiting={waiting.length}>
          <span>
            <strong>Saved on this device, will be sent</strong> when the connection returns:{' '}
            {documents(waiting.length)} waiting ({waiting.map((entry) => entry.title).join('; ')}).
          </span>
        </div>
      ) : null}
      {refused.map((entry) => (
        <div key={entry.seq} className="offline-refused" data-seq={entry.seq}>
          <p>
            <strong>{entry.title}</strong>, saved on this device at {formatDateTime(entry.savedAt)}, was
            refused when it was sent. Nothing of it was posted.
          </p>
          <RefusalMessage refusal={entry.refusal} />
          {entry.refusal!.serials.length > 0 ? (
            <p className="offline-refused-serials">
              Numbers refused:{' '}
              {entry.refusal!.serials.map((serial, index) => (
                <span key={serial}>
                  {index > 0 ? ', ' : ''}
                  <code>{serial}</code>
                </span>
              ))}
            </p>
          ) : null}
          <button type="button" className="button-link" onClick={() => void queue.dismiss(entry.seq)}>
            Dismiss
          </button>
        </div>
      ))}
      {sent.length > 0 ? (
        <div className="notice notice-success" role="status">
          <span>
            Sent from this device:{' '}
            {sent.map((entry, index) => (
              <span key={entry.seq}>
                {index > 0 ? '; ' : ''}
                {entry.title}
                {entry.document ? (
                  <>
                    {' '}
                    as <Link to={`/documents/${entry.document.id}`}>{entry.document.number}</Link>
                  </>
                ) : null}
              </span>
            ))}
            .
          </span>
          <button
            type="button"
            className="button-link"
            onClick={() => sent.forEach((entry) => void queue.dismiss(entry.seq))}
          >
            Dismiss
          </button>
        </div>
      ) : null}
    </section>
  );
}
