import { expect } from 'vitest';
import { hashKey } from '../../src/modules/auth/auth.service';

/**
 * What no response body or log line may carry: a stack frame, a file path, SQL text, an HTML error
 * page, or any of the given API keys (plain or as their stored hash).
 */
export function expectNothingLeaked(text: string, keys: readonly string[] = []): void {
  expect(text, 'stack frame').not.toMatch(/\bat \S+ \(.*:\d+:\d+\)|\bat (file:|node:|\/)\S*:\d+:\d+/);
  expect(text, 'file path').not.toMatch(/\/(work|home|root|tmp|usr)\/|node_modules|\.ts:\d+|\.js:\d+/);
  expect(text, 'SQL text').not.toMatch(/\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set)\b/i);
  expect(text, 'HTML page').not.toMatch(/<(html|pre|!doctype)/i);
  for (const key of keys) {
    expect(text, 'API key').not.toContain(key);
    expect(text, 'API key hash').not.toContain(hashKey(key));
    expect(text, 'API key hash prefix').not.toContain(hashKey(key).slice(0, 12));
  }
}

/** A JSON GraphQL error body `{"errors":[{"message","extensions":{"code"}}]}`; returns its error. */
export function expectGraphQLError(
  res: { status: number; contentType: string | null; text: string },
  status: number,
  code: string,
) {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/^application\/(graphql-response\+)?json/);
  const body = JSON.parse(res.text) as { errors?: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors, res.text).toHaveLength(1);
  const error = body.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  expect(typeof error.message).toBe('string');
  return error;
}
