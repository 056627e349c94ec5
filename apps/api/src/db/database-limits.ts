/** How the API shares PostgreSQL between requests and organizations. */
export interface DatabaseLimits {
  /** Pooled connections of this process. */
  poolMax: number;
  /** Longest a single SQL statement of a query may run (or wait for a lock), in ms. */
  statementTimeoutMs: number;
  /** The same for statements inside a write transaction (posting a document, updating a product), in ms. */
  postingStatementTimeoutMs: number;
  /** Requests of one organization that may use the database at once; the rest queue. */
  requestsPerOrganization: number;
  /** Connections one request may use at once (aliases and lists run their statements in parallel). */
  connectionsPerRequest: number;
}

/**
 * One organization holds at most 4 × 3 = 12 of the 20 connections, so others always find some free.
 * Postings get more time per statement than reads: a 10,000-unit receipt writes in one statement
 * per table, and a posting may wait for the row locks of a concurrent one.
 */
export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  poolMax: 20,
  statementTimeoutMs: 15_000,
  postingStatementTimeoutMs: 60_000,
  requestsPerOrganization: 4,
  connectionsPerRequest: 3,
};
