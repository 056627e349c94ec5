import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { parse } from 'graphql';
import { toRefusal, type Refusal } from './api-refusal';
import { isUnreachable, type OfflineContext } from './offline-link';
import type { OfflineQueue, QueuedDocument } from './offline-queue';

/** First retry after a failed send; doubled each time up to MAX_DELAY_MS. */
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;
/** One tab sends at a time (Web Locks); the API's idempotency covers a browser without them. */
const LOCK = 'serialgraph-demo-offline-queue';

type Outcome = 'sent' | 'refused' | 'retry';

/**
 * Sends the saved documents, oldest first and one at a time: when the connection returns
 * (`online`), when a document is saved, at start (a reload keeps the queue), and on a timer
 * with backoff while the API stays unreachable. A refusal stays on its document for the clerk and
 * the next one is sent. Returns a function that stops it.
 */
export function startOfflineReplay(client: ApolloClient, queue: OfflineQueue): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running = false;
  let again = false;

  const schedule = () => {
    clearTimeout(timer);
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures);
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
  };
  const cancelRetry = () => {
    clearTimeout(timer);
    timer = undefined;
  };

  const drain = async () => {
    await queue.reload();
    let sentAny = false;
    for (let next = queue.waiting()[0]; next; next = queue.waiting()[0]) {
      const outcome = await send(client, queue, next);
      if (outcome === 'retry') return schedule();
      failures = 0;
      sentAny ||= outcome === 'sent';
    }
    cancelRetry();
    // Lists and histories on screen predate what was just posted.
    if (sentAny) void client.refetchQueries({ include: 'active' });
  };

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await queue.loaded;
      if (queue.waiting().length === 0) return;
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) await locks.request(LOCK, drain);
      else await drain();
    } catch {
      schedule();
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };

  const onOnline = () => {
    cancelRetry();
    failures = 0;
    void run();
  };
  window.addEventListener('online', onOnline);
  const unsubscribe = queue.subscribe(() => {
    // A newly saved document: try at once unless a retry is already timed.
    if (timer === undefined && queue.waiting().length > 0) void run();
  });
  void run();
  return () => {
    window.removeEventListener('online', onOnline);
    unsubscribe();
    cancelRetry();
  };
}

async function send(client: ApolloClient, queue: OfflineQueue, entry: QueuedDocument): Promise<Outcome> {
  try {
    const { data } = await client.mutate({
      mutation: parse(entry.query),
      variables: entry.variables,
      context: { offlineReplay: true } satisfies OfflineContext,
    });
    await queue.markSent(entry.seq, postedOf(data));
    return 'sent';
  } catch (error) {
    if (isUnreachable(error) || (ServerError.is(error) && error.statusCode === 429)) return 'retry';
    await queue.markRefused(entry.seq, replayRefusal(error));
    return 'refused';
  }
}

/** The document a posting mutation answered: `{ receiveStock: { id, number } }` → that. */
function postedOf(data: unknown): { id: string; number: string } | null {
  const first = data && typeof data === 'object' ? Object.values(data)[0] : null;
  const { id, number } = (first ?? {}) as { id?: unknown; number?: unknown };
  return typeof id === 'string' && typeof number === 'string' ? { id, number } : null;
}

/** The refusal to keep on the document: GraphQL errors as the API gave them, also from an HTTP error's body. */
function replayRefusal(error: unknown): Refusal {
  if (ServerError.is(error) && !CombinedGraphQLErrors.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: CombinedGraphQLErrors['errors'] };
      if (Array.isArray(body.errors) && body.errors.length > 0)
        return toRefusal(new CombinedGraphQLErrors({ errors: body.errors }))!;
    } catch {
      // not JSON: described below
    }
  }
  return toRefusal(error)!;
}
