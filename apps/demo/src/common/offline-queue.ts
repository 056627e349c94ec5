import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Refusal } from './api-refusal';

// Documents posted while the API could not be reached, kept in IndexedDB (so a reload or a closed
// tab keeps them) until they are sent, in the order they were saved. Each keeps the idempotency key
// it was first sent with: whether or not that first attempt reached the server, sending it again
// posts the document at most once (the API answers a repeated key with the first result).

/** A posting saved on this device. `refusal` is null while it waits to be sent. */
export interface QueuedDocument {
  /** Order of saving (IndexedDB auto-increment key). */
  seq: number;
  idempotencyKey: string;
  /** The mutation as sent (printed GraphQL) and its variables, replayed unchanged. */
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  /** What the clerk saved, in plain words: "Receipt · 3 units · HSC-INV-7". */
  title: string;
  /** The serial numbers it moves, to show next to a refusal. */
  serials: string[];
  savedAt: string;
  /** Set when the API refused the document on replay: it is not sent again. */
  refusal: Refusal | null;
}

/** A queued document the API has now posted (kept in memory for the notice only). */
export interface SentDocument {
  seq: number;
  title: string;
  /** The posted document, when the mutation answered one. */
  document: { id: string; number: string } | null;
}

export type NewQueuedDocument = Omit<QueuedDocument, 'seq' | 'savedAt' | 'refusal'>;

interface QueueSchema extends DBSchema {
  documents: { key: number; value: QueuedDocument; indexes: { idempotencyKey: string } };
}

const DB_NAME = 'serialgraph-demo-offline';
const STORE = 'documents';
/** Tabs of the same app tell each other the queue changed. */
const CHANNEL = 'serialgraph-demo-offline-queue';

/** The queue: IndexedDB underneath, an in-memory snapshot for React (useSyncExternalStore). */
export class OfflineQueue {
  private db: Promise<IDBPDatabase<QueueSchema>> | null = null;
  private documents: readonly QueuedDocument[] = [];
  private signature = '';
  private sentDocuments: readonly SentDocument[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;
  /** Resolves once the saved documents have been read. */
  readonly loaded: Promise<void>;

  constructor(private readonly name = DB_NAME) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    if (this.channel)
      this.channel.onmessage = (event: MessageEvent<{ sent?: SentDocument }>) => {
        const sent = event.data?.sent;
        if (sent) this.sentDocuments = [...this.sentDocuments, sent];
        void this.reload(!!sent).catch(() => undefined);
      };
    this.loaded = this.reload().catch(() => undefined);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every saved document, oldest first (waiting and refused). */
  snapshot = (): readonly QueuedDocument[] => this.documents;

  /** Documents sent from this tab since it opened, newest last. */
  sent = (): readonly SentDocument[] => this.sentDocuments;

  /** Documents still to be sent, oldest first. */
  waiting(): QueuedDocument[] {
    return this.documents.filter((document) => !document.refusal);
  }

  /** Saves a document; one already saved with the same idempotency key is kept as it is. */
  async add(entry: NewQueuedDocument): Promise<QueuedDocument> {
    const db = await this.open();
    const transaction = db.transaction(STORE, 'readwrite');
    const existing = await transaction.store.index('idempotencyKey').get(entry.idempotencyKey);
    let saved = existing;
    if (!saved) {
      const draft = { ...entry, savedAt: new Date().toISOString(), refusal: null };
      const seq = await transaction.store.add(draft as QueuedDocument);
      saved = { ...draft, seq };
    }
    await transaction.done;
    await this.changed();
    return saved;
  }

  /** The API posted it: it leaves the queue. */
  async markSent(seq: number, document: SentDocument['document']): Promise<void> {
    const entry = this.documents.find((candidate) => candidate.seq === seq);
    await (await this.open()).delete(STORE, seq);
    const sent = entry ? { seq, title: entry.title, document } : undefined;
    if (sent) this.sentDocuments = [...this.sentDocuments, sent];
    await this.changed(sent);
  }

  /** The API refused it on replay: kept, with the refusal, for the clerk to read. */
  async markRefused(seq: number, refusal: Refusal): Promise<void> {
    const db = await this.open();
    const entry = await db.get(STORE, seq);
    if (entry) await db.put(STORE, { ...entry, refusal });
    await this.changed();
  }

  /** The clerk has read the refusal (or the sent notice): it goes away. */
  async dismiss(seq: number): Promise<void> {
    this.sentDocuments = this.sentDocuments.filter((sent) => sent.seq !== seq);
    const entry = this.documents.find((candidate) => candidate.seq === seq);
    if (entry?.refusal) await (await this.open()).delete(STORE, seq);
    await this.changed();
  }

  /**
   * Reads the saved documents again (another tab may have sent or saved some); listeners hear of
   * it only when something changed (or `force`), so a reader does not wake everyone needlessly.
   */
  async reload(force = false): Promise<void> {
    const documents = (await (await this.open()).getAll(STORE)).sort((a, b) => a.seq - b.seq);
    const signature = documents.map((d) => `${d.seq}${d.refusal ? 'r' : 'w'}`).join(',');
    if (!force && signature === this.signature) return;
    this.signature = signature;
    this.documents = documents;
    this.notify();
  }

  /** Every tab of the app shows the same queue (and what was sent from it). */
  private async changed(sent?: SentDocument): Promise<void> {
    await this.reload(true);
    this.channel?.postMessage({ sent });
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private open(): Promise<IDBPDatabase<QueueSchema>> {
    this.db ??= openDB<QueueSchema>(this.name, 1, {
      upgrade(db) {
        const store = db.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
        store.createIndex('idempotencyKey', 'idempotencyKey', { unique: true });
      },
    });
    return this.db;
  }
}

/** The app's one queue. */
export const offlineQueue = new OfflineQueue();
