// Bulk data for the reads benchmark: realistic ledgers of up to millions of units, written by
// set-based SQL inside PostgreSQL (generate_series), so a million units load in well under a minute.
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseGlobalId } from '../common/global-id';
import { sql } from '../common/sql';

/** Units per receipt; each receipt has one line per product and one shipment sends part of it. */
export const UNITS_PER_RECEIPT = 10_000;

export interface ReadsWorld {
  organizationId: string;
  products: string[];
  warehouses: [string, string];
  supplier: string;
  customers: string[];
}

/**
 * Creates a world's master data through the API, like a real organization: five products, two
 * warehouses, a supplier and three customers. `mutate` runs a mutation as an admin and returns its data.
 */
export async function createReadsWorld(
  organizationId: string,
  mutate: (query: string) => Promise<Record<string, unknown>>,
): Promise<ReadsWorld> {
  const m = (await mutate(`mutation {
    w1: createWarehouse(input: { code: "MAIN", name: "Main" }) { id }
    w2: createWarehouse(input: { code: "EAST", name: "East" }) { id }
    s: createParty(input: { name: "Supplier", roles: [SUPPLIER] }) { id }
    c1: createParty(input: { name: "Customer one", roles: [CUSTOMER] }) { id }
    c2: createParty(input: { name: "Customer two", roles: [CUSTOMER] }) { id }
    c3: createParty(input: { name: "Customer three", roles: [CUSTOMER] }) { id }
    ${[1, 2, 3, 4, 5].map((n) => `p${n}: createProduct(input: { sku: "P-${n}", name: "Product ${n}", trackingMode: SERIAL, warrantyMonths: 24 }) { id }`).join('\n')}
  }`)) as Record<string, { id: string }>;
  const uuid = (alias: string) => parseGlobalId(m[alias]!.id)!.id;
  return {
    organizationId,
    products: [1, 2, 3, 4, 5].map((n) => uuid(`p${n}`)),
    warehouses: [uuid('w1'), uuid('w2')],
    supplier: uuid('s'),
    customers: [uuid('c1'), uuid('c2'), uuid('c3')],
  };
}

/** The number of unit `i` (0-based); product `i % products`. Distinct per product, so unique anyway. */
export function unitNumber(i: number): string {
  return `SN-${String(i).padStart(8, '0')}`;
}

/** The id of unit `i` of this organization (as `loadUnits` writes it). */
export function unitId(organizationId: string, i: number): string {
  return `${organizationId.slice(0, 8)}-0001-7000-8000-${i.toString(16).padStart(12, '0')}`;
}

/**
 * Loads units [from, to) — `from` and `to` multiples of UNITS_PER_RECEIPT — with their receipts,
 * receipt lines and RECEIVED movements; two units in ten of each receipt are then shipped (one
 * shipment per receipt, to a rotating customer) with SHIPPED movements. Ids are derived from the
 * unit index (md5), so documents, lines and units join without lookups.
 */
export async function loadUnits(em: EntityManager, w: ReadsWorld, from: number, to: number): Promise<void> {
  const statements = unitLoadStatements(w, from, to);
  await em.transactional(async (tx) => {
    // Skip per-row foreign-key checks (the generated rows are consistent by construction), as
    // pg_restore --disable-triggers does; needs a superuser, as the embedded PostgreSQL's is.
    await sql(tx, `set local session_replication_role = replica`);
    await sql(tx, `set local maintenance_work_mem = '256MB'`);
    // A big load builds the secondary indexes afterwards (one sort each), not row by row.
    const rebuild =
      to - from >= 200_000
        ? await sql<{ name: string; def: string }>(
            tx,
            `select i.indexname as name, i.indexdef as def from pg_indexes i
              where i.schemaname = current_schema() and i.tablename in ('serial', 'movement')
                and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
          )
        : [];
    for (const index of rebuild) await sql(tx, `drop index ${index.name}`);
    statements.push(...rebuild.map((index) => index.def));
    for (const statement of statements) {
      const t = performance.now();
      await sql(tx, statement);
      if (process.env.BENCH_READS_DEBUG)
        console.log((performance.now() - t).toFixed(0), statement.slice(0, 40));
    }
  });
  // Autovacuum would refresh planner statistics within a minute of a bulk load; do it now.
  const t = performance.now();
  await sql(em, `vacuum analyze ${LOADED_TABLES}`);
  if (process.env.BENCH_READS_DEBUG) console.log((performance.now() - t).toFixed(0), 'vacuum');
}

/** The tables {@link unitLoadStatements} writes (to vacuum and analyze after a load). */
export const LOADED_TABLES = 'serial, movement, document, document_line';

/**
 * The statements that load units [from, to) (see {@link loadUnits}), to run in one transaction as
 * a superuser after `set local session_replication_role = replica`.
 */
export function unitLoadStatements(w: ReadsWorld, from: number, to: number): string[] {
  const k0 = from / UNITS_PER_RECEIPT;
  const k1 = to / UNITS_PER_RECEIPT;
  const org = w.organizationId;
  const p = `array[${w.products.map((id) => `'${id}'::uuid`).join(',')}]`;
  const wh = `array['${w.warehouses[0]}'::uuid, '${w.warehouses[1]}'::uuid]`;
  const cu = `array[${w.customers.map((id) => `'${id}'::uuid`).join(',')}]`;
  const np = w.products.length;
  const nc = w.customers.length;
  const uid = (kind: string, ...parts: string[]) =>
    `md5('${org}|${kind}|' || ${parts.join(` || '|' || `)})::uuid`;
  // Units and movements get ascending ids (like uuid v7), so their primary keys append instead of splitting pages.
  const seqId = (kind: number, i: string) =>
    `('${org.slice(0, 8)}-${String(kind).padStart(4, '0')}-7000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;
  // Receipt k is posted at base + k hours; its shipment a day later.
  const at = (k: string) => `timestamptz '2024-01-01' + (${k}) * interval '1 hour'`;
  const shipped = `(i % 10) in (3, 7)`;
  const statements = [
    `insert into document (id, organization_id, type, seq, number, posted_at, warehouse_id, party_id, actor)
     select ${uid('rcv', 'k::text')}, '${org}', 'RECEIPT', k + 1, 'RCV-' || lpad((k + 1)::text, 6, '0'), ${at('k')},
            (${wh})[k % 2 + 1], '${w.supplier}', 'bench'
       from generate_series(${k0}, ${k1 - 1}) k`,
    `insert into document (id, organization_id, type, seq, number, posted_at, warehouse_id, party_id, actor)
     select ${uid('shp', 'k::text')}, '${org}', 'SHIPMENT', k + 1, 'SHP-' || lpad((k + 1)::text, 6, '0'),
            ${at('k')} + interval '1 day', (${wh})[k % 2 + 1], (${cu})[k % ${nc} + 1], 'bench'
       from generate_series(${k0}, ${k1 - 1}) k`,
    `insert into document_line (id, organization_id, document_id, line_no, product_id, quantity, unit_cost, total_cost)
     select ${uid('rcvl', 'k::text', 'p::text')}, '${org}', ${uid('rcv', 'k::text')}, p + 1, (${p})[p + 1],
            ${UNITS_PER_RECEIPT / np}, 10.00, ${(UNITS_PER_RECEIPT / np) * 10}
       from generate_series(${k0}, ${k1 - 1}) k, generate_series(0, ${np - 1}) p`,
    `insert into document_line (id, organization_id, document_id, line_no, product_id, quantity)
     select ${uid('shpl', 'k::text', 'p::text')}, '${org}', ${uid('shp', 'k::text')}, p + 1, (${p})[p + 1],
            ${UNITS_PER_RECEIPT / np / 5}
       from generate_series(${k0}, ${k1 - 1}) k, generate_series(0, ${np - 1}) p`,
    `insert into serial (id, organization_id, product_id, number, status, warehouse_id, supplier_id, customer_id,
            received_in_id, received_at, shipped_at, last_shipment_id, unit_cost, warranty_starts_at, warranty_ends_at)
     select ${seqId(1, 'i')}, '${org}', (${p})[i % ${np} + 1], 'SN-' || lpad(i::text, 8, '0'),
            case when ${shipped} then 'SHIPPED' else 'IN_STOCK' end,
            case when ${shipped} then null else (${wh})[k % 2 + 1] end,
            '${w.supplier}',
            case when ${shipped} then (${cu})[k % ${nc} + 1] end,
            ${uid('rcv', 'k::text')}, ${at('k')},
            case when ${shipped} then ${at('k')} + interval '1 day' end,
            case when ${shipped} then ${uid('shp', 'k::text')} end,
            10.00,
            case when ${shipped} then ${at('k')} + interval '1 day' end,
            case when ${shipped} then ${at('k')} + interval '1 day' + interval '24 months' end
       from generate_series(${from}, ${to - 1}) i, lateral (select i / ${UNITS_PER_RECEIPT} as k) r`,
    `insert into movement (id, organization_id, serial_id, document_id, line_id, type, at, from_status, to_status,
            to_warehouse_id, party_id, actor)
     select ${seqId(2, 'i')}, '${org}', ${seqId(1, 'i')}, ${uid('rcv', 'k::text')},
            ${uid('rcvl', 'k::text', `(i % ${np})::text`)}, 'RECEIVED', ${at('k')}, null, 'IN_STOCK',
            (${wh})[k % 2 + 1], '${w.supplier}', 'bench'
       from generate_series(${from}, ${to - 1}) i, lateral (select i / ${UNITS_PER_RECEIPT} as k) r
      order by i`,
    `insert into movement (id, organization_id, serial_id, document_id, line_id, type, at, from_status, to_status,
            from_warehouse_id, party_id, actor)
     select ${seqId(3, 'i')}, '${org}', ${seqId(1, 'i')}, ${uid('shp', 'k::text')},
            ${uid('shpl', 'k::text', `(i % ${np})::text`)}, 'SHIPPED', ${at('k')} + interval '1 day', 'IN_STOCK',
            'SHIPPED', (${wh})[k % 2 + 1], (${cu})[k % ${nc} + 1], 'bench'
       from generate_series(${from}, ${to - 1}) i, lateral (select i / ${UNITS_PER_RECEIPT} as k) r
      where ${shipped}
      order by i`,
    // Replica mode also skips the serial_count triggers: count this organization's units afresh.
    `delete from serial_count where organization_id = '${org}'`,
    `insert into serial_count (organization_id, product_id, warehouse_id, status, n)
     select organization_id, product_id, warehouse_id, status, count(*) from serial
      where organization_id = '${org}' group by 1, 2, 3, 4`,
    `insert into document_counter (organization_id, type, last)
     values ('${org}', 'RECEIPT', ${k1}), ('${org}', 'SHIPMENT', ${k1})
     on conflict (organization_id, type) do update set last = excluded.last`,
  ];
  return statements;
}
