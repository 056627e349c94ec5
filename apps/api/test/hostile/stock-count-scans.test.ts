import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { ok, receive, refused, seedWorld, type World } from '../support/fixtures';
import { expectNothingLeaked } from '../support/leaks';

// Scans come from wedges, cameras and whoever holds a key: an oversized batch, control characters,
// a NUL (PostgreSQL refuses it), forged ids and forged cursors get a typed answer naming what is
// wrong, never a 500, SQL or a stack, and nothing is kept that should not be.
let s: TestServer;
let w: World;
let countId: string;

const SCAN = `mutation($id: ID!, $n: [String!]!) { recordCountScans(countId: $id, numbers: $n) {
  scans { code number verdict } } }`;

async function scanRows(): Promise<number> {
  const [row] = await s.sql<{ n: number }>(`select count(*)::int as n from stock_count_scan`);
  return row!.n;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, ['H-1']));
  countId = ok(
    await s.gql(`mutation($wh: ID!) { startStockCount(input: { warehouseId: $wh }) { id } }`, {
      wh: w.main.id,
    }),
  ).startStockCount.id;
});
afterAll(() => s?.close());

describe('hostile stock count scans', () => {
  it('refuses a batch over the limit, naming the field and the limit, keeping nothing', async () => {
    const before = await scanRows();
    const codes = Array.from({ length: 100_001 }, (_, i) => `Z${i}`);
    const res = await s.gql(SCAN, { id: countId, n: codes }, s.keys.clerk);
    const err = refused(res);
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/numbers/);
    expect(err.message).toMatch(/100,?000/);
    expect(await scanRows()).toBe(before);
  });

  it('judges NUL, control characters, spaces and oversized codes INVALID and keeps none of them', async () => {
    const before = await scanRows();
    const codes = ['H\u0000-1', 'H\u0007-1', 'H -1', 'x'.repeat(65), '\u200bH-1', 'H-1'];
    const res = await s.gql(SCAN, { id: countId, n: codes }, s.keys.clerk);
    expect(res.status).toBe(200);
    const scans = ok(res).recordCountScans.scans;
    expect(scans.map((x: { verdict: string }) => x.verdict)).toEqual([
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'COUNTED',
    ]);
    expect(await scanRows()).toBe(before + 1);
  });

  it('answers forged count ids and cursors with typed codes and no internals', async () => {
    for (const id of ["' or 1=1 --", 'U3RvY2tDb3VudDpub3QtYS11dWlk', 'x'.repeat(5000)]) {
      const res = await s.gql(SCAN, { id, n: ['H-1'] }, s.keys.clerk);
      const err = refused(res);
      expect(err.extensions?.code).toBe('NOT_FOUND');
      expect(err.message.length).toBeLessThan(300);
      expectNothingLeaked(JSON.stringify(res), Object.values(s.keys));
    }
    const forged = await s.gql(
      `query($id: ID!, $a: String) { stockCount(id: $id) { found(first: 5, after: $a) { totalCount } } }`,
      { id: countId, a: Buffer.from(JSON.stringify(["x' or 1=1", 'not-a-uuid'])).toString('base64url') },
    );
    expect(refused(forged).extensions?.code).toBe('BAD_USER_INPUT');
    expectNothingLeaked(JSON.stringify(forged), Object.values(s.keys));
  });
});
