import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { GqlResponse, TestServer } from './test-server';

/** Fields most tests read back from a posted document. */
export const DOCUMENT_FIELDS = `id type number postedAt reference note actor
  warehouse { id code } toWarehouse { id code } party { id name } basedOn { id number type }
  lines { product { id sku } quantity unitCost totalCost serials { id number status } }`;

export const SERIAL_FIELDS = `id number status inStorage holdReason repairCount receivedAt shippedAt unitCost
  product { id sku } warehouse { id code } supplier { id name } customer { id name } receivedIn { id number }
  warranty { startsAt endsAt active } replacedBy { id number } replaces { id number }
  history { type fromStatus toStatus fromWarehouse { code } toWarehouse { code } party { name } note actor previousNumber document { number type } }`;

/** The data of a response that must have succeeded. */
export function ok<T = Record<string, any>>(res: GqlResponse<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/** The single error of a refused request. */
export function refused(res: GqlResponse) {
  expect(res.errors, 'expected the request to be refused').toBeDefined();
  expect(res.errors).toHaveLength(1);
  return res.errors![0]!;
}

/** A small world: two warehouses, a supplier, two customers, a serial product, an untracked one. */
export async function seedWorld(
  s: TestServer,
  product: { serialFormat?: string; warrantyMonths?: number } = {},
) {
  const d = ok(
    await s.gql(
      `mutation($fmt: String, $wm: Int) {
        main: createWarehouse(input: { code: "MAIN", name: "Main warehouse" }) { id code }
        east: createWarehouse(input: { code: "EAST", name: "East store" }) { id code }
        supplier: createParty(input: { name: "Handheld Supply Co", roles: [SUPPLIER] }) { id name }
        customer: createParty(input: { name: "Acme Retail", roles: [CUSTOMER] }) { id name }
        customer2: createParty(input: { name: "Beta Shops", roles: [CUSTOMER] }) { id name }
        terminal: createProduct(input: { sku: "HT-100", name: "Handheld terminal", trackingMode: SERIAL, serialFormat: $fmt, warrantyMonths: $wm }) { id sku }
        cable: createProduct(input: { sku: "CBL-USB", name: "USB cable" }) { id sku }
      }`,
      { fmt: product.serialFormat ?? null, wm: product.warrantyMonths ?? 12 },
    ),
  );
  return d as Record<
    'main' | 'east' | 'supplier' | 'customer' | 'customer2' | 'terminal' | 'cable',
    { id: string; code?: string; name?: string; sku?: string }
  >;
}

export type World = Awaited<ReturnType<typeof seedWorld>>;

export function range(prefix: string, from: number, to: number, width = 5): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(width, '0')}`);
}

export async function receive(
  s: TestServer,
  w: World,
  serials: string[],
  extra: Record<string, unknown> = {},
  key?: string,
) {
  return s.gql(
    `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { ${DOCUMENT_FIELDS} } }`,
    {
      input: {
        warehouseId: w.main.id,
        supplierId: w.supplier.id,
        lines: [{ productId: w.terminal.id, quantity: serials.length, serials, unitCost: '100.00' }],
        ...extra,
      },
    },
    key,
  );
}

export async function ship(
  s: TestServer,
  w: World,
  serials: string[],
  extra: Record<string, unknown> = {},
  key?: string,
) {
  return s.gql(
    `mutation($input: ShipStockInput!) { shipStock(input: $input) { ${DOCUMENT_FIELDS} } }`,
    {
      input: {
        warehouseId: w.main.id,
        customerId: w.customer.id,
        lines: [{ productId: w.terminal.id, quantity: serials.length, serials }],
        ...extra,
      },
    },
    key,
  );
}

export async function serialByNumber(s: TestServer, number: string) {
  const d = ok(
    await s.gql(`query($n: String!) { lookupSerial(number: $n) { ${SERIAL_FIELDS} } }`, { n: number }),
  );
  return d.lookupSerial[0];
}

/** Row counts of every table that a posting writes: a refused document must leave them all unchanged. */
export async function writeCounts(s: TestServer) {
  const [row] = await s.sql<Record<string, number>>(
    `select (select count(*)::int from document) as documents, (select count(*)::int from document_line) as lines,
            (select count(*)::int from movement) as movements, (select count(*)::int from serial) as serials,
            (select coalesce(sum(quantity), 0)::int from stock_level) as untracked,
            (select coalesce(sum(last), 0)::int from document_counter) as numbers,
            (select count(*)::int from outbox_event) as "outboxEvents",
            (select string_agg(id::text || status || coalesce(warehouse_id::text, '-') || number, ',' order by id) from serial) as states`,
  );
  return row!;
}

/** A well-formed global id of the given type that names nothing (NOT_FOUND probes). */
export function unknownId(type: 'Product' | 'Warehouse' | 'Party' | 'Serial' | 'Document') {
  return Buffer.from(`${type}:${randomUUID()}`).toString('base64url');
}

/** `product.stock`, in one warehouse or in all of them. */
export async function stockOf(s: TestServer, productId: string, warehouseId?: string): Promise<number> {
  const d = ok(
    await s.gql(`query($id: ID!, $wh: ID) { product(id: $id) { stock(warehouseId: $wh) } }`, {
      id: productId,
      wh: warehouseId ?? null,
    }),
  );
  return d.product.stock;
}

/** Expects a refusal with this code (and exactly these serials, when given) that left every table untouched. */
export async function expectRefusedUnchanged(
  s: TestServer,
  post: () => Promise<GqlResponse>,
  code: string,
  serials?: string[],
) {
  const before = await writeCounts(s);
  const err = refused(await post());
  expect(err.extensions?.code, err.message).toBe(code);
  if (serials) expect(err.extensions?.serials).toEqual(serials);
  expect(await writeCounts(s)).toEqual(before);
  return err;
}

/** The same server seen through another organization's key (numbers and rows are per organization). */
export function asOrganization(s: TestServer, key: string): TestServer {
  return { ...s, gql: (query, variables, k = key) => s.gql(query, variables, k) };
}

/** Runs a mutation with `$input` and returns the response; `field` is the mutation name. */
export function post(
  s: TestServer,
  field: string,
  inputType: string,
  input: Record<string, unknown>,
  key?: string,
) {
  return s.gql(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${DOCUMENT_FIELDS} } }`,
    { input },
    key,
  );
}
