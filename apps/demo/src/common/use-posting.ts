import { useState } from 'react';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import type { PostedDocument } from '../api/operations';
import { toRefusal, type Refusal } from './api-refusal';

/** Posts one document mutation; keeps the refusal (plain words + offending serials) or the posted document. */
export function usePosting<TData, TVariables extends OperationVariables>(
  mutation: TypedDocumentNode<TData, TVariables>,
  pick: (data: TData) => PostedDocument,
) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [posted, setPosted] = useState<PostedDocument | null>(null);

  /** Resolves to the posted document, or null when refused (the refusal is then in `refusal`). */
  const post = async (variables: TVariables): Promise<PostedDocument | null> => {
    setBusy(true);
    setRefusal(null);
    setPosted(null);
    try {
      const result = await client.mutate({ mutation, variables });
      const document = pick(result.data as TData);
      setPosted(document);
      // Every open list and history now differs: re-read what is on screen.
      void client.refetchQueries({ include: 'active' });
      return document;
    } catch (error) {
      setRefusal(toRefusal(error));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { post, busy, refusal, posted, setRefusal, clearPosted: () => setPosted(null) };
}
