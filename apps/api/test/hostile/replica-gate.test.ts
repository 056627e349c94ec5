import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app';
import { appRoleUrl } from '../../src/db/roles';
import { createApiKey, findOrCreateOrganization } from '../../src/modules/auth/auth.service';
import { createLogger } from '../../src/observability';
import { ok } from '../support/fixtures';
import { adminQuery, TEST_APP_PASSWORD, withDatabase } from '../support/global-setup';
import { gqlAt } from '../support/test-server';

// Finding: reads sent to DATABASE_READ_URL (lookups, the serials report, the documents list) took
// their connections without passing the per-organization gate, so one organization could hold
// every replica connection. The "replica" here is a second pool on the same database: only the
// lookups wait for the lock the test holds, and the replica pool's own count shows they use it.

describe('the connection gate counts read-replica connections', () => {
  const adminUrl = inject('pgAdminUrl');
  const database = `sg_test_${randomBytes(6).toString('hex')}`;
  let app: RunningApp;
  let key: string;
  let owner: pg.Client;
  const gql = (q: string, variables?: Record<string, unknown>) => gqlAt(app.url, q, variables, key);

  beforeAll(async () => {
    await adminQuery(adminUrl, `create database ${database} template ${inject('pgTemplate')}`);
    const ownerUrl = withDatabase(adminUrl, database);
    const appUrl = appRoleUrl(ownerUrl, TEST_APP_PASSWORD);
    app = await startApp({
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: appUrl,
      migrationUrl: ownerUrl,
      readDatabaseUrl: appUrl,
      logger: createLogger('warn'),
      limits: { database: { requestsPerOrganization: 2 } },
    });
    const org = await findOrCreateOrganization(app.db.orm.em.fork(), 'flood');
    key = (await createApiKey(app.db.orm.em.fork(), org.id, { name: 'admin', role: 'admin' })).key;
    owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await app?.close();
    await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
  });

  it('lets one organization hold at most its turns of replica connections while its reads wait', async () => {
    // Every lookup waits for a lock held here: each one keeps its replica connection meanwhile.
    await owner.query('begin');
    await owner.query('lock table serial in access exclusive mode');
    const lookups = Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        gql(`query($n: String!) { lookupSerial(number: $n) { number } }`, { n: `R-${i}` }),
      ),
    );
    // Sampled for 3 s (connections open slowly on a loaded machine): the most seen at once.
    let waiting = 0;
    let replicaInUse = 0;
    try {
      for (let i = 0; i < 30 && waiting <= 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await owner.query('select pg_stat_clear_snapshot()'); // a fresh view inside the lock's transaction
        const { n } = (
          await owner.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0]!;
        waiting = Math.max(waiting, n);
        const replica = app.db.orm.em.getKnex('read').client as { pool: { numUsed(): number } };
        replicaInUse = Math.max(replicaInUse, replica.pool.numUsed());
      }
    } finally {
      await owner.query('rollback');
    }
    // Two requests of the organization at once (requestsPerOrganization), each reading on the replica.
    expect(waiting).toBeLessThanOrEqual(2);
    expect(waiting).toBeGreaterThan(0);
    expect(replicaInUse).toBeGreaterThan(0);
    for (const res of await lookups) expect(ok(res).lookupSerial).toEqual([]);
  });
});
