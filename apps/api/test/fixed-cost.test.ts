import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, seedWorld, type World } from './support/fixtures';

let s: TestServer;
let w: World;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

async function statementsFor(query: string, variables: Record<string, unknown> = {}, key = s.keys.viewer) {
  const before = s.app.db.statementCount();
  const res = await s.gql(query, variables, key);
  return { count: s.app.db.statementCount() - before, res };
}

describe('the fixed cost of a request', () => {
  it('looks a key up once, then answers from the key cache without asking the database', async () => {
    const first = await statementsFor('{ __typename }');
    expect(ok(first.res).__typename).toBe('Query');
    expect(first.count).toBe(1);
    const again = await statementsFor('{ __typename }');
    expect(ok(again.res).__typename).toBe('Query');
    expect(again.count).toBe(0);
  });

  it('reads a node by primary key with one statement', async () => {
    await statementsFor('{ __typename }', {}, s.keys.admin);
    const { count, res } = await statementsFor(
      `query($id: ID!) { node(id: $id) { ... on Warehouse { code } } }`,
      { id: w.main.id },
      s.keys.admin,
    );
    expect(ok(res).node).toEqual({ code: 'MAIN' });
    expect(count).toBe(1);
  });

  it('still refuses an unknown key after valid ones were cached', async () => {
    const res = await s.gql('{ __typename }', {}, `${s.keys.viewer}x`);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
