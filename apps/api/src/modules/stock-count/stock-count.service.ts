import {
  formatStockCountNumber,
  STOCK_COUNT_COUNTER,
  StockCountStatus,
  TrackingMode,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { idOf, optionalIdOf } from '../../common/global-id';
import { newId } from '../../common/ids';
import { LIMITS } from '../../common/input-limits';
import { sql, sqlOne } from '../../common/sql';
import { transactionRetriedOnce } from '../../common/transient';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  notFoundCount,
  notOpen,
  STOCK_COUNT_COLUMNS,
  stockCountIdOf,
  stockCountUuid,
  type StockCountRow,
} from './stock-count.row';

export interface StartStockCountRequest {
  warehouseId: string;
  productId?: string | null;
  note?: string | null;
}

/**
 * Starts a count: numbers it, and snapshots the expected units (IN_STOCK in the warehouse, of the
 * product when given) in the same transaction, so the expected set is what the system held at start.
 */
export async function startStockCount(
  ctx: RequestContext,
  req: StartStockCountRequest,
): Promise<StockCountRow> {
  const warehouseId = idOf('Warehouse', req.warehouseId);
  const productId = optionalIdOf('Product', req.productId, 'Product');
  const note = req.note?.trim() || null;
  if (note && note.length > LIMITS.note)
    throw badInput(`note may be at most ${LIMITS.note} characters.`, { field: 'note', max: LIMITS.note });
  return transactionRetriedOnce(ctx.em, async (em) => {
    const scope = await sqlOne<{ warehouse: string | null; tracking: string | null }>(
      em,
      `select (select id from warehouse where organization_id = ? and id = ?) as warehouse,
              (select tracking_mode from product where organization_id = ? and id = ?::uuid) as tracking`,
      [ctx.organizationId, warehouseId, ctx.organizationId, productId],
    );
    if (!scope?.warehouse) throw notFound(`Warehouse ${req.warehouseId}`);
    if (productId && !scope.tracking) throw notFound(`Product ${req.productId}`);
    if (productId && scope.tracking !== TrackingMode.SERIAL)
      throw badInput(
        'Only serial-tracked products can be counted unit by unit; this product is not tracked.',
        {
          field: 'productId',
        },
      );
    const counter = await sqlOne<{ last: number }>(
      em,
      `insert into document_counter (organization_id, type, last) values (?, ?, 1)
       on conflict (organization_id, type) do update set last = document_counter.last + 1 returning last`,
      [ctx.organizationId, STOCK_COUNT_COUNTER],
    );
    const seq = counter!.last;
    const id = newId();
    const row = await sqlOne<StockCountRow>(
      em,
      `insert into stock_count as c (organization_id, id, seq, number, warehouse_id, product_id, note, status,
              started_by, started_at)
       values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) returning ${STOCK_COUNT_COLUMNS}`,
      [
        ctx.organizationId,
        id,
        seq,
        formatStockCountNumber(seq),
        warehouseId,
        productId,
        note,
        ctx.actor,
        ctx.now?.() ?? new Date(),
      ],
    );
    await sql(
      em,
      `insert into stock_count_expected (organization_id, count_id, serial_id)
       select s.organization_id, ?, s.id from serial s
        where s.organization_id = ? and s.warehouse_id = ? and s.status = 'IN_STOCK'
          and (?::uuid is null or s.product_id = ?::uuid)`,
      [id, ctx.organizationId, warehouseId, productId, productId],
    );
    return row!;
  });
}

/** A count of the caller's organization by id, or null. */
export function findStockCount(ctx: RequestContext, globalId: string): Promise<StockCountRow | null> {
  const id = stockCountUuid(globalId);
  if (!id) return Promise.resolve(null);
  return sqlOne<StockCountRow>(
    ctx.em,
    `select ${STOCK_COUNT_COLUMNS} from stock_count c where c.organization_id = ? and c.id = ?`,
    [ctx.organizationId, id],
  ).then((r) => r ?? null);
}

/** The organization's counts, newest first, optionally of one status. */
export function listStockCounts(
  ctx: RequestContext,
  status: StockCountStatus | null | undefined,
  first: number,
): Promise<StockCountRow[]> {
  return sql<StockCountRow>(
    ctx.em,
    `select ${STOCK_COUNT_COLUMNS} from stock_count c where c.organization_id = ? and (?::text is null or c.status = ?)
      order by c.seq desc limit ?`,
    [ctx.organizationId, status ?? null, status ?? null, first],
  );
}

/**
 * The count, locked inside the caller's transaction: FOR SHARE by scans (many at once), FOR UPDATE by
 * close and cancel, so a close waits for the scans in flight and no scan lands after it.
 */
export async function lockCount(
  em: EntityManager,
  organizationId: string,
  globalId: string,
  mode: 'share' | 'update',
): Promise<StockCountRow> {
  const row = await sqlOne<StockCountRow>(
    em,
    `select ${STOCK_COUNT_COLUMNS} from stock_count c where c.organization_id = ? and c.id = ? for ${mode}`,
    [organizationId, stockCountIdOf(globalId)],
  );
  if (!row) throw notFoundCount(globalId);
  return row;
}

/** Marks the locked, open count as ended. */
export async function endCount(
  em: EntityManager,
  ctx: RequestContext,
  count: StockCountRow,
  status: StockCountStatus,
  fixesPosted: boolean,
): Promise<StockCountRow> {
  const row = await sqlOne<StockCountRow>(
    em,
    `update stock_count c set status = ?, ended_by = ?, ended_at = ?, fixes_posted = ?
      where c.organization_id = ? and c.id = ? and c.status = 'OPEN' returning ${STOCK_COUNT_COLUMNS}`,
    [status, ctx.actor, ctx.now?.() ?? new Date(), fixesPosted, ctx.organizationId, count.id],
  );
  if (!row) throw notOpen(count);
  return row;
}
