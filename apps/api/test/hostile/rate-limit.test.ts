import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { expectGraphQLError, expectNothingLeaked } from '../support/leaks';
import { rawRequest } from '../support/raw-http';

// Per-key rate limiting (SERIALGRAPH_RATE_LIMIT_PER_MINUTE) and, for requests without a valid key,
// per address (SERIALGRAPH_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE): 429 RATE_LIMITED with Retry-After.

let limited: TestServer; // 3 per key, 2 without a key
let unlimited: TestServer; // both 0: off

beforeAll(async () => {
  [limited, unlimited] = await Promise.all([
    startTestServer({ rateLimitPerMinute: 3, unauthenticatedRateLimitPerMinute: 2 }),
    startTestServer({ rateLimitPerMinute: 0, unauthenticatedRateLimitPerMinute: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([limited?.close(), unlimited?.close()]);
});

function post(s: TestServer, query: string, key: string | null) {
  return rawRequest(`${s.url}/graphql`, {
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
}

const warehouses = (s: TestServer) =>
  s.sql<{ n: number }>('select count(*)::int as n from warehouse').then((r) => r[0]!.n);

describe('per API key', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a key used up its requests, and writes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post(limited, '{ warehouses { id } }', limited.keys.clerk)).status).toBe(200);
    }
    const before = await warehouses(limited);
    const res = await post(
      limited,
      'mutation { createWarehouse(input: { code: "RL", name: "Rate" }) { id } }',
      limited.keys.clerk,
    );
    const error = expectGraphQLError(res, 429, 'RATE_LIMITED');
    expect(error.message).toContain('3 per minute');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectNothingLeaked(res.text, [limited.keys.clerk]);
    expect(await warehouses(limited)).toBe(before);
  });

  it('counts each key on its own', async () => {
    expect((await post(limited, '{ warehouses { id } }', limited.keys.viewer)).status).toBe(200);
  });

  it('is off when set to 0', async () => {
    for (let i = 0; i < 25; i++) {
      expect((await post(unlimited, '{ warehouses { id } }', unlimited.keys.viewer)).status).toBe(200);
    }
  });
});

describe('without a valid key, per address', () => {
  it('answers 401 until the address used up its allowance, then 429 (unknown keys count too)', async () => {
    expectGraphQLError(await post(limited, '{ warehouses { id } }', null), 401, 'UNAUTHENTICATED');
    expectGraphQLError(await post(limited, '{ warehouses { id } }', 'sg_guess'), 401, 'UNAUTHENTICATED');
    for (const key of [null, 'sg_guess_again']) {
      const res = await post(limited, '{ warehouses { id } }', key);
      const error = expectGraphQLError(res, 429, 'RATE_LIMITED');
      expect(error.message).toContain('2 per minute');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('still serves valid keys from that address', async () => {
    expect((await post(limited, '{ warehouses { id } }', limited.keys.admin)).status).toBe(200);
  });

  it('is off when set to 0', async () => {
    for (let i = 0; i < 25; i++) {
      expectGraphQLError(await post(unlimited, '{ warehouses { id } }', null), 401, 'UNAUTHENTICATED');
    }
  });
});
