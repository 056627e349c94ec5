import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApolloClient } from '@apollo/client';
import { serialKey } from '@serialgraph/domain';
import { ReceiveSerialsFormCheckDocument } from '../generated/graphql';
import type { ServerVerdict } from './receive-serials-form.rules';

/** The most numbers one `checkSerials` call takes (the API's limit). */
export const MAX_CHECK_BATCH = 10_000;

interface ServerCheckOptions {
  client: ApolloClient;
  productId: string;
  warehouseId: string | undefined;
  /** Numbers waiting for a server verdict (unique by serialKey), from the latest verdict pass. */
  toCheck: readonly string[];
  /** Milliseconds of quiet before a batch is sent. */
  delay: number;
  /** Numbers per request, at most 10,000. */
  batchSize: number;
  /** False while the product is unknown: nothing is sent. */
  enabled: boolean;
}

interface Cache {
  productId: string;
  server: ReadonlyMap<string, ServerVerdict>;
  failed: ReadonlySet<string>;
  refused: ReadonlySet<string>;
}

const emptyCache = (productId: string): Cache => ({
  productId,
  server: new Map(),
  failed: new Set(),
  refused: new Set(),
});

/**
 * The server's verdicts, by serialKey, for one product: numbers that pass the local rules are
 * sent to `checkSerials` in debounced batches of at most `batchSize`, each number once.
 * "Already recorded" is per product, so a new product starts afresh.
 */
export function useServerCheck({
  client,
  productId,
  warehouseId,
  toCheck,
  delay,
  batchSize,
  enabled,
}: ServerCheckOptions) {
  const [stored, setCache] = useState<Cache>(() => emptyCache(productId));
  const cache = stored.productId === productId ? stored : emptyCache(productId);
  // Numbers asked (or being asked) for this product: each is sent once. A failed check forgets them.
  const asked = useRef({ productId, keys: new Set<string>() });
  const [pending, setPending] = useState(0);
  const latest = useRef({ toCheck, productId, warehouseId });
  useLayoutEffect(() => {
    latest.current = { toCheck, productId, warehouseId };
  });

  const update = useCallback(
    (forProduct: string, change: (cache: Cache) => Cache) =>
      setCache((previous) => {
        const base = previous.productId === forProduct ? previous : emptyCache(forProduct);
        return change(base);
      }),
    [],
  );

  const flush = useCallback(async () => {
    const { toCheck: waiting, productId: product, warehouseId: warehouse } = latest.current;
    if (asked.current.productId !== product) asked.current = { productId: product, keys: new Set() };
    const keys = asked.current.keys;
    const numbers = waiting.filter((number) => !keys.has(serialKey(number)));
    if (numbers.length === 0) return;
    const size = Math.max(1, Math.min(batchSize, MAX_CHECK_BATCH));
    const chunks: string[][] = [];
    for (let start = 0; start < numbers.length; start += size)
      chunks.push(numbers.slice(start, start + size));
    for (const number of numbers) keys.add(serialKey(number));
    setPending((count) => count + chunks.length);
    await Promise.all(
      chunks.map(async (chunk) => {
        try {
          const { data } = await client.query({
            query: ReceiveSerialsFormCheckDocument,
            variables: { productId: product, numbers: chunk, warehouseId: warehouse ?? null },
            // Thousands of key-less results would only bloat the host's cache.
            fetchPolicy: 'no-cache',
          });
          if (!data) throw new Error('checkSerials returned no data');
          update(product, (previous) => {
            const server = new Map(previous.server);
            for (const check of data.checkSerials) {
              server.set(
                serialKey(check.number),
                check.issue === 'ALREADY_EXISTS'
                  ? 'exists'
                  : check.issue === 'INVALID_FORMAT'
                    ? 'invalid'
                    : 'ok',
              );
            }
            return { ...previous, server };
          });
        } catch {
          update(product, (previous) => {
            const failed = new Set(previous.failed);
            for (const number of chunk) failed.add(serialKey(number));
            return { ...previous, failed };
          });
          for (const number of chunk) keys.delete(serialKey(number));
        } finally {
          setPending((count) => count - 1);
        }
      }),
    );
  }, [batchSize, client, update]);

  // Debounced: a scanner's burst or a paste goes out as one batch once input pauses.
  useEffect(() => {
    if (!enabled || toCheck.length === 0) return;
    const timer = setTimeout(() => void flush(), delay);
    return () => clearTimeout(timer);
  }, [enabled, toCheck, delay, flush]);

  /** Forgets failed checks so those numbers are sent again. */
  const retry = useCallback(
    () => update(productId, (previous) => ({ ...previous, failed: new Set() })),
    [productId, update],
  );

  /**
   * Records verdicts the server gave outside a check: a refused submit (`refused` marks the rows)
   * or a successful one (its numbers are now recorded).
   */
  const record = useCallback(
    (verdict: ServerVerdict, numbers: readonly string[], refusal: boolean) =>
      update(productId, (previous) => {
        const server = new Map(previous.server);
        const refused = new Set(refusal ? previous.refused : []);
        for (const number of numbers) {
          server.set(serialKey(number), verdict);
          if (refusal) refused.add(serialKey(number));
        }
        return { ...previous, server, refused };
      }),
    [productId, update],
  );

  return {
    server: cache.server,
    failed: cache.failed,
    refused: cache.refused,
    checking: pending > 0,
    retry,
    record,
  };
}
