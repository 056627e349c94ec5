import type { SerialStatus } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { sql, sqlOne } from '../../common/sql';

/** Above this many matching units, a count the counters cannot answer is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * Exact count from the `serial_count` counters (kept by triggers on every write of `serial`): a sum
 * over at most products × warehouses × statuses rows of the organization, whatever its ledger size.
 * Answers filters by product, warehouse and status only.
 */
export async function countFromCounters(
  ctx: RequestContext,
  f: { productId: string | null; warehouseId: string | null; statuses: readonly SerialStatus[] | null },
): Promise<number> {
  const conditions = ['c.organization_id = ?'];
  const params: unknown[] = [ctx.organizationId];
  if (f.productId) {
    conditions.push('c.product_id = ?');
    params.push(f.productId);
  }
  if (f.warehouseId) {
    conditions.push('c.warehouse_id = ?');
    params.push(f.warehouseId);
  }
  if (f.statuses) {
    conditions.push(`c.status in (select jsonb_array_elements_text(?::jsonb))`);
    params.push(JSON.stringify(f.statuses));
  }
  const row = await sqlOne<{ n: number }>(
    ctx.em,
    `select coalesce(sum(c.n), 0)::int as n from serial_count c where ${conditions.join(' and ')}`,
    params,
  );
  return row!.n;
}

/**
 * Exact up to EXACT_COUNT_LIMIT matching units (counting stops there); beyond, PostgreSQL's row
 * estimate for the filter (never below the limit + 1), so a broad search never counts a million rows.
 */
export async function boundedCount(ctx: RequestContext, where: string, params: unknown[]): Promise<number> {
  const row = await sqlOne<{ n: number }>(
    ctx.em,
    `select count(*)::int as n from (select 1 from serial s where ${where} limit ${EXACT_COUNT_LIMIT + 1}) m`,
    params,
  );
  return row!.n <= EXACT_COUNT_LIMIT ? row!.n : estimatedCount(ctx, where, params);
}

/**
 * {@link boundedCount} of a filter by party (supplier or customer): the same answer, counted as two
 * disjoint sides (the party as customer; as supplier of a unit it is not the customer of), each an
 * index-only range of `serial_customer` / `serial_supplier` (party, organization, status[, customer]).
 * The `or` of the two sides scans a bitmap of every unit of the party and visits the rows, which
 * grew with the ledger (11 ms at 1,000,000 units against 4 at 10,000). `where`/`params` are the
 * whole filter (for the estimate), `common` the filter without its party condition.
 */
export async function boundedPartyCount(
  ctx: RequestContext,
  common: { conditions: readonly string[]; params: readonly unknown[]; partyId: string },
  where: string,
  params: unknown[],
): Promise<number> {
  const base = common.conditions.join(' and ');
  const bound = EXACT_COUNT_LIMIT + 1;
  const row = await sqlOne<{ n: number }>(
    ctx.em,
    `select count(*)::int as n from (
       (select 1 from serial s where ${base} and s.customer_id = ? limit ${bound})
       union all
       (select 1 from serial s where ${base} and s.supplier_id = ? and (s.customer_id is null or s.customer_id <> ?) limit ${bound})
       limit ${bound}) m`,
    [...common.params, common.partyId, ...common.params, common.partyId, common.partyId],
  );
  return row!.n <= EXACT_COUNT_LIMIT ? row!.n : estimatedCount(ctx, where, params);
}

/** PostgreSQL's row estimate for the filter, never below EXACT_COUNT_LIMIT + 1. */
async function estimatedCount(ctx: RequestContext, where: string, params: unknown[]): Promise<number> {
  const [plan] = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    ctx.em,
    `explain (format json) select 1 from serial s where ${where}`,
    params,
  );
  return Math.max(EXACT_COUNT_LIMIT + 1, Math.round(plan!['QUERY PLAN'][0].Plan['Plan Rows']));
}
