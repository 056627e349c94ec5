import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, receive, seedWorld, type World } from '../support/fixtures';
import { onlyError } from './row-state';

// Finding 7: a forged or garbled `after` cursor reached SQL casts (uuid, bigint, timestamptz) and
// answered INTERNAL_SERVER_ERROR. A cursor this API did not issue is now BAD_USER_INPUT naming `after`.
const forge = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, ['CUR-1', 'CUR-2']));
});
afterAll(() => s?.close());

const lists: [string, string][] = [
  ['products', `query($a: String) { products(first: 1, after: $a) { totalCount } }`],
  ['serials', `query($a: String) { serials(first: 1, after: $a) { totalCount } }`],
  [
    'serials by receipt time',
    `query($a: String) { serials(first: 1, orderBy: RECEIVED_AT_DESC, after: $a) { totalCount } }`,
  ],
  ['documents', `query($a: String) { documents(first: 1, after: $a) { totalCount } }`],
];
const garbage: [string, string][] = [
  ['not base64 JSON', '%%%not-a-cursor'],
  ['a JSON object', forge({ a: 1 })],
  ['the wrong arity', forge(['x'])],
  ['a non-uuid id', forge(['x', 'not-a-uuid'])],
  ['numbers instead of text', forge([1, 2])],
  ['a NUL in a text key', forge(['a\u0000', '00000000-0000-0000-0000-000000000000'])],
  ['a non-numeric document position', forge(['12abc'])],
  ['a document position beyond bigint', forge(['99999999999999999999999'])],
  [
    'an impossible timestamp',
    forge(['2026-02-31T00:00:00.000Z', 'x', '00000000-0000-0000-0000-000000000000']),
  ],
  ['a timestamp in another form', forge(['yesterday', 'x', '00000000-0000-0000-0000-000000000000'])],
];

describe('a forged or garbled cursor', () => {
  for (const [list, query] of lists) {
    it.each(garbage)(`${list}: %s is BAD_USER_INPUT naming after`, async (_what, cursor) => {
      const err = onlyError(await s.gql(query, { a: cursor }, s.keys.viewer));
      expect(err.extensions?.code, err.message).toBe('BAD_USER_INPUT');
      expect(err.message).toContain('after');
    });
  }

  it('an issued cursor still pages', async () => {
    for (const [, query] of lists) {
      const first = ok(await s.gql(query.replace('totalCount', 'pageInfo { endCursor }'), { a: null }));
      const cursor = Object.values(first)[0].pageInfo.endCursor;
      expect(cursor, query).toBeTruthy();
      expect(ok(await s.gql(query, { a: cursor }))).toBeTruthy();
    }
  });
});
