import {
  checkSerialsLocally,
  ImportRowVerdict,
  internalCodeKey,
  normalizeInternalCode,
  productSerialFormat,
  TrackingMode,
  validateSerialNumber,
} from '@serialgraph/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entitySelect } from '../../common/entity-columns';
import { breathe } from '../../common/slices';
import { sql } from '../../common/sql';
import { ProductEntity, type Product } from '../product/product.entity';
import { WarehouseEntity, type Warehouse } from '../warehouse/warehouse.entity';
import type { ImportRow } from './import-reader';

/** A row with what it refers to, its normalized numbers and its verdict. */
export interface CheckedRow {
  row: ImportRow;
  product: Product | null;
  warehouse: Warehouse | null;
  /** The serial as it is recorded (the product's format applied, e.g. a MAC address's spelling). */
  serial: string;
  internalCode: string | null;
  unitCost: string | null;
  verdict: ImportRowVerdict;
}

const CONTROL = /[\p{Cc}\p{Cs}]/u;
const lookable = (text: string) => text !== '' && !CONTROL.test(text);

/** A unit cost as the API takes it (Decimal), never negative. */
const UNIT_COST = /^\d{1,14}(\.\d{1,6})?$/;

const PRODUCT = entitySelect(ProductEntity, 'p').columns;
const WAREHOUSE = entitySelect(WarehouseEntity, 'w').columns;

/** The organization's products and warehouses the rows name, by lower-cased SKU and code (as their unique indexes compare). */
export async function lookUpReferences(
  em: EntityManager,
  organizationId: string,
  rows: readonly ImportRow[],
) {
  // Text with control characters names nothing (and PostgreSQL refuses NUL in text): not looked up.
  const skus = [...new Set(rows.map((r) => r.sku.toLowerCase()))].filter(lookable);
  const codes = [...new Set(rows.map((r) => r.warehouse.toLowerCase()))].filter(lookable);
  const [products, warehouses] = await Promise.all([
    sql<Product>(
      em,
      `select ${PRODUCT} from product p where p.organization_id = ? and lower(p.sku) = any(?::text[])`,
      [organizationId, skus],
    ),
    sql<Warehouse>(
      em,
      `select ${WAREHOUSE} from warehouse w where w.organization_id = ? and lower(w.code) = any(?::text[])`,
      [organizationId, codes],
    ),
  ]);
  return {
    products: new Map(products.map((p) => [p.sku.toLowerCase(), p])),
    warehouses: new Map(warehouses.map((w) => [w.code.toLowerCase(), w])),
  };
}

/**
 * Every row's verdict, the same rules a receipt applies (domain serial rules per product, numbers
 * and internal codes already recorded), in two set-based reads whatever the file's size. A row gets
 * the first problem found, in the order a clerk fixes them: what it names, its serial, its details.
 */
export async function checkImportRows(
  em: EntityManager,
  organizationId: string,
  rows: readonly ImportRow[],
  references: Awaited<ReturnType<typeof lookUpReferences>>,
): Promise<CheckedRow[]> {
  const checked: CheckedRow[] = rows.map((row) => {
    const product = references.products.get(row.sku.toLowerCase()) ?? null;
    const warehouse = references.warehouses.get(row.warehouse.toLowerCase()) ?? null;
    const verdict = !product
      ? ImportRowVerdict.UNKNOWN_PRODUCT
      : product.trackingMode !== TrackingMode.SERIAL
        ? ImportRowVerdict.NOT_SERIAL_TRACKED
        : !warehouse
          ? ImportRowVerdict.UNKNOWN_WAREHOUSE
          : ImportRowVerdict.OK;
    return { row, product, warehouse, serial: row.serial, internalCode: null, unitCost: null, verdict };
  });
  await breathe();
  // The serial rules per product: format (the product's own) and repeats within the file.
  const byProduct = new Map<string, CheckedRow[]>();
  for (const c of checked) {
    if (!c.product) continue;
    const group = byProduct.get(c.product.id);
    if (group) group.push(c);
    else byProduct.set(c.product.id, [c]);
  }
  for (const group of byProduct.values()) {
    const local = checkSerialsLocally(
      group.map((c) => c.row.serial),
      productSerialFormat(group[0]!.product!),
    );
    group.forEach((c, i) => {
      c.serial = local[i]!.number;
      if (c.verdict === ImportRowVerdict.OK && local[i]!.issue) c.verdict = local[i]!.issue;
    });
    await breathe();
  }
  const pending = checked.filter((c) => c.verdict === ImportRowVerdict.OK);
  const recorded = await sql<{ ord: number }>(
    em,
    `select i.ord from unnest(?::int[], ?::uuid[], ?::text[]) as i(ord, product_id, number)
      where exists (select 1 from serial s where s.organization_id = ? and s.product_id = i.product_id and lower(s.number) = lower(i.number))`,
    [
      pending.map((_, i) => i),
      pending.map((c) => c.product!.id),
      pending.map((c) => c.serial),
      organizationId,
    ],
  );
  for (const { ord } of recorded) pending[ord]!.verdict = ImportRowVerdict.ALREADY_EXISTS;
  checkDetails(checked);
  const coded = checked.filter((c) => c.verdict === ImportRowVerdict.OK && c.internalCode !== null);
  const taken = await sql<{ ord: number }>(
    em,
    `select i.ord from unnest(?::int[], ?::text[]) as i(ord, code)
      where exists (select 1 from serial s where s.organization_id = ? and lower(s.internal_code) = lower(i.code))`,
    [coded.map((_, i) => i), coded.map((c) => c.internalCode), organizationId],
  );
  for (const { ord } of taken) coded[ord]!.verdict = ImportRowVerdict.INTERNAL_CODE_EXISTS;
  return checked;
}

/** Unit costs and internal codes (well formed, each once in the file). */
function checkDetails(checked: CheckedRow[]): void {
  const codes = new Set<string>();
  for (const c of checked) {
    if (c.verdict !== ImportRowVerdict.OK) continue;
    if (c.row.unitCost !== null) {
      if (!UNIT_COST.test(c.row.unitCost)) {
        c.verdict = ImportRowVerdict.INVALID_UNIT_COST;
        continue;
      }
      c.unitCost = c.row.unitCost;
    }
    if (c.row.internalCode !== null) {
      const code = normalizeInternalCode(c.row.internalCode);
      if (validateSerialNumber(code) !== null) c.verdict = ImportRowVerdict.INVALID_INTERNAL_CODE;
      else if (codes.has(internalCodeKey(code))) c.verdict = ImportRowVerdict.INTERNAL_CODE_EXISTS;
      else {
        codes.add(internalCodeKey(code));
        c.internalCode = code;
      }
    }
  }
}
