import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';

describe('limits from the environment', () => {
  it('defaults to an 8 MiB body, 3000 requests per key and 300 without a key per minute', () => {
    const config = readConfig({});
    expect(config.maxBodyBytes).toBe(8 * 1024 * 1024);
    expect(config.rateLimitPerMinute).toBe(3000);
    expect(config.unauthenticatedRateLimitPerMinute).toBe(300);
  });

  it('reads them, with 0 turning rate limits off', () => {
    const config = readConfig({
      SERIALGRAPH_MAX_BODY_BYTES: '1048576',
      SERIALGRAPH_RATE_LIMIT_PER_MINUTE: '0',
      SERIALGRAPH_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: ' 12 ',
    });
    expect(config).toMatchObject({
      maxBodyBytes: 1_048_576,
      rateLimitPerMinute: 0,
      unauthenticatedRateLimitPerMinute: 12,
    });
  });

  it('refuses to start on a value that is not a whole number, naming the variable', () => {
    for (const [name, value] of [
      ['SERIALGRAPH_MAX_BODY_BYTES', '8mb'],
      ['SERIALGRAPH_MAX_BODY_BYTES', '0'],
      ['SERIALGRAPH_RATE_LIMIT_PER_MINUTE', '-1'],
      ['SERIALGRAPH_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE', '1.5'],
    ]) {
      expect(() => readConfig({ [name!]: value }), `${name}=${value}`).toThrow(name);
    }
  });
});
