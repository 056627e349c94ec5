import { foundReason, type FoundReason, type SerialStatus } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { sql, sqlOne } from '../../common/sql';
import { SERIAL_COLUMNS, type SerialRow } from '../serial/serial.entity';
import { isCounted, isFound, isMissing, type RuleSql } from './stock-count-rules';
import type { StockCountRow } from './stock-count.row';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A scanned code in a list: the scan, and the unit it names (null: no unit carries the number). */
export interface ScanItem {
  id: string;
  number: string;
  scannedAt: Date;
  scannedBy: string;
  outcome: string | null;
  sortKey: string;
  serialId: string | null;
  serialStatus: SerialStatus | null;
  serialWarehouseId: string | null;
}

/** A found unit with why it was not expected. */
export type FoundItem = ScanItem & { reason: FoundReason };

const SCAN_SELECT = `x.id, x.number, x.scanned_at as "scannedAt", x.actor as "scannedBy", x.outcome,
  lower(x.number) as "sortKey", x.serial_id as "serialId", s.status as "serialStatus",
  s.warehouse_id as "serialWarehouseId"`;

/** Scans of the count that meet `rule`, a page in number order, with their total. */
function scanPage(ctx: RequestContext, count: StockCountRow, rule: RuleSql, args: PageArgs) {
  const first = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['text', 'uuid']);
  const from = `from stock_count_scan x
    left join serial s on s.organization_id = x.organization_id and s.id = x.serial_id
    where x.organization_id = ? and x.count_id = ? and ${rule.text}`;
  const params = [ctx.organizationId, count.id, ...rule.params];
  return {
    first,
    rows: sql<ScanItem>(
      ctx.em,
      `select ${SCAN_SELECT} ${from} ${cursor ? 'and (lower(x.number), x.id) > (?, ?::uuid)' : ''}
        order by lower(x.number), x.id limit ?`,
      [...params, ...(cursor ?? []), first + 1],
    ),
    total: () => sqlOne<{ n: number }>(ctx.em, `select count(*)::int as n ${from}`, params).then((r) => r!.n),
  };
}

const scanCursor = (r: ScanItem) => encodeCursor([r.sortKey, r.id]);

/** Counted and expected. */
export async function countedList(ctx: RequestContext, count: StockCountRow, args: PageArgs) {
  const page = scanPage(ctx, count, isCounted(count), args);
  return toConnection(await page.rows, page.first, page.total, scanCursor);
}

/** Found but not expected, each with where the system thinks it is (its unit) and why. */
export async function foundList(ctx: RequestContext, count: StockCountRow, args: PageArgs) {
  const page = scanPage(ctx, count, isFound(count), args);
  const rows: FoundItem[] = (await page.rows).map((r) => ({ ...r, reason: reasonOf(count, r) }));
  return toConnection(rows, page.first, page.total, scanCursor);
}

/** Why a found scan was not expected: frozen at the count's end, else from the unit now. */
export function reasonOf(count: StockCountRow, r: ScanItem): FoundReason {
  if (r.outcome && r.outcome !== 'COUNTED') return r.outcome as FoundReason;
  return foundReason(
    r.serialId ? { status: r.serialStatus!, warehouseId: r.serialWarehouseId } : null,
    count.warehouseId,
  );
}

/** Expected but not found: units, a page in number order, with their total. */
export async function missingList(ctx: RequestContext, count: StockCountRow, args: PageArgs) {
  const first = pageSize(args.first);
  const cursor = decodeCursor(args.after, ['text', 'uuid']);
  const rule = isMissing(count);
  const from = `from stock_count_expected e
    join serial s on s.organization_id = e.organization_id and s.id = e.serial_id
    where e.organization_id = ? and e.count_id = ? and ${rule.text}`;
  const params = [ctx.organizationId, count.id, ...rule.params];
  const rows = await sql<SerialRow & { sortKey: string }>(
    ctx.em,
    `select ${SERIAL_COLUMNS}, lower(s.number) as "sortKey" ${from}
       ${cursor ? 'and (lower(s.number), s.id) > (?, ?::uuid)' : ''}
      order by lower(s.number), s.id limit ?`,
    [...params, ...(cursor ?? []), first + 1],
  );
  return toConnection(
    rows,
    first,
    () => sqlOne<{ n: number }>(ctx.em, `select count(*)::int as n ${from}`, params).then((r) => r!.n),
    (r) => encodeCursor([r.sortKey, r.id]),
  );
}

/** How many units the count expected when it started. */
export async function expectedTotal(ctx: RequestContext, count: StockCountRow): Promise<number> {
  const row = await sqlOne<{ n: number }>(
    ctx.em,
    `select count(*)::int as n from stock_count_expected e where e.organization_id = ? and e.count_id = ?`,
    [ctx.organizationId, count.id],
  );
  return row!.n;
}
