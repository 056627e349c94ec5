import { SerialStatus, TrackingMode } from '@serialgraph/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../common/sql';
import type { Product } from './product.entity';

/** One `Product.stock` asked for: the product, and the warehouse it is limited to (null: all). */
export interface StockKey {
  product: Product;
  warehouseId: string | null;
}

export const stockCacheKey = (k: StockKey) => `${k.product.id}:${k.warehouseId ?? ''}`;

/**
 * Units in storage and available for many products in one statement: IN_STOCK serials from the
 * serial_count counters (no scan of the units) for serial products, the untracked quantity from
 * stock_level otherwise. Each key is one primary-key or unique-index range lookup.
 */
export async function loadProductStock(
  em: EntityManager,
  organizationId: string,
  keys: readonly StockKey[],
): Promise<number[]> {
  const wanted = keys.map((k) => ({
    p: k.product.id,
    w: k.warehouseId,
    s: k.product.trackingMode === TrackingMode.SERIAL,
  }));
  const rows = await sql<{ i: number; n: number }>(
    em,
    `select k.i::int as i,
            case when k.s
              then (select coalesce(sum(c.n), 0) from serial_count c
                     where c.organization_id = ? and c.product_id = k.p and c.status = ?
                       and (k.w is null or c.warehouse_id = k.w))
              else (select coalesce(sum(l.quantity), 0) from stock_level l
                     where l.organization_id = ? and l.product_id = k.p
                       and (k.w is null or l.warehouse_id = k.w))
            end::int as n
       from rows from (jsonb_to_recordset(?::jsonb) as (p uuid, w uuid, s boolean)) with ordinality as k(p, w, s, i)`,
    [organizationId, SerialStatus.IN_STOCK, organizationId, JSON.stringify(wanted)],
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.n]));
  return keys.map((_, i) => byIndex.get(i + 1) ?? 0);
}
