import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { DEFAULT_DATABASE_LIMITS } from '../src/db/database-limits';
import { DEFAULT_QUERY_LIMITS } from '../src/graphql/limits/query-limits';

describe('limits from the environment', () => {
  it('defaults every limit, and hides suggestions only in production', () => {
    expect(readConfig({}).limits).toEqual({
      query: { ...DEFAULT_QUERY_LIMITS, hideSuggestions: false },
      database: DEFAULT_DATABASE_LIMITS,
    });
    expect(readConfig({ NODE_ENV: 'production' }).limits.query.hideSuggestions).toBe(true);
  });

  it('reads each variable', () => {
    const { limits } = readConfig({
      SERIALGRAPH_MAX_QUERY_DEPTH: '12',
      SERIALGRAPH_MAX_QUERY_ALIASES: '30',
      SERIALGRAPH_MAX_QUERY_TOKENS: '5000',
      SERIALGRAPH_MAX_QUERY_COST: '100000',
      SERIALGRAPH_DB_POOL_MAX: '40',
      SERIALGRAPH_STATEMENT_TIMEOUT_MS: '5000',
      SERIALGRAPH_POSTING_STATEMENT_TIMEOUT_MS: '120000',
      SERIALGRAPH_DB_REQUESTS_PER_ORGANIZATION: '8',
      SERIALGRAPH_DB_CONNECTIONS_PER_REQUEST: '2',
    });
    expect(limits).toEqual({
      query: { maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxCost: 100_000, hideSuggestions: false },
      database: {
        poolMax: 40,
        statementTimeoutMs: 5000,
        postingStatementTimeoutMs: 120_000,
        requestsPerOrganization: 8,
        connectionsPerRequest: 2,
      },
    });
  });

  it('refuses to start with a limit that is not a positive whole number, naming the variable', () => {
    for (const value of ['0', '-1', '1.5', 'ten', '1e3x'])
      expect(() => readConfig({ SERIALGRAPH_MAX_QUERY_COST: value })).toThrow(/SERIALGRAPH_MAX_QUERY_COST/);
    // A posting holds its transaction's connection and may need a second one.
    expect(() => readConfig({ SERIALGRAPH_DB_CONNECTIONS_PER_REQUEST: '1' })).toThrow(
      /SERIALGRAPH_DB_CONNECTIONS_PER_REQUEST/,
    );
  });
});
