import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app';
import { appRoleUrl, ensureAppRole } from '../src/db/roles';
import { createApiKey, findOrCreateOrganization } from '../src/modules/auth/auth.service';
import { createLogger } from '../src/observability';
import {
  canRunDebianPostgres,
  startDebianPostgres,
  startStandby,
  type DebianCluster,
} from './support/debian-postgres';
import { skipWithout } from './support/required-tools';
import { gqlAt } from './support/test-server';

// DATABASE_READ_URL: the serials report, documents list and lookups read from a streaming replica
// (pg_basebackup of Debian's PostgreSQL 15, two clusters on two ports); postings stay on the primary.

const skip = skipWithout('read-replica', [!canRunDebianPostgres && "Debian's postgresql"]);

describe.skipIf(skip)('a streaming read replica (DATABASE_READ_URL)', () => {
  let primary: DebianCluster;
  let standby: DebianCluster;
  let app: RunningApp;
  let key: string;
  let w: Record<'main' | 'terminal' | 'customer', { id: string }>;

  async function query(cluster: DebianCluster, text: string) {
    const c = new pg.Client({ connectionString: cluster.url('serialgraph') });
    await c.connect();
    try {
      return (await c.query(text)).rows as Record<string, unknown>[];
    } finally {
      await c.end();
    }
  }
  const gql = (q: string, variables?: Record<string, unknown>) => gqlAt(app.url, q, variables, key);
  const receive = (serials: string[]) =>
    gql(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id number } }`, {
      input: {
        warehouseId: w.main.id,
        lines: [{ productId: w.terminal.id, quantity: serials.length, serials }],
      },
    });
  const lookup = async (n: string) =>
    (
      (await gql(`query($n: String!) { lookupSerial(number: $n) { number status } }`, { n })).data!
        .lookupSerial as unknown[]
    ).length;
  const listed = async () =>
    (
      await gql(
        `{ serials(first: 100) { totalCount edges { node { number } } } documents(first: 100) { edges { node { number } } } }`,
      )
    ).data as { serials: { totalCount: number; edges: unknown[] }; documents: { edges: unknown[] } };

  beforeAll(async () => {
    primary = await startDebianPostgres();
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('create database serialgraph');
    await admin.end();
    // The API connects as the least-privilege role, so row-level security applies on both servers.
    await ensureAppRole(primary.url(), 'replica-app');
    standby = await startStandby(primary);
    app = await startApp({
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: appRoleUrl(primary.url('serialgraph'), 'replica-app'),
      migrationUrl: primary.url('serialgraph'),
      readDatabaseUrl: appRoleUrl(standby.url('serialgraph'), 'replica-app'),
      logger: createLogger('warn'),
    });
    const org = await findOrCreateOrganization(app.db.orm.em.fork(), 'replica');
    key = (await createApiKey(app.db.orm.em.fork(), org.id, { name: 'admin', role: 'admin' })).key;
    w = (
      await gql(`mutation {
        main: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
        customer: createParty(input: { name: "Customer", roles: [CUSTOMER] }) { id }
        terminal: createProduct(input: { sku: "RR-1", name: "Terminal", trackingMode: SERIAL }) { id }
      }`)
    ).data as typeof w;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await standby?.stop();
    await primary?.stop();
  });

  it('is a real standby: in recovery, fed by the primary’s WAL sender', async () => {
    expect((await query(standby, 'select pg_is_in_recovery() as r'))[0]!.r).toBe(true);
    expect(await query(primary, `select state from pg_stat_replication`)).toEqual([{ state: 'streaming' }]);
  });

  it('serves the serials report, documents list and lookups from the replica; postings from the primary', async () => {
    // Replay paused: the replica stays behind, so a read it serves cannot see the new receipt.
    await query(standby, 'select pg_wal_replay_pause()');
    try {
      expect((await receive(['RR-PAUSED'])).errors).toBeUndefined();
      expect(await lookup('RR-PAUSED')).toBe(0);
      const stale = await listed();
      expect(stale.serials.edges).toHaveLength(0);
      expect(stale.documents.edges).toHaveLength(0);
      // A posting reads and writes the primary: shipping the unit the replica does not know yet works.
      const shipped = await gql(`mutation($input: ShipStockInput!) { shipStock(input: $input) { number } }`, {
        input: {
          warehouseId: w.main.id,
          customerId: w.customer.id,
          lines: [{ productId: w.terminal.id, quantity: 1, serials: ['RR-PAUSED'] }],
        },
      });
      expect(shipped.errors, JSON.stringify(shipped.errors)).toBeUndefined();
    } finally {
      await query(standby, 'select pg_wal_replay_resume()');
    }
    await expect.poll(() => lookup('RR-PAUSED'), { timeout: 10_000 }).toBe(1);
  });

  it('with synchronous_commit = remote_apply, a read right after a posting through the API is never stale', async () => {
    await query(primary, `alter system set synchronous_standby_names = '*'`);
    await query(primary, `alter system set synchronous_commit = 'remote_apply'`);
    await query(primary, 'select pg_reload_conf()');
    await expect
      .poll(async () => (await query(primary, 'select sync_state from pg_stat_replication'))[0]!.sync_state)
      .toBe('sync');
    for (let i = 0; i < 20; i++) {
      const posted = await receive([`RR-RAW-${i}`]);
      expect(posted.errors, JSON.stringify(posted.errors)).toBeUndefined();
      expect(await lookup(`RR-RAW-${i}`)).toBe(1);
      const now = await listed();
      expect(now.documents.edges).toHaveLength(2 + i + 1);
    }
  });
});
