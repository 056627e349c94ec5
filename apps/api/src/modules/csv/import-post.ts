import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import { LIMITS } from '../../common/input-limits';
import { createLoaders } from '../../common/loaders';
import { sql } from '../../common/sql';
import { transactionRetriedOnce } from '../../common/transient';
import type { DocumentRow } from '../document/document.entity';
import type { ReceiveStockInput, StockLineInput } from '../document/document.inputs';
import { receiveStock } from '../document/posting/receiving.service';
import type { Warehouse } from '../warehouse/warehouse.entity';
import type { lookUpReferences } from './import-check';
import type { ImportRow } from './import-reader';

/** One receipt an import posts: the rows of one warehouse (at most 1,000 product/cost lines each). */
export interface PlannedReceipt {
  warehouse: Warehouse;
  units: number;
  input: ReceiveStockInput & { idempotencyKey: string };
}

export interface ImportOptions {
  supplierId: string | null;
  reference: string | null;
}

/**
 * The receipts of a file: one per warehouse, in the order the file first names them, with a line per
 * product and unit cost carrying its units (serial and internal code as written: the receipt applies
 * its own rules). Each receipt's idempotency key is the file's SHA-256 with its warehouse (and part,
 * for more than 1,000 lines), so the same file always makes the same receipts and replays them.
 * Rows must all name a known product and warehouse.
 */
export function planReceipts(
  file: { sha256: string; rows: readonly ImportRow[] },
  references: Awaited<ReturnType<typeof lookUpReferences>>,
  options: ImportOptions,
): PlannedReceipt[] {
  const byWarehouse = new Map<string, { warehouse: Warehouse; lines: Map<string, StockLineInput> }>();
  for (const row of file.rows) {
    const warehouse = references.warehouses.get(row.warehouse.toLowerCase())!;
    const product = references.products.get(row.sku.toLowerCase())!;
    let receipt = byWarehouse.get(warehouse.id);
    if (!receipt) byWarehouse.set(warehouse.id, (receipt = { warehouse, lines: new Map() }));
    const lineKey = `${product.id} ${row.unitCost ?? ''}`;
    let line = receipt.lines.get(lineKey);
    if (!line) {
      line = { productId: toGlobalId('Product', product.id), quantity: 0, unitCost: row.unitCost, units: [] };
      receipt.lines.set(lineKey, line);
    }
    line.quantity++;
    line.units!.push({ serial: row.serial, internalCode: row.internalCode });
  }
  const receipts: PlannedReceipt[] = [];
  for (const { warehouse, lines } of byWarehouse.values()) {
    const all = [...lines.values()];
    for (let part = 0; part * LIMITS.linesPerDocument < all.length; part++) {
      const partLines = all.slice(part * LIMITS.linesPerDocument, (part + 1) * LIMITS.linesPerDocument);
      receipts.push({
        warehouse,
        units: partLines.reduce((n, l) => n + l.quantity, 0),
        input: {
          warehouseId: toGlobalId('Warehouse', warehouse.id),
          supplierId: options.supplierId,
          reference: options.reference ?? `CSV import ${file.sha256.slice(0, 12)}`,
          note: null,
          lines: partLines,
          idempotencyKey: `csv-import:${file.sha256}:${warehouse.id}:${part}`,
        },
      });
    }
  }
  return receipts;
}

/** The receipts of this file already posted (an earlier import of the same file), by idempotency key. */
export async function postedReceipts(
  em: EntityManager,
  organizationId: string,
  receipts: readonly PlannedReceipt[],
): Promise<{ number: string; idempotencyKey: string }[]> {
  return sql<{ number: string; idempotencyKey: string }>(
    em,
    `select d.number, d.idempotency_key as "idempotencyKey" from document d
      where d.organization_id = ? and d.idempotency_key = any(?::text[]) order by d.number`,
    [organizationId, receipts.map((r) => r.input.idempotencyKey)],
  );
}

/**
 * Posts every receipt through the receiving service, all in one transaction: each receipt is its
 * own document (its number, its movements), but either all of them are recorded or none is. An
 * earlier import of the same file is answered with its documents (the posting service's replay).
 */
export async function postReceipts(
  ctx: RequestContext,
  receipts: readonly PlannedReceipt[],
  onReceipt?: (index: number) => void,
): Promise<DocumentRow[]> {
  return transactionRetriedOnce(ctx.em, async (em) => {
    const tx: RequestContext = { ...ctx, em, loaders: createLoaders(em, ctx.organizationId) };
    const documents: DocumentRow[] = [];
    for (const [i, receipt] of receipts.entries()) {
      onReceipt?.(i);
      documents.push(await receiveStock(tx, receipt.input));
    }
    return documents;
  });
}
