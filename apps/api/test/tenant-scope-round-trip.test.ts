// An organization's statement with parameters outside a transaction travels with its row-level
// security setting in one round trip (db/organization-scoped-query.ts). These run on one pooled
// connection of the API's own knex client (its patched `_query`), as the application role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrganization, ORGANIZATION_SETTING } from '../src/db/tenancy';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, receive, seedWorld } from './support/fixtures';

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
  _query(
    connection: unknown,
    obj: { sql: string; bindings: unknown[]; options: object },
  ): Promise<{ response: { rows: Record<string, unknown>[] } }>;
}

let s: TestServer;
let acme: string;
let other: string;
let client: KnexClient;

beforeAll(async () => {
  s = await startTestServer();
  ok(await receive(s, await seedWorld(s), ['RT-1']));
  const otherKey = await s.newOrganization('other');
  ok(
    await s.gql(`mutation { createWarehouse(input: { code: "OTHER", name: "Other" }) { id } }`, {}, otherKey),
  );
  const ids = await s.sql<{ code: string; id: string }>(`select code, organization_id as id from warehouse`);
  acme = ids.find((w) => w.code === 'MAIN')!.id;
  other = ids.find((w) => w.code === 'OTHER')!.id;
  client = s.app.db.orm.em.getKnex().client as unknown as KnexClient;
});
afterAll(() => s?.close());

/** Runs `work` on one connection of the API's pool, released afterwards. */
async function onOneConnection<T>(work: (connection: unknown) => Promise<T>): Promise<T> {
  const connection = await client.acquireConnection();
  try {
    return await work(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

const query = (connection: unknown, sql: string, bindings: unknown[] = []) =>
  client._query(connection, { sql, bindings, options: {} }).then((r) => r.response.rows);

describe('a parameterised statement of an organization', () => {
  it('sees its setting and only its rows, and leaves no setting on the connection', async () => {
    await onOneConnection(async (connection) => {
      const [scoped] = await inOrganization(acme, () =>
        query(
          connection,
          `select current_setting($1, true) as org, $2::int as n,
                  (select array_agg(code order by code) from warehouse) as codes`,
          [ORGANIZATION_SETTING, 7],
        ),
      );
      expect(scoped).toEqual({ org: acme, n: 7, codes: expect.not.arrayContaining(['OTHER']) });
      expect((scoped!.codes as string[]).length).toBeGreaterThan(0);
      // The same connection afterwards, outside any organization: no setting, no tenant rows.
      const [after] = await query(
        connection,
        `select coalesce(current_setting($1, true), '') as org, (select count(*)::int from warehouse) as n`,
        [ORGANIZATION_SETTING],
      );
      expect(after).toEqual({ org: '', n: 0 });
    });
  });

  it('is refused whole when it fails, and the connection serves the next statement without the setting', async () => {
    await onOneConnection(async (connection) => {
      await expect(
        inOrganization(acme, () => query(connection, 'select 1 / ($1::int - 1) as x', [1])),
      ).rejects.toThrow(/division by zero/);
      const [after] = await query(connection, `select coalesce(current_setting($1, true), '') as org`, [
        ORGANIZATION_SETTING,
      ]);
      expect(after).toEqual({ org: '' });
    });
  });

  it('rejects a parameter pg cannot serialize, and the connection still answers', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await onOneConnection(async (connection) => {
      await expect(
        inOrganization(acme, () => query(connection, 'select $1::jsonb as j', [circular])),
      ).rejects.toThrow(/circular/i);
      const [after] = await inOrganization(acme, () =>
        query(connection, 'select current_setting($1, true) as org', [ORGANIZATION_SETTING]),
      );
      expect(after).toEqual({ org: acme });
    });
  });

  it('writes nothing when the commit at the end of its round trip fails (a deferred foreign key)', async () => {
    const before = await s.sql<{ n: number }>(`select count(*)::int as n from movement`);
    expect(before).toEqual([{ n: 1 }]);
    await onOneConnection(async (connection) => {
      // line_id is a deferred foreign key: checked at the implicit transaction's commit, the Sync.
      await expect(
        inOrganization(acme, () =>
          query(
            connection,
            `insert into movement (id, organization_id, serial_id, document_id, line_id, type, at, to_status, actor)
             select gen_random_uuid(), organization_id, id, received_in_id, gen_random_uuid(), 'RECEIVED', now(), 'IN_STOCK', $1
               from serial limit 1`,
            ['test'],
          ),
        ),
      ).rejects.toThrow(/foreign key/);
    });
    expect(await s.sql(`select count(*)::int as n from movement`)).toEqual(before);
  });

  it('still gets its own transaction without parameters', async () => {
    await onOneConnection(async (connection) => {
      const [scoped] = await inOrganization(other, () =>
        query(connection, `select array_agg(code) as codes from warehouse`),
      );
      expect(scoped).toEqual({ codes: ['OTHER'] });
    });
  });
});
