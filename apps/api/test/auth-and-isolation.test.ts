import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import {
  ok,
  receive,
  refused,
  seedWorld,
  serialByNumber,
  ship,
  writeCounts,
  type World,
} from './support/fixtures';

let s: TestServer;
let w: World;

async function rawPost(headers: Record<string, string>, query = '{ warehouses { id } }') {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
  };
}

/** Rows of every table an admin or clerk can write, to prove a refused request wrote nothing. */
async function allCounts() {
  const [row] = await s.sql(
    `select (select count(*)::int from product) as products, (select count(*)::int from warehouse) as warehouses,
            (select count(*)::int from party) as parties`,
  );
  return { ...row, ...(await writeCounts(s)) };
}

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  ok(await receive(s, w, ['ISO-1', 'ISO-2', 'ISO-3']));
  ok(await ship(s, w, ['ISO-3']));
});
afterAll(() => s?.close());

describe('authentication', () => {
  it('answers HTTP 401 UNAUTHENTICATED without a key', async () => {
    const res = await s.gql('{ warehouses { id } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('answers HTTP 401 UNAUTHENTICATED for an unknown key or a header that is not a bearer key', async () => {
    for (const authorization of [
      'Bearer sg_unknown_key',
      `Basic ${s.keys.admin}`,
      'Bearer',
      `${s.keys.admin}`,
    ]) {
      const res = await rawPost({ authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a mutation without a key with 401 and writes nothing', async () => {
    const before = await allCounts();
    const res = await s.gql(`mutation { createWarehouse(input: { code: "X", name: "X" }) { id } }`, {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await allCounts()).toEqual(before);
  });
});

describe('roles', () => {
  it('lets a viewer query everything', async () => {
    const d = ok(
      await s.gql(
        `{ warehouses { code } parties { name } products { totalCount } serials { totalCount } documents { totalCount } lookupSerial(number: "ISO-1") { status } }`,
        {},
        s.keys.viewer,
      ),
    );
    expect(d.warehouses).toHaveLength(2);
    expect(d.serials.totalCount).toBe(2);
    expect(d.documents.totalCount).toBe(2);
    expect(d.lookupSerial).toEqual([{ status: 'IN_STOCK' }]);
  });

  it('refuses every mutation to a viewer with FORBIDDEN and writes nothing', async () => {
    const before = await allCounts();
    const unit = await serialByNumber(s, 'ISO-3');
    const attempts: [string, Record<string, unknown>][] = [
      [`mutation { createProduct(input: { sku: "V-1", name: "V" }) { id } }`, {}],
      [`mutation($id: ID!) { updateProduct(input: { id: $id, name: "V" }) { id } }`, { id: w.terminal.id }],
      [`mutation { createWarehouse(input: { code: "V", name: "V" }) { id } }`, {}],
      [`mutation { createParty(input: { name: "V", roles: [CUSTOMER] }) { id } }`, {}],
      [
        `mutation($wh: ID!, $p: ID!) { receiveStock(input: { warehouseId: $wh, lines: [{ productId: $p, quantity: 1, serials: ["V-1"] }] }) { id } }`,
        { wh: w.main.id, p: w.terminal.id },
      ],
      [
        `mutation($wh: ID!, $p: ID!, $c: ID!) { shipStock(input: { warehouseId: $wh, customerId: $c, lines: [{ productId: $p, quantity: 1, serials: ["ISO-1"] }] }) { id } }`,
        { wh: w.main.id, p: w.terminal.id, c: w.customer.id },
      ],
      [
        `mutation($wh: ID!, $p: ID!) { holdStock(input: { warehouseId: $wh, reason: "x", lines: [{ productId: $p, quantity: 1, serials: ["ISO-1"] }] }) { id } }`,
        { wh: w.main.id, p: w.terminal.id },
      ],
      [
        `mutation($id: ID!, $wh: ID!) { intakeRepair(input: { serialId: $id, warehouseId: $wh }) { id } }`,
        { id: unit.id, wh: w.main.id },
      ],
      [
        `mutation($id: ID!) { correctSerialNumber(input: { serialId: $id, newNumber: "V-9", reason: "x" }) { id } }`,
        { id: unit.id },
      ],
    ];
    for (const [query, vars] of attempts) {
      const err = refused(await s.gql(query, vars, s.keys.viewer));
      expect(err.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect(await allCounts()).toEqual(before);
  });

  it('lets a clerk post documents and create parties, recorded under the clerk key’s name', async () => {
    const doc = ok(await receive(s, w, ['CLK-1'], {}, s.keys.clerk)).receiveStock;
    expect(doc.actor).toBe('clerk-key');
    ok(await ship(s, w, ['CLK-1'], {}, s.keys.clerk));
    expect((await serialByNumber(s, 'CLK-1')).history.map((m: { actor: string }) => m.actor)).toEqual([
      'clerk-key',
      'clerk-key',
    ]);
    const party = ok(
      await s.gql(
        `mutation { createParty(input: { name: "Walk-in", roles: [CUSTOMER] }) { name roles } }`,
        {},
        s.keys.clerk,
      ),
    );
    expect(party.createParty).toEqual({ name: 'Walk-in', roles: ['CUSTOMER'] });
  });

  it('refuses createProduct, updateProduct and createWarehouse to a clerk with FORBIDDEN and writes nothing', async () => {
    const before = await allCounts();
    for (const [query, vars] of [
      [`mutation { createProduct(input: { sku: "C-1", name: "C" }) { id } }`, {}],
      [`mutation($id: ID!) { updateProduct(input: { id: $id, name: "C" }) { id } }`, { id: w.terminal.id }],
      [`mutation { createWarehouse(input: { code: "C", name: "C" }) { id } }`, {}],
    ] as const) {
      expect(refused(await s.gql(query, vars, s.keys.clerk)).extensions?.code, query).toBe('FORBIDDEN');
    }
    expect(await allCounts()).toEqual(before);
  });
});

describe('organization isolation', () => {
  let other: string;
  beforeAll(async () => {
    other = await s.newOrganization('globex');
  });

  it('shows a second organization none of the first one’s rows', async () => {
    const d = ok(
      await s.gql(
        `{ warehouses { id } parties { id } products { totalCount edges { node { id } } }
           serials(filter: { includeOutOfStorage: true }) { totalCount edges { node { id } } }
           documents { totalCount edges { node { id } } }
           iso1: lookupSerial(number: "ISO-1") { id } iso3: lookupSerial(number: "ISO-3") { id }
           bySku: product(sku: "HT-100") { id } }`,
        {},
        other,
      ),
    );
    expect(d).toEqual({
      warehouses: [],
      parties: [],
      products: { totalCount: 0, edges: [] },
      serials: { totalCount: 0, edges: [] },
      documents: { totalCount: 0, edges: [] },
      iso1: [],
      iso3: [],
      bySku: null,
    });
  });

  it('answers null for the first organization’s objects by id, of every Node type', async () => {
    const unit = await serialByNumber(s, 'ISO-3');
    const full = ok(
      await s.gql(`query($n: String!) { lookupSerial(number: $n) { id history { id document { id } } } }`, {
        n: 'ISO-3',
      }),
    );
    const movement = full.lookupSerial[0].history[0];
    const ids = [w.terminal.id, w.main.id, w.customer.id, unit.id, movement.id, movement.document.id];
    for (const id of ids) {
      const d = ok(await s.gql(`query($id: ID!) { node(id: $id) { id __typename } }`, { id }, other));
      expect(d.node, id).toBeNull();
      // ...while the first organization sees them.
      expect(ok(await s.gql(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toEqual({ id });
    }
    const d = ok(
      await s.gql(
        `query($p: ID!, $d: ID!, $u: ID!) { product(id: $p) { id } document(id: $d) { id }
           serials(filter: { productId: $p, includeOutOfStorage: true }) { totalCount }
           documents(filter: { serialId: $u }) { totalCount } }`,
        { p: w.terminal.id, d: movement.document.id, u: unit.id },
        other,
      ),
    );
    expect(d).toEqual({
      product: null,
      document: null,
      serials: { totalCount: 0 },
      documents: { totalCount: 0 },
    });
  });

  it('answers NOT_FOUND when a mutation uses the first organization’s ids, and writes nothing', async () => {
    const own = ok(
      await s.gql(
        `mutation { wh: createWarehouse(input: { code: "G1", name: "Globex main" }) { id }
           p: createProduct(input: { sku: "G-1", name: "Globex thing", trackingMode: SERIAL }) { id }
           c: createParty(input: { name: "Globex customer", roles: [CUSTOMER, SUPPLIER] }) { id } }`,
        {},
        other,
      ),
    );
    const unit = await serialByNumber(s, 'ISO-3');
    const before = await allCounts();
    const receiveQ = `mutation($wh: ID!, $p: ID!, $sup: ID) { receiveStock(input: { warehouseId: $wh, supplierId: $sup, lines: [{ productId: $p, quantity: 1, serials: ["G-X"] }] }) { id } }`;
    const shipQ = `mutation($wh: ID!, $p: ID!, $c: ID!) { shipStock(input: { warehouseId: $wh, customerId: $c, lines: [{ productId: $p, quantity: 1, serials: ["ISO-1"] }] }) { id } }`;
    const attempts: [string, Record<string, unknown>][] = [
      [receiveQ, { wh: w.main.id, p: own.p.id }],
      [receiveQ, { wh: own.wh.id, p: w.terminal.id }],
      [receiveQ, { wh: own.wh.id, p: own.p.id, sup: w.supplier.id }],
      [shipQ, { wh: own.wh.id, p: own.p.id, c: w.customer.id }],
      [shipQ, { wh: w.main.id, p: w.terminal.id, c: own.c.id }],
      [
        `mutation($id: ID!) { updateProduct(input: { id: $id, name: "stolen" }) { id } }`,
        { id: w.terminal.id },
      ],
      [
        `mutation($id: ID!, $wh: ID!) { intakeRepair(input: { serialId: $id, warehouseId: $wh }) { id } }`,
        { id: unit.id, wh: own.wh.id },
      ],
      [
        `mutation($id: ID!) { correctSerialNumber(input: { serialId: $id, newNumber: "STOLEN", reason: "x" }) { id } }`,
        { id: unit.id },
      ],
      [
        `mutation($d: ID!) { returnStock(input: { shipmentId: $d, serials: ["ISO-3"], condition: RESALABLE }) { id } }`,
        { d: await serialShipmentId('ISO-3') },
      ],
      [
        `query($p: ID!) { checkSerials(productId: $p, numbers: ["ISO-1"], purpose: SHIP) { ok } }`,
        { p: w.terminal.id },
      ],
    ];
    for (const [query, vars] of attempts) {
      const err = refused(await s.gql(query, vars, other));
      expect(err.extensions?.code, `${query} ${JSON.stringify(vars)}`).toBe('NOT_FOUND');
    }
    expect(await allCounts()).toEqual(before);
  });

  it('lets both organizations record the same serial number, SKU and warehouse code, each numbering its own documents', async () => {
    const own = ok(
      await s.gql(
        `mutation { wh: createWarehouse(input: { code: "MAIN", name: "Globex main" }) { id }
           p: createProduct(input: { sku: "HT-100", name: "Their terminal", trackingMode: SERIAL }) { id } }`,
        {},
        other,
      ),
    );
    const doc = ok(
      await s.gql(
        `mutation($wh: ID!, $p: ID!) { receiveStock(input: { warehouseId: $wh, lines: [{ productId: $p, quantity: 2, serials: ["ISO-1", "iso-2"] }] }) { number lines { serials { id number } } } }`,
        { wh: own.wh.id, p: own.p.id },
        other,
      ),
    ).receiveStock;
    expect(doc.number).toBe('RCV-000001');
    const theirs = ok(
      await s.gql(`{ lookupSerial(number: "iso-1") { id number product { name } } }`, {}, other),
    ).lookupSerial;
    const ours = ok(
      await s.gql(`{ lookupSerial(number: "iso-1") { id number product { name } } }`),
    ).lookupSerial;
    expect(theirs).toEqual([
      { id: doc.lines[0].serials[0].id, number: 'ISO-1', product: { name: 'Their terminal' } },
    ]);
    expect(ours).toHaveLength(1);
    expect(ours[0].id).not.toBe(theirs[0].id);
    expect(ours[0].product.name).toBe('Handheld terminal');
  });
});

async function serialShipmentId(number: string): Promise<string> {
  const d = ok(
    await s.gql(`query($n: String!) { lookupSerial(number: $n) { history { type document { id } } } }`, {
      n: number,
    }),
  );
  return d.lookupSerial[0].history.find((m: { type: string }) => m.type === 'SHIPPED').document.id;
}
