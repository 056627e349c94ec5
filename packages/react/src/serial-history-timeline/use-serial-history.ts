import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import {
  SerialHistoryTimelineDocument,
  type SerialHistoryTimelineMovementFragment,
  type SerialHistoryTimelineSerialFragment,
} from '../generated/graphql';

/** Order of the movements: the API sends them oldest first. */
export type HistoryOrder = 'oldest-first' | 'newest-first';

/**
 * What the timeline shows, as a value for `data-state`:
 * `loading` (first fetch), `error` (fetch failed, nothing cached), `not-found` (no such serial),
 * `empty` (serial without movements), `ready`.
 */
export type SerialHistoryStatus = 'loading' | 'error' | 'not-found' | 'empty' | 'ready';

/** Options of useSerialHistory. */
export interface UseSerialHistoryOptions {
  /** Node id of the serial to fetch with the component's own query. Ignored when `serial` is given. */
  serialId?: string;
  /**
   * The serial from the host's own query (spread `...SerialHistoryTimelineSerial`).
   * When given, nothing is fetched. Default: undefined (fetch by `serialId`).
   */
  serial?: SerialHistoryTimelineSerialFragment | null;
  /** Order of the movements. Default: 'oldest-first'. */
  order?: HistoryOrder;
  /** Apollo Client to use. Default: the host's ApolloProvider client. */
  client?: ApolloClient;
}

/** State returned by useSerialHistory. */
export interface SerialHistory {
  status: SerialHistoryStatus;
  serial: SerialHistoryTimelineSerialFragment | null;
  /** Movements in the requested order. */
  movements: SerialHistoryTimelineMovementFragment[];
  /** The fetch error, when status is 'error'. */
  error: Error | undefined;
  /** Fetches again (after an error). No-op when the serial came from a prop. */
  retry: () => void;
}

/**
 * Headless hook behind SerialHistoryTimeline: fetches a serial with its movements by id,
 * or uses a fragment the host already has, and orders the movements.
 * Needs an ApolloProvider or `client` even in fragment mode (hooks are unconditional).
 */
export function useSerialHistory({
  serialId,
  serial: serialProp,
  order = 'oldest-first',
  client,
}: UseSerialHistoryOptions): SerialHistory {
  const fromProp = serialProp !== undefined;
  const query = useQuery(SerialHistoryTimelineDocument, {
    variables: { id: serialId ?? '' },
    skip: fromProp || !serialId,
    client,
    notifyOnNetworkStatusChange: true,
  });

  const node = query.data?.node;
  const fetched = node && node.__typename === 'Serial' ? node : null;
  const serial = fromProp ? serialProp : fetched;

  const movements = useMemo(() => {
    const history = serial?.history ?? [];
    return order === 'newest-first' ? [...history].reverse() : history;
  }, [serial, order]);

  const { refetch } = query;
  const retry = useMemo(() => () => void refetch().catch(() => undefined), [refetch]);

  return {
    status: historyStatus(fromProp, serial, query.loading, query.error, query.data !== undefined),
    serial: serial ?? null,
    movements,
    error: fromProp ? undefined : query.error,
    retry,
  };
}

function historyStatus(
  fromProp: boolean,
  serial: SerialHistoryTimelineSerialFragment | null | undefined,
  loading: boolean,
  error: Error | undefined,
  hasData: boolean,
): SerialHistoryStatus {
  if (!fromProp) {
    if (error && !serial) return 'error';
    if (loading && !hasData) return 'loading';
  }
  if (!serial) return fromProp || hasData ? 'not-found' : 'loading';
  return serial.history.length === 0 ? 'empty' : 'ready';
}
