import { newId } from '../../common/ids';
import { LockMode } from '@mikro-orm/core';
import {
  assertOneSerialRule,
  compileSerialFormat,
  DomainError,
  ErrorCode,
  TrackingMode,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { idOf, lookupIdOf } from '../../common/global-id';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { containsPattern, sql, sqlOne } from '../../common/sql';
import { isUniqueViolation } from '../../common/db-errors';
import { entitySelect } from '../../common/entity-columns';
import { checkNumberTemplate } from '../numbering/template-check';
import { ProductEntity, type Product } from './product.entity';
import type { CreateProductInput, UpdateProductInput } from './product.inputs';
import { checkBarcodes, setProductBarcodes } from './product-barcode.service';

const PRODUCT_COLUMNS = entitySelect(ProductEntity, 'p').columns;

export async function createProduct(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
  const sku = input.sku.trim();
  if (!sku) throw badInput('sku cannot be blank.');
  if (input.serialFormat) compileSerialFormat(input.serialFormat);
  assertOneSerialRule(input);
  checkNumberTemplate(input.numberTemplate || null, input.serialFormat || null);
  const barcodes = input.barcodes ? checkBarcodes(input.barcodes) : [];
  try {
    return await ctx.em.transactional(async (em) => {
      const product = em.create(ProductEntity, {
        id: newId(),
        organizationId: ctx.organizationId,
        sku,
        name: input.name.trim(),
        trackingMode: input.trackingMode ?? TrackingMode.NONE,
        serialFormat: input.serialFormat || null,
        serialPreset: input.serialPreset ?? null,
        warrantyMonths: input.warrantyMonths ?? null,
        numberTemplate: input.numberTemplate || null,
        createdAt: new Date(),
      });
      await em.flush();
      if (barcodes.length > 0) await setProductBarcodes(em, ctx.organizationId, product.id, barcodes);
      return product;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'product_sku_uq'))
      throw badInput(`A product with SKU ${sku} already exists.`, { field: 'sku' });
    throw e;
  }
}

/**
 * Tracking can be switched on (only while the product has no untracked stock: those units have no
 * serials), never off. A new serialFormat applies to numbers recorded from now on.
 */
export async function updateProduct(ctx: RequestContext, input: UpdateProductInput): Promise<Product> {
  const id = idOf('Product', input.id);
  return ctx.em.transactional(async (em) => {
    const product = await em.findOne(
      ProductEntity,
      { id, organizationId: ctx.organizationId },
      // FOR UPDATE, waiting for postings that hold the row (LockMode 4 would be SKIP LOCKED: "not found").
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!product) throw notFound(`Product ${input.id}`);
    if (input.trackingMode && input.trackingMode !== product.trackingMode) {
      if (input.trackingMode === TrackingMode.NONE) {
        throw new DomainError(
          ErrorCode.TRACKING_IRREVERSIBLE,
          `Serial tracking of ${product.sku} cannot be switched off.`,
        );
      }
      const stock = await sqlOne<{ n: string }>(
        em,
        `select coalesce(sum(quantity), 0) as n from stock_level where organization_id = ? and product_id = ?`,
        [ctx.organizationId, id],
      );
      if (Number(stock?.n) > 0) {
        throw new DomainError(
          ErrorCode.TRACKING_IRREVERSIBLE,
          `${product.sku} has ${stock!.n} untracked unit(s) in stock; ship, write off or transfer them out before switching serial tracking on.`,
        );
      }
      product.trackingMode = input.trackingMode;
    }
    if (input.name != null) product.name = input.name.trim();
    if (input.serialFormat !== undefined) {
      if (input.serialFormat) compileSerialFormat(input.serialFormat);
      product.serialFormat = input.serialFormat || null;
    }
    if (input.serialPreset !== undefined) product.serialPreset = input.serialPreset ?? null;
    // A new preset applies to numbers recorded from now on, like a new pattern.
    assertOneSerialRule(product);
    if (input.warrantyMonths !== undefined) product.warrantyMonths = input.warrantyMonths ?? null;
    if (input.barcodes != null) {
      await setProductBarcodes(em, ctx.organizationId, id, checkBarcodes(input.barcodes));
    }
    if (input.numberTemplate !== undefined) product.numberTemplate = input.numberTemplate || null;
    // The template and the format are checked together, whichever of them changed.
    if (input.numberTemplate !== undefined || input.serialFormat !== undefined)
      checkNumberTemplate(product.numberTemplate, product.serialFormat);
    await em.flush();
    return product;
  });
}

export async function findProduct(
  ctx: RequestContext,
  args: { id?: string | null; sku?: string | null },
): Promise<Product | null> {
  if (args.id) {
    const id = lookupIdOf('Product', args.id);
    return id ? ctx.loaders.product.load(id) : null;
  }
  if (args.sku) {
    return (
      (await sqlOne<Product>(
        ctx.em,
        `select ${PRODUCT_COLUMNS} from product p where p.organization_id = ? and lower(p.sku) = lower(?)`,
        [ctx.organizationId, args.sku.trim()],
      )) ?? null
    );
  }
  throw badInput('Give a product id or sku.');
}

/** Products ordered by SKU, optionally filtered by a case-insensitive substring of SKU or name. */
export async function listProducts(
  ctx: RequestContext,
  args: { search?: string | null; first?: number | null; after?: string | null },
) {
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, ['text', 'uuid']);
  const search = containsPattern(args.search);
  const where = `p.organization_id = ? and (?::text is null or lower(p.sku) like ? or lower(p.name) like ?)`;
  const params = [ctx.organizationId, search, search, search];
  const rows = await sql<Product & { sortKey: string }>(
    ctx.em,
    `select ${PRODUCT_COLUMNS}, lower(p.sku) as "sortKey" from product p
      where ${where} and (?::text is null or (lower(p.sku), p.id) > (?, ?::uuid))
      order by lower(p.sku), p.id limit ?`,
    [...params, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, first + 1],
  );
  const countAll = async () =>
    (await sqlOne<{ n: number }>(ctx.em, `select count(*)::int as n from product p where ${where}`, params))!
      .n;
  return toConnection(rows, first, countAll, (r) => encodeCursor([r.sortKey, r.id]));
}

/** Units in storage and available: IN_STOCK serials, or the untracked quantity (batched per request). */
export function productStock(
  ctx: RequestContext,
  product: Product,
  warehouseId: string | null,
): Promise<number> {
  return ctx.loaders.stock.load({ product, warehouseId });
}
