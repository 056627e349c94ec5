import { ApolloLink } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { getOperationAST, OperationTypeNode, print, type DocumentNode, type FieldNode } from 'graphql';
import { Observable, type Subscription } from 'rxjs';
import type { NewQueuedDocument, OfflineQueue, QueuedDocument } from './offline-queue';

/** Thrown to the caller of a posting the API could not be reached for: it is saved on this device. */
export class SavedOffline extends Error {
  constructor(readonly document: QueuedDocument) {
    super(`${document.title}: saved on this device, will be sent.`);
    this.name = 'SavedOffline';
  }
}

export const isSavedOffline = (error: unknown): error is SavedOffline => error instanceof SavedOffline;

/**
 * True when the API was not reached (fetch failed: offline, connection refused) or a gateway or the
 * API itself said "try again later" (502/503/504; the API's 503 SERVICE_UNAVAILABLE asks for a
 * retry with the same idempotency key). A GraphQL refusal is an answer, never "unreachable".
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return ServerError.is(error) && [502, 503, 504].includes(error.statusCode);
}

/** Context of a posting as the offline queue reads it. */
export interface OfflineContext {
  /** A replayed posting: it must not be queued again. */
  offlineReplay?: boolean;
  /** The numbers of the units an input names only by id (a repair): shown on the queued document. */
  offlineSerials?: string[];
}

/**
 * The Apollo link that keeps postings the API cannot be reached for. It acts on mutations whose
 * `input` carries an `idempotencyKey` (every document posting of the demo): sent as usual, but a
 * network failure saves the document in the queue and fails with SavedOffline. While documents
 * wait in the queue a new posting joins them instead of overtaking them: the API sees documents
 * in the order the clerk saved them.
 */
export function offlineQueueLink(queue: OfflineQueue): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const key = idempotencyKeyOf(operation.variables);
    const replay = (operation.getContext() as OfflineContext).offlineReplay;
    if (operation.operationType !== OperationTypeNode.MUTATION || !key || replay) return forward(operation);
    return new Observable<ApolloLink.Result>((observer) => {
      let closed = false;
      let sending: Subscription | undefined;
      const save = (cause: unknown) =>
        queue
          .add(
            describe(
              operation.query,
              operation.operationName,
              operation.variables,
              key,
              (operation.getContext() as OfflineContext).offlineSerials,
            ),
          )
          .then(
            (saved) => observer.error(new SavedOffline(saved)),
            // IndexedDB unavailable (private mode, quota): the clerk sees the network failure.
            () => observer.error(cause),
          );
      void queue.loaded.then(() => {
        if (closed) return;
        if (queue.waiting().length > 0) return void save(new TypeError('documents are waiting to be sent'));
        sending = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error: unknown) => (isUnreachable(error) ? void save(error) : observer.error(error)),
          complete: () => observer.complete(),
        });
      });
      return () => {
        closed = true;
        sending?.unsubscribe();
      };
    });
  });
}

function idempotencyKeyOf(variables: Record<string, unknown>): string | null {
  const input = variables.input as { idempotencyKey?: unknown } | undefined;
  return typeof input?.idempotencyKey === 'string' && input.idempotencyKey ? input.idempotencyKey : null;
}

/** Words for a posting mutation's root field. */
const documentWords: Record<string, string> = {
  receiveStock: 'Receipt',
  shipStock: 'Shipment',
  returnStock: 'Return',
  transferStock: 'Transfer',
  writeOffStock: 'Write-off',
  holdStock: 'Hold',
  releaseStock: 'Release from hold',
  intakeRepair: 'Repair intake',
  releaseRepair: 'Repair release',
};

interface LineShape {
  quantity?: number;
  serials?: string[];
  units?: { serial?: string }[];
}

/** The queue entry of a posting: the mutation as sent, plus its title and serials for the clerk. */
export function describe(
  query: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  idempotencyKey: string,
  namedSerials: string[] = [],
): NewQueuedDocument {
  const definition = getOperationAST(query, operationName);
  const field = definition?.selectionSet.selections.find((s): s is FieldNode => s.kind === 'Field');
  const input = (variables.input ?? {}) as {
    lines?: LineShape[];
    serials?: string[];
    reference?: string | null;
  };
  const lines = input.lines ?? [];
  const serials = [
    ...namedSerials,
    ...(input.serials ?? []),
    ...lines.flatMap((line) => [
      ...(line.serials ?? []),
      ...(line.units ?? []).flatMap((unit) => (unit.serial ? [unit.serial] : [])),
    ]),
  ];
  const units = lines.length > 0 ? lines.reduce((n, line) => n + (line.quantity ?? 0), 0) : serials.length;
  const title = [
    documentWords[field?.name.value ?? ''] ?? 'Document',
    units === 1 ? '1 unit' : `${units} units`,
    input.reference || null,
    // A document of one unit named by id (a repair) says which unit: the clerk's case id.
    lines.length === 0 && !input.serials ? namedSerials.join(', ') || null : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    idempotencyKey,
    operationName: operationName ?? null,
    query: print(query),
    variables: structuredClone(variables),
    title,
    serials,
  };
}
