import { LRUCache } from 'lru-cache';
import type { ApiKey } from './api-key.entity';

/**
 * How long a verified key is trusted without asking the database again. Every request needs its
 * key, and the lookup was the largest part of a small request's cost. Keys are never changed in
 * place; when key revocation arrives it must call `forgetKey`, and any other process serving the
 * same database may accept a revoked key for at most this long.
 */
export const KEY_CACHE_TTL_MS = 30_000;

// Keyed by the key's SHA-256 hash (the raw key is never kept); bounded, so a flood of distinct
// valid keys cannot grow memory. Unknown keys are not cached: a key created a moment ago works at once.
const cache = new LRUCache<string, ApiKey>({ max: 10_000, ttl: KEY_CACHE_TTL_MS });

/** The key with this hash, from the cache or from `load` (whose hit is then cached). */
export async function cachedKey(keyHash: string, load: () => Promise<ApiKey | null>): Promise<ApiKey | null> {
  const hit = cache.get(keyHash);
  if (hit) return hit;
  const key = await load();
  // A plain, frozen copy: the loaded row belongs to one request's EntityManager.
  if (key) cache.set(keyHash, Object.freeze({ ...key }));
  return key;
}

/** Drops a key from the cache (for revocation and tests). */
export function forgetKey(keyHash: string): void {
  cache.delete(keyHash);
}
