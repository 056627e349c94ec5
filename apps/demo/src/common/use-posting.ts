import { useState } from 'react';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import type { PostedDocument } from '../api/operations';
import { toRefusal, type Refusal } from './api-refusal';
import { isSavedOffline, type OfflineContext } from './offline-link';
import type { QueuedDocument } from './offline-queue';

/** The API could not be reached: the document is saved on this device and sent later (see OfflineQueuePanel). */
export interface SavedOnDevice {
  savedOnDevice: QueuedDocument;
}

/**
 * Posts one document mutation; keeps the refusal (plain words + offending serials) or the posted
 * document. A posting with an idempotency key that cannot reach the API is saved on this device.
 */
export function usePosting<TData, TVariables extends OperationVariables>(
  mutation: TypedDocumentNode<TData, TVariables>,
  pick: (data: TData) => PostedDocument,
) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [posted, setPosted] = useState<PostedDocument | null>(null);

  /**
   * Resolves to the posted document, to SavedOnDevice when the API was unreachable (the form may
   * start the next document), or null when refused (the refusal is then in `refusal`). `context`
   * tells the offline queue what the input does not say in words (the numbers of units named by id).
   */
  const post = async (
    variables: TVariables,
    context?: OfflineContext,
  ): Promise<PostedDocument | SavedOnDevice | null> => {
    setBusy(true);
    setRefusal(null);
    setPosted(null);
    try {
      const result = await client.mutate({ mutation, variables, context });
      const document = pick(result.data as TData);
      setPosted(document);
      // Every open list and history now differs: re-read what is on screen.
      void client.refetchQueries({ include: 'active' });
      return document;
    } catch (error) {
      if (isSavedOffline(error)) return { savedOnDevice: error.document };
      setRefusal(toRefusal(error));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { post, busy, refusal, posted, setRefusal, clearPosted: () => setPosted(null) };
}
