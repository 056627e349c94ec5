/** What one GraphQL request may ask for; checked before anything runs. */
export interface QueryLimits {
  /** Deepest field nesting (fragments do not count as a level). */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Lexical tokens in the document; parsing stops at the first one over. */
  maxTokens: number;
  /** Estimated objects in the answer (see query-cost.ts). */
  maxCost: number;
  /** Drops "Did you mean …?" from error messages (they leak the schema when introspection is off). */
  hideSuggestions: boolean;
}

/**
 * Defaults that every operation of the demo, the widgets, the README and the tests stays well under
 * (test/query-limits-defaults.test.ts proves it for the demo and the widgets).
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 50_000,
  hideSuggestions: false,
};
