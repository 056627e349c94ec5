import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { ok, range, receive, seedWorld, ship, type World } from './support/fixtures';
import { keysWithoutOrganization, tenantTables } from './support/tenant-keys';

let s: TestServer;
let w: World;
const raw = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
});
afterAll(() => s?.close());

describe('tenant keys', () => {
  it('include organization_id in every primary key, unique index and foreign key of every tenant table', async () => {
    expect(await tenantTables(s.sql)).toEqual([
      'api_key',
      'document',
      'document_counter',
      'document_line',
      'movement',
      'outbox_event',
      'party',
      'product',
      'product_barcode',
      'serial',
      'serial_count',
      'serial_number_counter',
      'serial_reservation',
      'stock_count',
      'stock_count_document',
      'stock_count_expected',
      'stock_count_scan',
      'stock_level',
      'warehouse',
      'webhook_delivery',
      'webhook_delivery_attempt',
      'webhook_endpoint',
      'webhook_outbox_cursor',
    ]);
    expect(await keysWithoutOrganization(s.sql)).toEqual([]);
  });

  it('the catalog check names a key without organization_id (it can fail)', async () => {
    // Keyed by id alone, a unique code, and a product reference whose organization is not its own.
    await s.sql(`create table key_probe (id uuid primary key, organization_id uuid not null, code text unique,
      product_org uuid, product_id uuid, foreign key (product_org, product_id) references product (organization_id, id))`);
    try {
      const problems = await keysWithoutOrganization(s.sql);
      expect(problems).toEqual(
        expect.arrayContaining([
          'primary key key_probe_pkey on key_probe lacks organization_id',
          'unique index key_probe_code_key on key_probe lacks organization_id',
        ]),
      );
      expect(
        problems.some((p) => p.startsWith('foreign key') && p.endsWith('on key_probe lacks organization_id')),
      ).toBe(true);
    } finally {
      await s.sql(`drop table key_probe`);
    }
  });

  it('refuses, in the database itself, a row of one organization pointing at a row of another', async () => {
    const otherKey = await s.newOrganization('globex');
    const other = ok(
      await s.gql(`mutation { createWarehouse(input: { code: "G1", name: "Globex" }) { id } }`, {}, otherKey),
    ).createWarehouse;
    const [product] = await s.sql(`select organization_id as id from product where id = ?`, [
      raw(w.terminal.id),
    ]);
    const org = product!.id;
    const before = await s.sql(`select count(*)::int as n from stock_level`);
    await expect(
      s.sql(
        `insert into stock_level (organization_id, product_id, warehouse_id, quantity) values (?, ?, ?, 1)`,
        [org, raw(w.cable.id), raw(other.id)],
      ),
    ).rejects.toThrow(/stock_level_warehouse_id_fkey/);
    expect(await s.sql(`select count(*)::int as n from stock_level`)).toEqual(before);
  });
});

describe('ids', () => {
  const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('are time-ordered UUIDv7, made in the application and in SQL alike', async () => {
    ok(await receive(s, w, range('V7-', 1, 20)));
    ok(await ship(s, w, range('V7-', 1, 5)));
    for (const table of [
      'product',
      'warehouse',
      'party',
      'document',
      'document_line',
      'serial',
      'movement',
    ]) {
      const ids = (await s.sql(`select id::text as id from ${table}`)).map((r) => r.id as string);
      expect(ids.length, table).toBeGreaterThan(0);
      expect(
        ids.filter((id) => !V7.test(id)),
        table,
      ).toEqual([]);
    }
    // Documents posted one after the other have ascending ids (their order of posting).
    const docs = await s.sql(`select id::text as id from document order by ord`);
    expect(docs.map((d) => d.id)).toEqual(docs.map((d) => d.id).sort());
  });
});
