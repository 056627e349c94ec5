import { useCallback, useMemo, useRef } from 'react';
import { NetworkStatus, type ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import {
  SerialPickerSerialsDocument,
  type SerialFilter,
  type SerialOrderBy,
  type SerialPickerSerialFragment,
} from '../generated/graphql';

/** Options of useSerialPages. */
export interface UseSerialPagesOptions {
  filter: SerialFilter;
  orderBy: SerialOrderBy;
  /** Units per request. */
  pageSize: number;
  client?: ApolloClient;
}

/** The cursor-paged list of units, as loaded so far. */
export interface SerialPages {
  /** Units loaded so far, in list order. */
  units: SerialPickerSerialFragment[];
  /** Units matching the filter on the server. */
  totalCount: number;
  hasMore: boolean;
  /** No data yet for any filter. */
  loading: boolean;
  /** A new filter (search) is in flight; the previous units are still shown. */
  refreshing: boolean;
  loadingMore: boolean;
  error: Error | undefined;
  /** Fetches the next page once; extra calls while it loads are ignored. */
  loadMore: () => void;
  retry: () => void;
}

/**
 * Fetches pickable units page by page with the host's Apollo Client. Pages are merged by
 * `fetchMore` + `updateQuery`, so hosts need no type policy for `serials`.
 */
export function useSerialPages({ filter, orderBy, pageSize, client }: UseSerialPagesOptions): SerialPages {
  const query = useQuery(SerialPickerSerialsDocument, {
    variables: { filter, orderBy, first: pageSize },
    client,
    notifyOnNetworkStatusChange: true,
  });
  // While a new search loads, keep showing the last list instead of flashing "loading".
  const connection = (query.data ?? query.previousData)?.serials;
  const units = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const requested = useRef<string | null>(null);
  const { fetchMore, refetch } = query;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  const hasMore = Boolean(connection?.pageInfo.hasNextPage && query.data);

  const loadMore = useCallback(() => {
    if (!hasMore || !endCursor || requested.current === endCursor) return;
    requested.current = endCursor;
    fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        serials: {
          ...fetchMoreResult.serials,
          edges: [...(previous.serials?.edges ?? []), ...fetchMoreResult.serials.edges],
        },
      }),
    }).catch(() => {
      // Let the next scroll ask again.
      requested.current = null;
    });
  }, [hasMore, endCursor, fetchMore]);

  const retry = useCallback(() => void refetch().catch(() => undefined), [refetch]);

  return {
    units,
    totalCount: connection?.totalCount ?? 0,
    hasMore,
    loading: !connection && query.loading,
    refreshing: Boolean(connection) && query.loading && query.networkStatus !== NetworkStatus.fetchMore,
    loadingMore: query.networkStatus === NetworkStatus.fetchMore,
    error: query.error,
    loadMore,
    retry,
  };
}
