import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startApp } from '../src/app';
import { openDatabase } from '../src/db/database';
import { LEDGER_TABLES } from '../src/db/ledger-tables';
import { ormConfig } from '../src/db/orm-config';
import { createLogger } from '../src/observability';
import { ok, range, receive, seedWorld, ship, SERIAL_FIELDS, type World } from './support/fixtures';
import { adminQuery, withDatabase } from './support/global-setup';
import { keysWithoutOrganization, type Sql } from './support/tenant-keys';
import { gqlAt, startTestServer, type TestServer } from './support/test-server';

/** The migration before composite keys: the shape of a database deployed until now. */
const PREVIOUS = 'Migration20261129100000_serial_counts';
const UNITS = `{ serials(first: 100, filter: { includeOutOfStorage: true }) { totalCount edges { node { ${SERIAL_FIELDS} } } } }`;

let s: TestServer;
let w: World;
let database: string;
const adminUrl = () => inject('pgAdminUrl');

/** Documents of every kind, in two organizations. */
async function postEverything(key = s.keys.admin) {
  const as: TestServer = { ...s, gql: (query, variables, k = key) => s.gql(query, variables, k) };
  const world = await seedWorld(as);
  const line = (serials: string[]) => [{ productId: world.terminal.id, quantity: serials.length, serials }];
  const post = (mutation: string, input: Record<string, unknown>) =>
    s.gql(
      `mutation($i: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { id } }`,
      { i: input },
      key,
    );
  ok(await receive(as, world, range('M-', 1, 30)));
  ok(await receive(as, world, range('M-', 31, 40), { warehouseId: world.east.id }));
  ok(
    await post('receiveStock', {
      warehouseId: world.main.id,
      lines: [{ productId: world.cable.id, quantity: 25 }],
    }),
  );
  const shipment = ok(await ship(as, world, range('M-', 1, 10))).shipStock;
  ok(
    await post('returnStock', {
      shipmentId: shipment.id,
      serials: ['M-00001', 'M-00002'],
      condition: 'RESALABLE',
    }),
  );
  ok(await post('returnStock', { shipmentId: shipment.id, serials: ['M-00003'], condition: 'DEFECTIVE' }));
  ok(
    await post('transferStock', {
      fromWarehouseId: world.main.id,
      toWarehouseId: world.east.id,
      lines: line(range('M-', 11, 14)),
    }),
  );
  ok(
    await post('holdStock', {
      warehouseId: world.main.id,
      reason: 'inspection',
      lines: line(range('M-', 15, 16)),
    }),
  );
  ok(await post('writeOffStock', { warehouseId: world.main.id, reason: 'broken', lines: line(['M-00017']) }));
  const unit = ok(await s.gql(`{ lookupSerial(number: "M-00004") { id } }`, {}, key)).lookupSerial[0];
  ok(await post('intakeRepair', { serialId: unit.id, warehouseId: world.main.id }));
  return world;
}

/**
 * Every row of every table, in a stable order: what "no row lost, none changed" compares. Only the
 * `columns` the previous schema had (a later migration may add columns; their defaults are not rows changed).
 */
async function contents(sql: Sql, columns: Record<string, string[]>) {
  const all: Record<string, unknown> = {};
  for (const table of [...LEDGER_TABLES, 'serial_count']) {
    const rows = await sql(
      `select (select jsonb_object_agg(c.key, c.value) from jsonb_each(to_jsonb(t)) c where c.key in (select jsonb_array_elements_text(?::jsonb)))::text as row
         from ${table} t order by 1`,
      [JSON.stringify(columns[table] ?? [])],
    );
    all[table] = rows.map((r) => r.row);
  }
  return all;
}

/** The columns of every table, as the database at hand has them. */
async function columnsOf(sql: Sql): Promise<Record<string, string[]>> {
  const rows = await sql(
    `select table_name::text as "table", array_agg(column_name::text) as columns
       from information_schema.columns where table_schema = current_schema() group by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.table as string, r.columns as string[]]));
}

/** Every unit of the organization with its whole history, as the API answers. */
async function unitsOf(gql: TestServer['gql'], key?: string) {
  return ok(await gql(UNITS, {}, key)).serials;
}

beforeAll(async () => {
  s = await startTestServer();
  w = await postEverything();
  database = `sg_keys_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl(), `create database ${database}`);
});
afterAll(async () => {
  await s?.close();
  await adminQuery(adminUrl(), `drop database if exists ${database} with (force)`);
});

it('moves a database of the previous schema to the composite keys without losing or changing a row; every unit keeps its history', async () => {
  const otherKey = await s.newOrganization('globex');
  // Same serial numbers in another organization: only organization_id tells them apart.
  await postEverything(otherKey);
  const acmeUnits = await unitsOf(s.gql);
  const globexUnits = await unitsOf(s.gql, otherKey);
  expect(acmeUnits.totalCount).toBe(40);
  expect(globexUnits.totalCount).toBe(40);

  // A database at the previous migration, holding the same rows.
  const url = withDatabase(adminUrl(), database);
  const old = await MikroORM.init(ormConfig(url));
  await old.getMigrator().up({ to: PREVIOUS });
  const oldSql: Sql = (text, params = []) =>
    old.em
      .fork()
      .getConnection()
      .execute(text, params as never[]);
  for (const table of LEDGER_TABLES) {
    const [rows] = await s.sql(`select coalesce(json_agg(t), '[]')::text as rows from ${table} t`);
    const identity = table === 'document' || table === 'movement' ? 'overriding system value' : '';
    await oldSql(
      `insert into ${table} ${identity} select * from json_populate_recordset(null::${table}, ?::json)`,
      [rows!.rows],
    );
  }
  await oldSql(`select setval(pg_get_serial_sequence('document', 'ord'), max(ord)) from document`);
  await oldSql(`select setval(pg_get_serial_sequence('movement', 'seq'), max(seq)) from movement`);
  const oldColumns = await columnsOf(oldSql);
  const before = await contents(oldSql, oldColumns);
  expect((before.movement as string[]).length).toBeGreaterThan(100);
  // The old keys are what the catalog check exists to catch.
  expect(await keysWithoutOrganization(oldSql)).toEqual(
    expect.arrayContaining(['primary key serial_pkey on serial lacks organization_id']),
  );
  await old.close(true);

  // The server's start-up migration, as in production.
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  const newSql: Sql = (text, params = []) =>
    db.orm.em
      .fork()
      .getConnection()
      .execute(text, params as never[]);
  try {
    expect(await contents(newSql, oldColumns)).toEqual(before);
    expect(await keysWithoutOrganization(newSql)).toEqual([]);
    // Every constraint holds for every migrated row (none left NOT VALID).
    expect(await newSql(`select conname from pg_constraint where not convalidated`)).toEqual([]);
  } finally {
    await db.close();
  }

  // The API on the migrated database: every unit and its history as before, and posting goes on.
  const app = await startApp({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: url,
    dataDir: '',
    logger: createLogger('warn'),
  });
  try {
    const gql: TestServer['gql'] = (query, variables, key = s.keys.admin) =>
      gqlAt(app.url, query, variables, key);
    expect(await unitsOf(gql)).toEqual(acmeUnits);
    expect(await unitsOf(gql, otherKey)).toEqual(globexUnits);
    const shipped = ok(
      await gql(
        `mutation($i: ShipStockInput!) { shipStock(input: $i) { number lines { serials { number status } } } }`,
        {
          i: {
            warehouseId: w.main.id,
            customerId: w.customer.id,
            lines: [{ productId: w.terminal.id, quantity: 1, serials: ['M-00020'] }],
          },
        },
      ),
    ).shipStock;
    expect(shipped.lines[0].serials).toEqual([{ number: 'M-00020', status: 'SHIPPED' }]);
    const unit = ok(await gql(`{ lookupSerial(number: "M-00020") { history { type document { number } } } }`))
      .lookupSerial[0];
    expect(unit.history.map((m: { type: string }) => m.type)).toEqual(['RECEIVED', 'SHIPPED']);
  } finally {
    await app.close();
  }
});
