import DataLoader from 'dataloader';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import {
  DocumentEntity,
  DocumentLineEntity,
  type DocumentLineRow,
  type DocumentRow,
} from '../modules/document/document.entity';
import { PartyEntity, type Party } from '../modules/party/party.entity';
import { ProductEntity, type Product } from '../modules/product/product.entity';
import { barcodesOfProducts, type ProductBarcodeRow } from '../modules/product/product-barcode.service';
import { loadProductStock, stockCacheKey, type StockKey } from '../modules/product/product-stock';
import { MovementEntity, type MovementRow } from '../modules/serial/movement.entity';
import { SERIAL_COLUMNS, SerialEntity, type SerialRow } from '../modules/serial/serial.entity';
import { WarehouseEntity, type Warehouse } from '../modules/warehouse/warehouse.entity';
import { entitySelect } from './entity-columns';
import { sql } from './sql';

/**
 * Per-request batching: every field resolver goes through these, so one GraphQL request issues a
 * number of SQL statements that does not grow with the page size. Scoped to the caller's organization.
 */
export function createLoaders(em: EntityManager, organizationId: string) {
  // Raw reads, never the identity map: rows written by raw SQL in this request must be read fresh.
  // `= any($n::uuid[])`: the cast applies to the parameter, not to a column, so under row-level
  // security the key condition stays an index condition (a join on `jsonb_array_elements_text(…)::uuid`
  // is not leakproof and scanned the organization's whole table).
  const ids = (keys: readonly string[]) => [...keys];
  const byId = <T extends { id: string }>(entity: EntitySchema<T>) => {
    const { table, columns } = entitySelect(entity);
    return new DataLoader<string, T | null>(async (keys) => {
      const rows = await sql<T>(
        em,
        `select ${columns} from ${table} t
          where t.id = any(?::uuid[]) and t.organization_id = ?`,
        [ids(keys), organizationId],
      );
      const map = new Map(rows.map((r) => [r.id, r]));
      return keys.map((id) => map.get(id) ?? null);
    });
  };
  const groupBy = <T, K extends keyof T>(field: K, load: (keys: string[]) => Promise<T[]>) =>
    new DataLoader<string, T[]>(async (keys) => {
      const rows = await load([...keys]);
      const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[field] as unknown as string)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    });

  return {
    product: byId<Product>(ProductEntity),
    warehouse: byId<Warehouse>(WarehouseEntity),
    party: byId<Party>(PartyEntity),
    document: byId<DocumentRow>(DocumentEntity),
    serial: byId<SerialRow>(SerialEntity),
    movement: byId<MovementRow>(MovementEntity),
    linesByDocument: groupBy<DocumentLineRow, 'documentId'>('documentId', (keys) =>
      sql<DocumentLineRow>(
        em,
        `select ${entitySelect(DocumentLineEntity).columns} from document_line t
          where t.document_id = any(?::uuid[]) and t.organization_id = ?
          order by t.document_id, t.line_no`,
        [ids(keys), organizationId],
      ),
    ),
    historyBySerial: groupBy<MovementRow, 'serialId'>('serialId', (keys) =>
      sql<MovementRow>(
        em,
        `select ${entitySelect(MovementEntity).columns} from movement t
          where t.serial_id = any(?::uuid[]) and t.organization_id = ?
          order by t.serial_id, t.seq`,
        [ids(keys), organizationId],
      ),
    ),
    barcodesByProduct: groupBy<ProductBarcodeRow, 'productId'>('productId', (keys) =>
      barcodesOfProducts(em, organizationId, keys),
    ),
    /** The units a document line moved, in the order they were posted. */
    serialsByLine: groupBy<SerialRow & { lineId: string }, 'lineId'>('lineId', (keys) =>
      sql<SerialRow & { lineId: string }>(
        em,
        `select ${SERIAL_COLUMNS}, m.line_id as "lineId"
           from movement m join serial s on s.organization_id = m.organization_id and s.id = m.serial_id
          where m.line_id = any(?::uuid[]) and m.organization_id = ?
          order by m.seq`,
        [ids(keys), organizationId],
      ),
    ),
    /** `Product.stock` of a page of products, in one statement. */
    stock: new DataLoader<StockKey, number, string>((keys) => loadProductStock(em, organizationId, keys), {
      cacheKeyFn: stockCacheKey,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export { SERIAL_COLUMNS } from '../modules/serial/serial.entity';
