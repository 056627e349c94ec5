import { useRef } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { ReceivedDocument } from '@serialgraph/react';
import { RECEIVE_UNITS } from '../api/operations';
import { newIdempotencyKey } from '../common/fields';
import { isSavedOffline } from '../common/offline-link';
import type { UnitDetails } from './receive-unit-details';

/**
 * ReceiveSerialsForm's `onSubmit` on the Receive screen: the receipt is posted by the screen
 * (with the unit details when any are filled), so a receipt the API cannot be reached for is saved
 * on this device, and the form clears for the next delivery, instead of failing. A refusal is
 * rethrown for the form to mark its rows.
 */
export function useReceiptSubmit(
  props: { productId: string; warehouseId: string; supplierId: string; reference: string },
  details: UnitDetails,
) {
  const client = useApolloClient();
  // The same list sent again (after an error) keeps its key, so it can never be posted twice.
  const keyed = useRef({ list: '', key: '' });
  return async (serials: string[], unitCost: string): Promise<ReceivedDocument | void> => {
    try {
      if (details.active) return await details.submit(serials, unitCost);
      const list = JSON.stringify([serials, unitCost, props]);
      if (keyed.current.list !== list) keyed.current = { list, key: newIdempotencyKey() };
      const result = await client.mutate({
        mutation: RECEIVE_UNITS,
        variables: {
          input: {
            warehouseId: props.warehouseId,
            supplierId: props.supplierId || undefined,
            reference: props.reference.trim() || undefined,
            idempotencyKey: keyed.current.key,
            lines: [
              {
                productId: props.productId,
                quantity: serials.length,
                serials,
                unitCost: unitCost.trim() || undefined,
              },
            ],
          },
        },
      });
      return result.data!.receiveStock;
    } catch (error) {
      if (!isSavedOffline(error)) throw error;
      // Saved on this device (the shell shows it): resolving clears the form.
      details.clear();
    }
  };
}
