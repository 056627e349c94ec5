import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** The WebSocket address of a server's GraphQL endpoint. */
export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

export interface Received<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One subscription over a real graphql-ws client: its results queue up until read. */
export interface Subscription<T = Record<string, any>> {
  /** The next result, or a failure after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Received<T>>;
  /** Results received and not yet read. */
  pending(): number;
  /** Resolves when the server completed the subscription (or ended it with errors). */
  completed: Promise<void>;
  close(): Promise<void>;
}

/** A graphql-ws client as `key` (no retries: a refusal shows as it is). */
export function wsClient(httpUrl: string, key: string | null): Client {
  return createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe<T = Record<string, any>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Subscription<T> {
  const queue: Received<T>[] = [];
  const waiting: ((r: Received<T>) => void)[] = [];
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => (complete = resolve));
  const deliver = (r: Received<T>) => {
    const waiter = waiting.shift();
    if (waiter) waiter(r);
    else queue.push(r);
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => deliver(result as Received<T>),
      error: (error) => {
        deliver({
          errors: Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error) }],
        });
        complete();
      },
      complete: () => complete(),
    },
  );
  return {
    next(timeoutMs = 10_000) {
      const ready = queue.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(done), 1);
          reject(new Error(`no subscription result within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (r: Received<T>) => {
          clearTimeout(timer);
          resolve(r);
        };
        waiting.push(done);
      });
    },
    pending: () => queue.length,
    completed,
    async close() {
      unsubscribe();
    },
  };
}

/** What a raw WebSocket saw: its close code and reason, and every message before it. */
export interface RawOutcome {
  code: number;
  reason: string;
  messages: Record<string, any>[];
}

/** Longest a session waits for the server to acknowledge connection_init (a slow key check). */
const ACK_WAIT_MS = 10_000;

/**
 * A bare graphql-transport-ws session: sends `messages` in order (after each, waits `gapMs`; after
 * a connection_init, until the server acknowledges or closes, then `initGapMs`), then
 * waits for the server to close (or `waitMs`, then closes it itself: code 1000 from us).
 */
export function rawSession(
  httpUrl: string,
  messages: (string | Record<string, unknown>)[],
  {
    waitMs = 3000,
    gapMs = 100,
    initGapMs = gapMs,
  }: { waitMs?: number; gapMs?: number; initGapMs?: number } = {},
): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(httpUrl), 'graphql-transport-ws');
    const received: Record<string, any>[] = [];
    let timer: NodeJS.Timeout | undefined;
    // Settled by the acknowledgement or the close, whichever comes first.
    let answered!: () => void;
    const initAnswered = new Promise<void>((r) => (answered = r));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, any>;
      received.push(message);
      if (message.type === 'connection_ack') answered();
    });
    socket.on('error', () => undefined);
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      answered();
      resolve({ code, reason: reason.toString(), messages: received });
    });
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('open', async () => {
      for (const m of messages) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(typeof m === 'string' ? m : JSON.stringify(m));
        if (typeof m === 'object' && m.type === 'connection_init') {
          await Promise.race([initAnswered, new Promise((r) => setTimeout(r, ACK_WAIT_MS))]);
          await new Promise((r) => setTimeout(r, initGapMs));
        } else await new Promise((r) => setTimeout(r, gapMs));
      }
      timer = setTimeout(() => socket.close(1000), waitMs);
    });
  });
}
