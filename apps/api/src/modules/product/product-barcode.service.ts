import { DomainError, ErrorCode, gtinKey, gtinProblem, describeGtinProblem } from '@serialgraph/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUniqueViolation } from '../../common/db-errors';
import { sql } from '../../common/sql';

/** One live barcode as stored. */
export interface ProductBarcodeRow {
  productId: string;
  code: string;
  gtin: string;
}

/**
 * The barcodes as they will be stored: trimmed, each a valid GTIN, each product code once
 * (a UPC-A and its EAN-13 form count as one). Refuses naming every offending code.
 */
export function checkBarcodes(raw: readonly string[]): string[] {
  const codes = raw.map((c) => c.trim());
  const invalid = codes.filter((c) => gtinProblem(c) !== null);
  if (invalid.length > 0) {
    throw new DomainError(
      ErrorCode.INVALID_BARCODE,
      invalid.map((c) => describeGtinProblem(c, gtinProblem(c)!)).join(' '),
      undefined,
      { field: 'barcodes', barcodes: invalid },
    );
  }
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  for (const code of codes) {
    const first = seen.get(gtinKey(code));
    if (first !== undefined) repeated.push(code);
    else seen.set(gtinKey(code), code);
  }
  if (repeated.length > 0) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `barcodes lists the same product code more than once: ${repeated.join(', ')}.`,
      undefined,
      { field: 'barcodes', barcodes: repeated },
    );
  }
  return [...seen.values()];
}

/**
 * Makes `codes` the product's live barcodes (inside the caller's transaction): codes no longer
 * listed are marked removed (the server has no DELETE), new ones inserted. A code live on another
 * product is refused as BARCODE_EXISTS naming it and that product's SKU.
 */
export async function setProductBarcodes(
  em: EntityManager,
  organizationId: string,
  productId: string,
  codes: readonly string[],
): Promise<void> {
  const gtins = codes.map(gtinKey);
  // Requests giving the same code to two products queue here (codes in one order: no deadlock),
  // so the check below sees the winner's committed row and names it.
  await sql(
    em,
    `select pg_advisory_xact_lock(hashtextextended('product_barcode:' || ? || ':' || g, 0))
       from (select distinct g from unnest(?::text[]) as g order by g) codes`,
    [organizationId, gtins],
  );
  const held = await sql<{ gtin: string; heldAs: string; sku: string }>(
    em,
    `select b.gtin, b.code as "heldAs", p.sku from product_barcode b
       join product p on p.organization_id = b.organization_id and p.id = b.product_id
      where b.organization_id = ? and b.removed_at is null and b.product_id <> ?
        and b.gtin = any(?::text[]) order by b.code`,
    [organizationId, productId, gtins],
  );
  if (held.length > 0) {
    const byGtin = new Map(held.map((h) => [h.gtin, h]));
    throw barcodeExists(
      codes.filter((c) => byGtin.has(gtinKey(c))).map((code) => ({ code, ...byGtin.get(gtinKey(code))! })),
    );
  }
  await sql(
    em,
    `update product_barcode set removed_at = now()
      where organization_id = ? and product_id = ? and removed_at is null and gtin <> all(?::text[])`,
    [organizationId, productId, gtins],
  );
  try {
    await sql(
      em,
      `insert into product_barcode (organization_id, product_id, code, gtin, ordinal)
       select ?, ?, c.code, c.gtin, c.ordinal::int
         from unnest(?::text[], ?::text[]) with ordinality as c(code, gtin, ordinal)
        where not exists (select from product_barcode b where b.organization_id = ? and b.product_id = ?
                            and b.removed_at is null and b.gtin = c.gtin)`,
      [organizationId, productId, codes, gtins, organizationId, productId],
    );
  } catch (e) {
    // Another request gave one of these codes to another product since the check above.
    if (isUniqueViolation(e, 'product_barcode_gtin_uq')) throw barcodeExists([]);
    throw e;
  }
  // Codes kept from before take their place in the new list, so reads follow the order given.
  await sql(
    em,
    `update product_barcode b set ordinal = c.ordinal::int
       from unnest(?::text[]) with ordinality as c(gtin, ordinal)
      where b.organization_id = ? and b.product_id = ? and b.removed_at is null
        and b.gtin = c.gtin and b.ordinal <> c.ordinal::int`,
    [gtins, organizationId, productId],
  );
}

function barcodeExists(taken: { code: string; heldAs: string; sku: string }[]): DomainError {
  const named = taken
    .map((t) => `${t.code} (${t.sku}${t.heldAs === t.code ? '' : `, as ${t.heldAs}`})`)
    .join(', ');
  return new DomainError(
    ErrorCode.BARCODE_EXISTS,
    taken.length > 0
      ? `These barcodes already belong to another product; take them off that product first: ${named}.`
      : undefined,
    undefined,
    { field: 'barcodes', barcodes: taken.map((t) => t.code) },
  );
}

/** Live barcodes of each product, in the order last given. */
export function barcodesOfProducts(
  em: EntityManager,
  organizationId: string,
  productIds: readonly string[],
): Promise<ProductBarcodeRow[]> {
  return sql<ProductBarcodeRow>(
    em,
    `select b.product_id as "productId", b.code, b.gtin from product_barcode b
      where b.organization_id = ? and b.removed_at is null and b.product_id = any(?::uuid[])
      order by b.product_id, b.ordinal, b.id`,
    [organizationId, productIds],
  );
}

/** The product whose live barcode this code is (any GTIN spelling), or null. */
export async function productIdOfBarcode(
  em: EntityManager,
  organizationId: string,
  code: string,
): Promise<string | null> {
  const trimmed = code.trim();
  if (gtinProblem(trimmed) !== null) return null;
  const rows = await sql<{ productId: string }>(
    em,
    `select b.product_id as "productId" from product_barcode b
      where b.organization_id = ? and b.removed_at is null and b.gtin = ?`,
    [organizationId, gtinKey(trimmed)],
  );
  return rows[0]?.productId ?? null;
}
