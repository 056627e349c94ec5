import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, refused, seedWorld, writeCounts, type World } from '../support/fixtures';

// Each document is within its limits (1,000 lines of 1,000,000 units), but untracked stock adds up:
// the running total of one product in one warehouse must be refused cleanly, not overflow inside.
let s: TestServer;
let w: World;
beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s.close());

const RECEIVE = `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`;
const billion = () => ({
  warehouseId: w.main.id,
  lines: Array.from({ length: 1000 }, () => ({ productId: w.cable.id, quantity: 1_000_000 })),
});

it('refuses a receipt that would take untracked stock past 2,147,483,647 units, writing nothing', async () => {
  ok(await s.gql(RECEIVE, { input: billion() }));
  ok(await s.gql(RECEIVE, { input: billion() }));
  const before = await writeCounts(s);
  const error = refused(await s.gql(RECEIVE, { input: billion() }));
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.message).toContain('2,147,483,647');
  expect(await writeCounts(s)).toEqual(before);
  expect(before.untracked).toBe(2_000_000_000);
});
