import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { asOrganization, ok, receive, refused, seedWorld, ship, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

// The public warranty page's API: an admin publishes it under a slug; then anyone, without a key,
// may ask `publicWarranty(organization, serial)` and learn the product, the warranty end and
// whether it is active, for units a customer holds. Refusals and hostile callers: hostile/public-warranty.test.ts.

let s: TestServer;
let w: World;
let globex: TestServer;

const LOOKUP = `query($o: String!, $n: String!) { publicWarranty(organization: $o, serial: $n) { productName endsAt active } }`;
const SETTINGS = `{ warrantyLookup { slug published path } }`;
const PUBLISH = `mutation($slug: String!, $on: Boolean!) { publishWarrantyLookup(slug: $slug, published: $on) { slug published path } }`;

/** Anonymous: no key at all. */
const lookUp = (organization: string, serial: string) => s.gql(LOOKUP, { o: organization, n: serial }, null);

const organizationRows = () =>
  s.sql<{ name: string; slug: string | null; published: boolean }>(
    `select name, warranty_slug as slug, warranty_published as published from organization order by name`,
  );

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s, { warrantyMonths: 24 });
  ok(await receive(s, w, ['WTY-00001', 'WTY-00002', 'WTY-00003', 'WTY-00004']));
  const shipment = ok(await ship(s, w, ['WTY-00001', 'WTY-00002', 'WTY-00004'])).shipStock;
  // WTY-00004 comes back: no longer the customer's. WTY-00002 gets an internal code (private).
  ok(
    await s.gql(`mutation($i: ReturnStockInput!) { returnStock(input: $i) { id } }`, {
      i: { shipmentId: shipment.id, serials: ['WTY-00004'], condition: 'RESALABLE', reason: 'Changed mind' },
    }),
  );
  const wty2 = shipment.lines[0].serials.find((u: { number: string }) => u.number === 'WTY-00002');
  ok(
    await s.gql(`mutation($i: SetInternalCodeInput!) { setInternalCode(input: $i) { id } }`, {
      i: { serialId: wty2.id, internalCode: 'ASSET-7', reason: 'Tagged' },
    }),
  );
  // The same number recorded for a second product, shipped too.
  const scanner = ok(
    await s.gql(
      `mutation { createProduct(input: { sku: "SC-1", name: "Barcode scanner", trackingMode: SERIAL, warrantyMonths: 6 }) { id } }`,
    ),
  ).createProduct.id as string;
  const lines = [{ productId: scanner, quantity: 1, serials: ['WTY-00001'] }];
  ok(await receive(s, w, [], { lines: lines.map((l) => ({ ...l, unitCost: '10.00' })) }));
  ok(await ship(s, w, [], { lines }));
  globex = asOrganization(s, await s.newOrganization('globex'));
});
afterAll(() => s?.close());

describe('off by default', () => {
  it('has no slug and is not published; a lookup answers an empty list', async () => {
    expect(ok(await s.gql(SETTINGS)).warrantyLookup).toEqual({ slug: null, published: false, path: null });
    expect(ok(await lookUp('acme', 'WTY-00002')).publicWarranty).toEqual([]);
  });
});

describe('publishWarrantyLookup', () => {
  it('sets the slug (trimmed, lower-case) and the switch for the admin’s organization only', async () => {
    const settings = ok(await s.gql(PUBLISH, { slug: '  Acme-Retail ', on: true })).publishWarrantyLookup;
    expect(settings).toEqual({ slug: 'acme-retail', published: true, path: '/w/acme-retail' });
    expect(ok(await s.gql(SETTINGS)).warrantyLookup).toEqual(settings);
    expect(await organizationRows()).toEqual([
      { name: 'acme', slug: 'acme-retail', published: true },
      { name: 'globex', slug: null, published: false },
    ]);
  });

  it('is for admins: a clerk or viewer is FORBIDDEN and nothing changes', async () => {
    const before = await organizationRows();
    for (const key of [s.keys.clerk, s.keys.viewer]) {
      expect(refused(await s.gql(PUBLISH, { slug: 'taken-over', on: false }, key)).extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await organizationRows()).toEqual(before);
    // Reading the settings needs any key.
    expect(ok(await s.gql(SETTINGS, {}, s.keys.viewer)).warrantyLookup.slug).toBe('acme-retail');
  });

  it('refuses a slug out of the rules with BAD_USER_INPUT naming the field and the rule; nothing changes', async () => {
    const before = await organizationRows();
    for (const [slug, rule] of [
      ['ab', '3 to 40 characters'],
      ['a'.repeat(41), '3 to 40 characters'],
      ['acme retail', 'lower-case letters a–z, digits and hyphens'],
      ['acme/../x', 'lower-case letters a–z, digits and hyphens'],
      ['café', 'lower-case letters a–z, digits and hyphens'],
    ] as const) {
      const error = refused(await s.gql(PUBLISH, { slug, on: true }));
      expect(error.extensions?.code, slug).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('slug');
      expect(error.message).toContain('slug');
      expect(error.message).toContain(rule);
    }
    expect(await organizationRows()).toEqual(before);
  });

  it('refuses a slug another organization has with WARRANTY_SLUG_TAKEN; nothing changes', async () => {
    const before = await organizationRows();
    const error = refused(await globex.gql(PUBLISH, { slug: 'ACME-RETAIL', on: true }));
    expect(error.extensions?.code).toBe('WARRANTY_SLUG_TAKEN');
    expect(error.extensions?.field).toBe('slug');
    expect(await organizationRows()).toEqual(before);
    ok(await globex.gql(PUBLISH, { slug: 'globex', on: false }));
  });
});

describe('publicWarranty, without a key', () => {
  it('answers a shipped unit: its product, warranty end and active, nothing else', async () => {
    const unit = ok(await s.gql(`{ lookupSerial(number: "WTY-00002") { warranty { endsAt } } }`))
      .lookupSerial[0];
    const res = await lookUp('acme-retail', 'WTY-00002');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      publicWarranty: [{ productName: 'Handheld terminal', endsAt: unit.warranty.endsAt, active: true }],
    });
  });

  it('finds the number whatever its letter case and surrounding blanks, and the slug whatever its case', async () => {
    const res = ok(await lookUp(' ACME-Retail ', ' wty-00002\n'));
    expect(res.publicWarranty).toHaveLength(1);
  });

  it('answers every product a number is recorded for', async () => {
    const res = ok(await lookUp('acme-retail', 'WTY-00001'));
    expect(res.publicWarranty.map((u: { productName: string }) => u.productName)).toEqual([
      'Barcode scanner',
      'Handheld terminal',
    ]);
  });

  it('says a warranty that has ended is not active', async () => {
    await s.sql(`update serial set warranty_ends_at = now() - interval '1 day' where number = 'WTY-00002'`);
    const [unit] = ok(await lookUp('acme-retail', 'WTY-00002')).publicWarranty;
    expect(unit.active).toBe(false);
    expect(new Date(unit.endsAt).getTime()).toBeLessThan(Date.now());
    await s.sql(`update serial set warranty_ends_at = now() + interval '1 year' where number = 'WTY-00002'`);
  });

  it('answers nothing for a unit in stock, one returned, an unknown number, or an internal code', async () => {
    for (const number of ['WTY-00003', 'WTY-00004', 'WTY-99999', 'ASSET-7'])
      expect(ok(await lookUp('acme-retail', number)).publicWarranty, number).toEqual([]);
  });

  it('answers nothing once unpublished, and again once published', async () => {
    ok(await s.gql(PUBLISH, { slug: 'acme-retail', on: false }));
    expect(ok(await lookUp('acme-retail', 'WTY-00002')).publicWarranty).toEqual([]);
    ok(await s.gql(PUBLISH, { slug: 'acme-retail', on: true }));
    expect(ok(await lookUp('acme-retail', 'WTY-00002')).publicWarranty).toHaveLength(1);
  });

  it('answers a caller with a key of another organization like anyone else', async () => {
    expect(ok(await globex.gql(LOOKUP, { o: 'acme-retail', n: 'WTY-00002' })).publicWarranty).toHaveLength(1);
    // globex has a slug but has not published it.
    expect(ok(await globex.gql(LOOKUP, { o: 'globex', n: 'WTY-00002' })).publicWarranty).toEqual([]);
  });

  it('exposes only the product name, the warranty end and whether it is active', async () => {
    const type = ok(
      await s.gql(`{ __type(name: "PublicWarranty") { fields { name type { ofType { name } } } } }`),
    ).__type;
    expect(type.fields).toEqual([
      { name: 'productName', type: { ofType: { name: 'String' } } },
      { name: 'endsAt', type: { ofType: { name: 'DateTime' } } },
      { name: 'active', type: { ofType: { name: 'Boolean' } } },
    ]);
  });
});

describe('least privilege', () => {
  async function asApp(statement: string) {
    const client = new pg.Client({ connectionString: s.appDatabaseUrl });
    await client.connect();
    try {
      await client.query(statement);
      return 'ok';
    } catch (e) {
      return (e as { code?: string }).code;
    } finally {
      await client.end();
    }
  }

  it('lets the application role change the two page settings of organization and nothing else of it', async () => {
    expect(await asApp(`update organization set warranty_published = warranty_published`)).toBe('ok');
    expect(await asApp(`update organization set warranty_slug = warranty_slug`)).toBe('ok');
    for (const statement of [
      `update organization set name = 'renamed'`,
      `update organization set id = id`,
      `update organization set created_at = now()`,
      `delete from organization`,
    ])
      expect(await asApp(statement), statement).toBe('42501');
    expect((await organizationRows()).map((o) => o.name)).toEqual(['acme', 'globex']);
  });
});

describe('configuration', () => {
  it('limits lookups to 30 per minute per address by default; SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE sets it', () => {
    expect(readConfig({}).publicWarrantyRateLimitPerMinute).toBe(30);
    expect(
      readConfig({ SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE: '0' }).publicWarrantyRateLimitPerMinute,
    ).toBe(0);
    expect(() => readConfig({ SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE: 'many' })).toThrow(
      'SERIALGRAPH_PUBLIC_WARRANTY_RATE_LIMIT_PER_MINUTE',
    );
  });
});
