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
import { MovementEntity, type MovementRow } from '../modules/serial/movement.entity';
import { SERIAL_COLUMNS, SerialEntity, type SerialRow } from '../modules/serial/serial.entity';
import { WarehouseEntity, type Warehouse } from '../modules/warehouse/warehouse.entity';
import { sql } from './sql';

/**
 * Per-request batching: every field resolver goes through these, so one GraphQL request issues a
 * number of SQL statements that does not grow with the page size. Scoped to the caller's organization.
 */
export function createLoaders(em: EntityManager, organizationId: string) {
  // Rows written by raw SQL in this request must be read fresh, not from the identity map.
  const byId = <T extends { id: string }>(entity: EntitySchema<T>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = (await em.find(
        entity as unknown as EntitySchema<{ id: string; organizationId: string }>,
        { id: { $in: [...ids] }, organizationId },
        {
          disableIdentityMap: true,
        },
      )) as unknown as T[];
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });
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
    linesByDocument: groupBy<DocumentLineRow, 'documentId'>('documentId', (ids) =>
      em.find(
        DocumentLineEntity,
        { documentId: { $in: ids }, organizationId },
        { orderBy: { lineNo: 'asc' }, disableIdentityMap: true },
      ),
    ),
    historyBySerial: groupBy<MovementRow, 'serialId'>('serialId', (ids) =>
      em.find(
        MovementEntity,
        { serialId: { $in: ids }, organizationId },
        { orderBy: { seq: 'asc' }, disableIdentityMap: true },
      ),
    ),
    /** The units a document line moved, in the order they were posted. */
    serialsByLine: groupBy<SerialRow & { lineId: string }, 'lineId'>('lineId', (ids) =>
      sql<SerialRow & { lineId: string }>(
        em,
        `select ${SERIAL_COLUMNS}, m.line_id as "lineId"
           from movement m join serial s on s.id = m.serial_id
          where m.line_id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) and m.organization_id = ?
          order by m.seq`,
        [JSON.stringify(ids), organizationId],
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export { SERIAL_COLUMNS } from '../modules/serial/serial.entity';
