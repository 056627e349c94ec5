import type { ApolloClient } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { SerialPickerSerialFragmentDoc, type SerialPickerSerialFragment } from '../generated/graphql';

/**
 * A listed unit as the Apollo cache knows it now, so a row follows a change made elsewhere in the
 * app (a mutation's answer, another query) on whichever page it was loaded; the unit as listed
 * when the cache no longer holds it whole. One small watch per rendered row: a virtualized list
 * renders a screenful, so the cost does not grow with the pages loaded.
 */
export function useCurrentUnit(
  unit: SerialPickerSerialFragment,
  client?: ApolloClient,
): SerialPickerSerialFragment {
  const current = useFragment({ fragment: SerialPickerSerialFragmentDoc, from: unit, client });
  return current.complete ? current.data : unit;
}
