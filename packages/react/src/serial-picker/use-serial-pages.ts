import { useCallback, useMemo, useRef, useState } from 'react';
import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  SerialPickerSerialFragmentDoc,
  SerialPickerSerialsDocument,
  type SerialFilter,
  type SerialOrderBy,
  type SerialPickerSerialFragment,
  type SerialPickerSerialsQuery,
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

type PageInfo = SerialPickerSerialsQuery['serials']['pageInfo'];

/** Pages 2…n of one list (filter, order, page size) as loaded; their units live on in the cache. */
interface LaterPages {
  /** The list they belong to. */
  key: string;
  /** Units of each page, in list order. */
  pages: SerialPickerSerialFragment[][];
  /** Of the last page loaded; none while only the first page is. */
  pageInfo: PageInfo | null;
  loading: boolean;
  error: Error | undefined;
}

const noLaterPages = (key: string): LaterPages => ({
  key,
  pages: [],
  pageInfo: null,
  loading: false,
  error: undefined,
});

/**
 * Fetches pickable units page by page with the host's Apollo Client. The first page is a
 * watched query (cached, so a search shown before comes back at once); each later page is
 * fetched on its own (`no-cache`) and kept here as a list, and its units are written to the cache
 * in one batch, where each rendered row follows them (useCurrentUnit). Caching the pages as
 * query results instead (merged into one list, or one entry per page) cost more with every page
 * scrolled: 1 to 2 orders of magnitude more per page at 500 pages.
 */
export function useSerialPages({ filter, orderBy, pageSize, client }: UseSerialPagesOptions): SerialPages {
  const apollo = useApolloClient(client);
  const variables = useMemo(() => ({ filter, orderBy, first: pageSize }), [filter, orderBy, pageSize]);
  const key = useMemo(() => JSON.stringify(variables), [variables]);
  const query = useQuery(SerialPickerSerialsDocument, {
    variables,
    client,
    notifyOnNetworkStatusChange: true,
  });
  // While a new search loads, keep showing the last list instead of flashing "loading".
  const connection = (query.data ?? query.previousData)?.serials;
  const firstPage = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  const [later, setLater] = useState(() => noLaterPages(key));
  // The first page of another list has arrived: its later pages start over (React's "adjust
  // state while rendering"; until then the previous list stays whole).
  const stale = Boolean(query.data) && later.key !== key;
  if (stale) setLater(noLaterPages(key));
  const pages = stale ? noLaterPages(key) : later;

  const units = useMemo(() => firstPage.concat(...pages.pages), [firstPage, pages.pages]);
  const pageInfo = pages.pageInfo ?? connection?.pageInfo;
  const endCursor = pageInfo?.endCursor ?? null;
  const hasMore = Boolean(pageInfo?.hasNextPage && query.data);
  const loaded = pages.pages.length;
  const requested = useRef<string | null>(null);

  const loadMore = useCallback(() => {
    const request = `${key}\n${endCursor}`;
    if (!hasMore || !endCursor || requested.current === request) return;
    requested.current = request;
    // Only the page that follows what is loaded, for the list still shown, is appended.
    const follows = (state: LaterPages) => state.key === key && state.pages.length === loaded;
    setLater((state) => (follows(state) ? { ...state, loading: true, error: undefined } : state));
    apollo
      .query({
        query: SerialPickerSerialsDocument,
        variables: { ...variables, after: endCursor },
        fetchPolicy: 'no-cache',
      })
      .then(({ data }) => {
        if (!data) throw new Error('serials returned no data');
        const page = data.serials.edges.map((edge) => edge.node);
        // The units (not the page) go to the cache in one batch, so rows follow later changes.
        apollo.cache.batch({
          update: (cache) => {
            for (const unit of page)
              cache.writeFragment({ fragment: SerialPickerSerialFragmentDoc, data: unit });
          },
        });
        setLater((state) =>
          follows(state)
            ? { ...state, pages: [...state.pages, page], pageInfo: data.serials.pageInfo, loading: false }
            : state,
        );
      })
      .catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        setLater((state) => (follows(state) ? { ...state, loading: false, error: failure } : state));
      })
      .finally(() => {
        // Answered: the next scroll (or retry) may ask again; a page already appended is not.
        if (requested.current === request) requested.current = null;
      });
  }, [apollo, variables, key, hasMore, endCursor, loaded]);

  const { refetch } = query;
  const pageFailed = Boolean(pages.error) && !query.error;
  const retry = useCallback(() => {
    if (pageFailed) loadMore();
    else void refetch().catch(() => undefined);
  }, [pageFailed, loadMore, refetch]);

  return {
    units,
    totalCount: connection?.totalCount ?? 0,
    hasMore,
    loading: !connection && query.loading,
    refreshing: Boolean(connection) && query.loading,
    loadingMore: pages.loading,
    error: query.error ?? pages.error,
    loadMore,
    retry,
  };
}
