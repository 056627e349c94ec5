// The floor a posting is measured against: the same rows written with plain `pg` and set-based SQL,
// into schema `floor`, whose tables are copies of the real ones (`like … including all`: columns,
// defaults, checks, every index) plus the same foreign keys. Nothing a posting must check beyond what
// the constraints check is done here: it is the least work any implementation could do.
import { newId } from '../common/ids';
import { LEDGER_TABLES } from '../db/ledger-tables';
import type pg from 'pg';

/** The tables a posting writes or points at (keys are not part of a posting). */
const TABLES = LEDGER_TABLES.filter((t) => t !== 'api_key');
/** Master data copied from the real tables, so the floor's foreign keys have rows to point at. */
const MASTER_DATA = ['organization', 'product', 'warehouse', 'party'];

export async function createFloor(pool: pg.Pool, organizationId: string, schema = 'floor'): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    for (const t of TABLES)
      await client.query(`create table ${schema}.${t} (like public.${t} including all)`);
    // Constraint definitions name tables unqualified (public is on the search path); replayed with
    // floor first on the path, they point at the floor's tables.
    const { rows: fks } = await client.query<{ tbl: string; name: string; def: string }>(
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
         from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace
          and c.conrelid::regclass::text = any($1::text[])`,
      [TABLES],
    );
    await client.query(`set search_path = ${schema}, public`);
    for (const fk of fks)
      await client.query(`alter table ${schema}.${fk.tbl} add constraint ${fk.name} ${fk.def}`);
    for (const t of MASTER_DATA) {
      const where = t === 'organization' ? 'id = $1' : 'organization_id = $1';
      await client.query(`insert into ${schema}.${t} select * from public.${t} where ${where}`, [
        organizationId,
      ]);
    }
    await client.query('reset search_path');
  } finally {
    client.release();
  }
}

export interface FloorScope {
  organizationId: string;
  productId: string;
}

type Move = { type: string; document: string; from: string; to: string };

/** The floor's four postings, each one transaction of set-based statements with bind parameters. */
export function floorPostings(pool: pg.Pool, scope: FloorScope, schema = 'floor') {
  const { organizationId: org, productId: product } = scope;

  async function inTransaction(fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await fn(client);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    } finally {
      client.release();
    }
  }

  /** Header (gapless number from the counter) and its one line. */
  async function document(
    c: pg.PoolClient,
    type: string,
    quantity: number,
    fields: { warehouseId: string; toWarehouseId?: string; partyId?: string; basedOnId?: string },
  ): Promise<{ documentId: string; lineId: string }> {
    const documentId = newId();
    const lineId = newId();
    const { rows } = await c.query<{ last: number }>(
      `insert into ${schema}.document_counter (organization_id, type, last) values ($1, $2, 1)
       on conflict (organization_id, type) do update set last = document_counter.last + 1 returning last`,
      [org, type],
    );
    const seq = rows[0]!.last;
    await c.query(
      `insert into ${schema}.document (id, organization_id, type, seq, number, posted_at, warehouse_id, to_warehouse_id,
         party_id, based_on_id, actor) values ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, 'bench')`,
      [
        documentId,
        org,
        type,
        seq,
        `${type}-${seq}`,
        fields.warehouseId,
        fields.toWarehouseId ?? null,
        fields.partyId ?? null,
        fields.basedOnId ?? null,
      ],
    );
    await c.query(
      `insert into ${schema}.document_line (id, organization_id, document_id, line_no, product_id, quantity)
       values ($1, $2, $3, 1, $4, $5)`,
      [lineId, org, documentId, product, quantity],
    );
    return { documentId, lineId };
  }

  /** Lock by number, update, one movement each: the shape of every posting that moves existing units. */
  async function move(
    numbers: readonly string[],
    m: Move,
    fields: { from: string; to: string | null; partyId?: string; basedOnId?: string },
  ): Promise<string> {
    let id = '';
    await inTransaction(async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `select s.id from ${schema}.serial s
          where s.organization_id = $1 and s.product_id = $2 and lower(s.number) = any($3::text[])
          order by s.id for update`,
        [org, product, numbers.map((n) => n.toLowerCase())],
      );
      if (rows.length !== numbers.length)
        throw new Error(`floor ${m.type}: ${rows.length} of ${numbers.length}`);
      const { documentId, lineId } = await document(c, m.document, numbers.length, {
        warehouseId: fields.from,
        toWarehouseId: m.type === 'TRANSFERRED' ? fields.to! : undefined,
        partyId: fields.partyId,
        basedOnId: fields.basedOnId,
      });
      id = documentId;
      const shipping = m.to === 'SHIPPED';
      await c.query(
        `with u as (
           update ${schema}.serial s set status = $3, warehouse_id = $4,
                  customer_id = coalesce($5, s.customer_id),
                  shipped_at = case when $6 then now() else s.shipped_at end,
                  last_shipment_id = case when $6 then $7::uuid else s.last_shipment_id end
            where s.id = any($1::uuid[]) and s.organization_id = $2
           returning s.id)
         insert into ${schema}.movement (id, organization_id, serial_id, document_id, line_id, type, at, from_status,
                to_status, from_warehouse_id, to_warehouse_id, party_id, actor)
         select serialgraph_uuidv7(), $2, u.id, $7, $8, $9, now(), $10, $3, $11, $4, $5, 'bench' from u`,
        [
          rows.map((r) => r.id),
          org,
          m.to,
          fields.to,
          fields.partyId ?? null,
          shipping,
          documentId,
          lineId,
          m.type,
          m.from,
          fields.from,
        ],
      );
    });
    return id;
  }

  return {
    async receive(numbers: readonly string[], warehouseId: string): Promise<void> {
      await inTransaction(async (c) => {
        const { documentId, lineId } = await document(c, 'RECEIPT', numbers.length, { warehouseId });
        await c.query(
          `with s as (
             insert into ${schema}.serial (id, organization_id, product_id, number, status, warehouse_id, received_in_id,
                    received_at, unit_cost)
             select serialgraph_uuidv7(), $1, $2, n, 'IN_STOCK', $3, $4, now(), 10 from unnest($5::text[]) as n
             returning id)
           insert into ${schema}.movement (id, organization_id, serial_id, document_id, line_id, type, at, to_status,
                  to_warehouse_id, actor)
           select serialgraph_uuidv7(), $1, s.id, $4, $6, 'RECEIVED', now(), 'IN_STOCK', $3, 'bench' from s`,
          [org, product, warehouseId, documentId, numbers, lineId],
        );
      });
    },
    transfer: (numbers: readonly string[], from: string, to: string) =>
      move(
        numbers,
        { type: 'TRANSFERRED', document: 'TRANSFER', from: 'IN_STOCK', to: 'IN_STOCK' },
        { from, to },
      ),
    ship: (numbers: readonly string[], from: string, customerId: string) =>
      move(
        numbers,
        { type: 'SHIPPED', document: 'SHIPMENT', from: 'IN_STOCK', to: 'SHIPPED' },
        { from, to: null, partyId: customerId },
      ),
    returnResalable: (numbers: readonly string[], into: string, shipmentId: string, customerId: string) =>
      move(
        numbers,
        { type: 'RETURNED', document: 'SALES_RETURN', from: 'SHIPPED', to: 'IN_STOCK' },
        { from: into, to: into, partyId: customerId, basedOnId: shipmentId },
      ),
  };
}
