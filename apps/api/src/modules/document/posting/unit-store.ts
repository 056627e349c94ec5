import type { EntityManager } from '@mikro-orm/postgresql';
import { json, sql } from '../../../common/sql';
import { SERIAL_COLUMNS } from '../../../common/loaders';
import type { SerialRow } from '../../serial/serial.entity';

/** A unit locked for posting, with the document line (and the number as typed) that asked for it. */
export type LockedUnit = SerialRow & { lineId: string | null; inputNumber: string };

/**
 * Finds and row-locks the units named on the lines (FOR UPDATE, in id order so two documents never
 * deadlock). A concurrent document that moved a unit first makes us wait, then see its new state:
 * the database decides who wins. Numbers not recorded for their product come back in `missing`.
 */
export async function lockUnitsByNumber(
  em: EntityManager,
  organizationId: string,
  items: readonly { product_id: string; number: string; line_id: string | null }[],
): Promise<{ units: LockedUnit[]; missing: string[] }> {
  if (items.length === 0) return { units: [], missing: [] };
  const units = await sql<LockedUnit>(
    em,
    `select ${SERIAL_COLUMNS}, i.line_id as "lineId", i.number as "inputNumber"
       from jsonb_to_recordset(?::jsonb) as i(product_id uuid, number text, line_id uuid)
       join serial s on s.organization_id = ? and s.product_id = i.product_id and lower(s.number) = lower(i.number)
      order by s.id
        for update of s`,
    [json(items), organizationId],
  );
  // Locked in id order (no deadlocks), handed back in input order: refusals and lines list units as entered.
  const position = new Map(items.map((i, k) => [`${i.product_id}|${i.number}`, k]));
  units.sort(
    (a, b) =>
      position.get(`${a.productId}|${a.inputNumber}`)! - position.get(`${b.productId}|${b.inputNumber}`)!,
  );
  const found = new Set(units.map((u) => `${u.productId}|${u.inputNumber}`));
  const missing = items.filter((i) => !found.has(`${i.product_id}|${i.number}`)).map((i) => i.number);
  return { units, missing };
}

/** Locks units by id (repairs and corrections name one unit by its id). */
export async function lockUnitsById(
  em: EntityManager,
  organizationId: string,
  ids: readonly string[],
): Promise<SerialRow[]> {
  return sql<SerialRow>(
    em,
    `select ${SERIAL_COLUMNS} from serial s
      where s.organization_id = ? and s.id in (select value::uuid from jsonb_array_elements_text(?::jsonb))
      order by s.id for update of s`,
    [organizationId, json(ids)],
  );
}

/** Writes the new state of every changed unit in one statement. */
export async function updateUnits(em: EntityManager, units: readonly SerialRow[]): Promise<void> {
  if (units.length === 0) return;
  await sql(
    em,
    `update serial s set number = u.number, status = u.status, warehouse_id = u.warehouse_id, customer_id = u.customer_id,
            shipped_at = u.shipped_at, last_shipment_id = u.last_shipment_id, warranty_starts_at = u.warranty_starts_at,
            warranty_ends_at = u.warranty_ends_at, repair_count = u.repair_count, hold_reason = u.hold_reason,
            replaced_by_id = u.replaced_by_id, replaces_id = u.replaces_id
       from jsonb_to_recordset(?::jsonb) as u(id uuid, number text, status text, warehouse_id uuid, customer_id uuid,
            shipped_at timestamptz, last_shipment_id uuid, warranty_starts_at timestamptz, warranty_ends_at timestamptz,
            repair_count int, hold_reason text, replaced_by_id uuid, replaces_id uuid)
      where s.id = u.id`,
    [
      json(
        units.map((u) => ({
          id: u.id,
          number: u.number,
          status: u.status,
          warehouse_id: u.warehouseId,
          customer_id: u.customerId,
          shipped_at: u.shippedAt,
          last_shipment_id: u.lastShipmentId,
          warranty_starts_at: u.warrantyStartsAt,
          warranty_ends_at: u.warrantyEndsAt,
          repair_count: u.repairCount,
          hold_reason: u.holdReason,
          replaced_by_id: u.replacedById,
          replaces_id: u.replacesId,
        })),
      ),
    ],
  );
}

/** Inserts newly received units in one statement. */
export async function insertUnits(em: EntityManager, units: readonly SerialRow[]): Promise<void> {
  if (units.length === 0) return;
  await sql(
    em,
    `insert into serial (id, organization_id, product_id, number, status, warehouse_id, supplier_id, received_in_id,
            received_at, unit_cost)
     select u.id, u.organization_id, u.product_id, u.number, u.status, u.warehouse_id, u.supplier_id, u.received_in_id,
            u.received_at, u.unit_cost
       from jsonb_to_recordset(?::jsonb) as u(id uuid, organization_id uuid, product_id uuid, number text, status text,
            warehouse_id uuid, supplier_id uuid, received_in_id uuid, received_at timestamptz, unit_cost numeric)`,
    [
      json(
        units.map((u) => ({
          id: u.id,
          organization_id: u.organizationId,
          product_id: u.productId,
          number: u.number,
          status: u.status,
          warehouse_id: u.warehouseId,
          supplier_id: u.supplierId,
          received_in_id: u.receivedInId,
          received_at: u.receivedAt,
          unit_cost: u.unitCost,
        })),
      ),
    ],
  );
}

/** Numbers already recorded for their product (case-insensitively), as recorded. */
export async function existingNumbers(
  em: EntityManager,
  organizationId: string,
  items: readonly { product_id: string; number: string }[],
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await sql<{ number: string }>(
    em,
    `select i.number from rows from (jsonb_to_recordset(?::jsonb) as (product_id uuid, number text)) with ordinality as i(product_id, number, ord)
      where exists (select 1 from serial s where s.organization_id = ? and s.product_id = i.product_id
                      and lower(s.number) = lower(i.number))
      order by i.ord`,
    [json(items), organizationId],
  );
  return rows.map((r) => r.number);
}

/** Untracked stock per warehouse: adds (or, with a negative delta, takes) quantities; returns products short of stock. */
export async function adjustStockLevels(
  em: EntityManager,
  organizationId: string,
  warehouseId: string,
  deltas: ReadonlyMap<string, number>,
): Promise<string[]> {
  const takes = [...deltas].filter(([, d]) => d < 0).map(([product_id, d]) => ({ product_id, qty: -d }));
  const adds = [...deltas].filter(([, d]) => d > 0).map(([product_id, qty]) => ({ product_id, qty }));
  if (takes.length) {
    const taken = await sql<{ product_id: string }>(
      em,
      `update stock_level s set quantity = s.quantity - t.qty
         from jsonb_to_recordset(?::jsonb) as t(product_id uuid, qty int)
        where s.product_id = t.product_id and s.warehouse_id = ? and s.organization_id = ? and s.quantity >= t.qty
        returning s.product_id`,
      [json(takes), warehouseId, organizationId],
    );
    const ok = new Set(taken.map((t) => t.product_id));
    const short = takes.filter((t) => !ok.has(t.product_id)).map((t) => t.product_id);
    if (short.length) return short;
  }
  if (adds.length) {
    await sql(
      em,
      `insert into stock_level (organization_id, product_id, warehouse_id, quantity)
       select ?, a.product_id, ?, a.qty from jsonb_to_recordset(?::jsonb) as a(product_id uuid, qty int)
       on conflict (product_id, warehouse_id) do update set quantity = stock_level.quantity + excluded.quantity`,
      [organizationId, warehouseId, json(adds)],
    );
  }
  return [];
}
