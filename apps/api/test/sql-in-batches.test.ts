import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, sqlInBatches } from '../src/common/sql';
import { startTestServer, type TestServer } from './support/test-server';

// The units a posting locks are read through one statement's portal, a batch at a time: the rows,
// their values and order, the statement count and the failures must be exactly those of one read.
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

/** 4,500 rows: two full batches and a part, with every kind of value a unit row carries. */
const ROWS = `select g as n, md5(g::text) as text, (g % 7 = 0) as flag, (g * 1.25)::numeric(12, 2)::text as cost,
                    case when g % 3 = 0 then null else g end as maybe,
                    '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 minute' as at,
                    gen_random_uuid() is not null as has_id
               from generate_series(1, ?::int) g
              order by g desc`;

describe('sqlInBatches', () => {
  it('returns what one read returns, in order, counted as one statement', async () => {
    const em = s.app.db.orm.em.fork();
    const { whole, batched, statements } = await em.transactional(async (tx) => {
      const whole = await sql(tx, ROWS, [4500]);
      const before = s.app.db.statementCount();
      const batched = await sqlInBatches(tx, ROWS, [4500], 4500);
      return { whole, batched, statements: s.app.db.statementCount() - before };
    });
    expect(batched).toHaveLength(4500);
    expect(batched).toEqual(whole);
    expect(batched[0]).toMatchObject({ n: 4500, flag: false, cost: '5625.00', maybe: null });
    expect(statements).toBe(1);
  });

  it('reads an empty result and a result of exactly one batch', async () => {
    const em = s.app.db.orm.em.fork();
    const [none, two] = await em.transactional(async (tx) => [
      await sqlInBatches(tx, ROWS, [0], 5000),
      await sqlInBatches(tx, ROWS, [2000], 5000),
    ]);
    expect(none).toEqual([]);
    expect(two).toHaveLength(2000);
    expect(two.at(-1)).toMatchObject({ n: 1 });
  });

  it('fails like any statement when a later batch fails, and the connection serves the next transaction', async () => {
    const em = s.app.db.orm.em.fork();
    // Row 3,000 (in the second batch) divides by zero.
    const failing = em.transactional((tx) =>
      sqlInBatches(tx, `select 1 / (g - 3000) as x from generate_series(1, 5000) g`, [], 5000),
    );
    await expect(failing).rejects.toThrow(/division by zero/);
    for (let k = 0; k < 3; k++) {
      const rows = await s.app.db.orm.em.fork().transactional((tx) => sqlInBatches(tx, ROWS, [2500], 2500));
      expect(rows).toHaveLength(2500);
    }
  });

  it('is refused outside a transaction (the portal lives in one)', async () => {
    await expect(sqlInBatches(s.app.db.orm.em.fork(), 'select 1', [], 1)).rejects.toThrow(
      /inside a transaction/,
    );
  });
});
