/** The largest body read from a caller without a key: a warranty lookup is a few hundred bytes. */
export const PUBLIC_MAX_BODY_BYTES = 4 * 1024;

/** Warranty lookups per minute per client address (SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE). */
export const DEFAULT_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE = 30;
