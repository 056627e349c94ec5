import {
  DocumentType,
  DomainError,
  ErrorCode,
  foundFix,
  foundReason,
  foundTransferNote,
  missingWriteOffReason,
  StockCountStatus,
  type FoundReason,
} from '@serialgraph/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { newId } from '../../common/ids';
import { sql } from '../../common/sql';
import { transactionRetriedOnce } from '../../common/transient';
import { roleAllows } from '../auth/auth.service';
import { planMove, type MoveRequest } from '../document/posting/moving.plan';
import { writePlan } from '../document/posting/plan-writer';
import { postingContext } from '../document/posting/posting-context';
import type { CheckedLine } from '../document/posting/stock-lines';
import { lockProducts, type LockedUnit } from '../document/posting/unit-locks';
import { SERIAL_COLUMNS, type SerialRow } from '../serial/serial.entity';
import { isCounted, isMissing } from './stock-count-rules';
import { notOpen, type StockCountRow } from './stock-count.row';
import { endCount, lockCount } from './stock-count.service';

export interface CloseStockCountRequest {
  countId: string;
  postFixes: boolean;
}

/**
 * Closes an open count once: the lists are frozen as they stand, and with `postFixes` the fixes are
 * posted in the same transaction, with the count as their basis (reference = the count's number, a
 * link row per document, the reason on every movement): a write-off of the missing units, and a
 * transfer here from each warehouse where found units are recorded in stock. Found units recorded as
 * shipped, written off, on hold or in repair, and unknown numbers, are left for a person (listed).
 * The count row is locked FOR UPDATE first: of two closes at once, one wins and the other gets
 * STOCK_COUNT_NOT_OPEN. A refusal anywhere rolls everything back.
 */
export async function closeStockCount(
  ctx: RequestContext,
  req: CloseStockCountRequest,
): Promise<StockCountRow> {
  if (req.postFixes && !roleAllows(ctx.role, 'admin'))
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      'Closing a count with postFixes posts write-offs and transfers: it needs an admin key. Close it without fixes, or ask an administrator.',
    );
  return transactionRetriedOnce(ctx.em, async (em) => {
    const count = await lockCount(em, ctx.organizationId, req.countId, 'update');
    if (count.status !== StockCountStatus.OPEN) throw notOpen(count);
    await lockCountedUnits(em, count);
    const { missing, found } = await freezeOutcome(em, count);
    if (req.postFixes) {
      const postedAt = ctx.now?.() ?? new Date();
      const codes = await warehouseCodes(em, count.organizationId);
      const here = { id: count.warehouseId, code: codes.get(count.warehouseId)! };
      let ordinal = 0;
      if (missing.length)
        await postFix(em, ctx, count, { postedAt, ordinal: ++ordinal }, missing, {
          operation: 'WRITE_OFF',
          warehouse: here,
          note: missingWriteOffReason(count.number),
        });
      const toMove = found.filter((f) => foundFix(f.reason) === 'TRANSFER').map((f) => f.unit!);
      for (const [from, units] of groupBy(toMove, (u) => u.warehouseId!))
        await postFix(em, ctx, count, { postedAt, ordinal: ++ordinal }, units, {
          operation: 'TRANSFER',
          warehouse: { id: from, code: codes.get(from)! },
          toWarehouse: here,
          note: foundTransferNote(count.number),
        });
    }
    return endCount(em, ctx, count, StockCountStatus.CLOSED, req.postFixes);
  });
}

/** Cancels an open count: nothing is posted; its lists are frozen as they stood and stay readable. */
export function cancelStockCount(ctx: RequestContext, countId: string): Promise<StockCountRow> {
  return transactionRetriedOnce(ctx.em, async (em) => {
    const count = await lockCount(em, ctx.organizationId, countId, 'update');
    if (count.status !== StockCountStatus.OPEN) throw notOpen(count);
    await freezeOutcome(em, count);
    return endCount(em, ctx, count, StockCountStatus.CANCELLED, false);
  });
}

/** Freezes the three lists as they stand (the count is still OPEN, so the live rules apply). */
async function freezeOutcome(em: EntityManager, count: StockCountRow) {
  const missing = await freezeMissing(em, count);
  const found = await freezeScans(em, count);
  return { missing, found };
}

/** Locks every unit the outcome depends on (expected or scanned), in id order like every posting. */
async function lockCountedUnits(em: EntityManager, count: StockCountRow): Promise<void> {
  await sql(
    em,
    `select s.id from serial s
      where s.organization_id = ? and s.id in (
        select e.serial_id from stock_count_expected e where e.organization_id = ? and e.count_id = ?
        union select x.serial_id from stock_count_scan x where x.organization_id = ? and x.count_id = ?)
      order by s.id for update of s`,
    [count.organizationId, count.organizationId, count.id, count.organizationId, count.id],
  );
}

/** Records which expected units are missing now; returns them. */
async function freezeMissing(em: EntityManager, count: StockCountRow): Promise<SerialRow[]> {
  const rule = isMissing(count);
  await sql(
    em,
    `update stock_count_expected e set missing = ${rule.text}
       from serial s where s.organization_id = e.organization_id and s.id = e.serial_id
        and e.organization_id = ? and e.count_id = ?`,
    [...rule.params, count.organizationId, count.id],
  );
  return sql<SerialRow>(
    em,
    `select ${SERIAL_COLUMNS} from stock_count_expected e
       join serial s on s.organization_id = e.organization_id and s.id = e.serial_id
      where e.organization_id = ? and e.count_id = ? and e.missing order by s.id`,
    [count.organizationId, count.id],
  );
}

interface Found {
  scanId: string;
  unit: SerialRow | null;
  reason: FoundReason;
}

/** Records every scan's outcome (COUNTED, or why it was found but not expected); returns the found ones. */
async function freezeScans(em: EntityManager, count: StockCountRow): Promise<Found[]> {
  const counted = isCounted(count);
  const rows = await sql<SerialRow & { scanId: string; counted: boolean; unitId: string | null }>(
    em,
    `select x.id as "scanId", s.id as "unitId", ${counted.text} as counted, ${SERIAL_COLUMNS}
       from stock_count_scan x left join serial s on s.organization_id = x.organization_id and s.id = x.serial_id
      where x.organization_id = ? and x.count_id = ?`,
    [...counted.params, count.organizationId, count.id],
  );
  const found: Found[] = rows
    .filter((r) => !r.counted)
    .map((r) => {
      const unit = r.unitId ? r : null;
      return { scanId: r.scanId, unit, reason: foundReason(unit, count.warehouseId) };
    });
  const outcomes = new Map(found.map((f) => [f.scanId, f.reason as string]));
  await sql(
    em,
    `update stock_count_scan x set outcome = o.outcome
       from unnest(?::uuid[], ?::text[]) as o(id, outcome)
      where x.organization_id = ? and x.id = o.id`,
    [rows.map((r) => r.scanId), rows.map((r) => outcomes.get(r.scanId) ?? 'COUNTED'), count.organizationId],
  );
  return found;
}

async function warehouseCodes(em: EntityManager, organizationId: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; code: string }>(
    em,
    `select id, code from warehouse where organization_id = ?`,
    [organizationId],
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Posts one fix document through the posting path (plan + writer) and links it to the count. */
async function postFix(
  em: EntityManager,
  ctx: RequestContext,
  count: StockCountRow,
  { postedAt, ordinal }: { postedAt: Date; ordinal: number },
  units: readonly SerialRow[],
  head: Pick<MoveRequest, 'operation' | 'warehouse' | 'toWarehouse' | 'note'>,
): Promise<void> {
  const tx = postingContext(em, ctx, postedAt);
  const products = await lockProducts(
    tx,
    units.map((u) => u.productId),
  );
  const lines: CheckedLine[] = [];
  const locked: LockedUnit[] = [];
  for (const [productId, ofProduct] of groupBy(units, (u) => u.productId)) {
    const lineId = newId();
    lines.push({
      lineId,
      product: products.get(productId)!,
      tracked: true,
      quantity: ofProduct.length,
      serials: ofProduct.map((u) => u.number),
      extras: [],
      unitCost: null,
    });
    for (const u of ofProduct) locked.push({ ...u, lineId, inputNumber: u.number });
  }
  const plan = await planMove(tx, { ...head, reference: count.number, lines, units: locked, missing: [] });
  const type = head.operation === 'WRITE_OFF' ? DocumentType.WRITE_OFF : DocumentType.TRANSFER;
  await writePlan(tx, type, null, plan);
  await sql(
    em,
    `insert into stock_count_document (organization_id, count_id, document_id, ordinal) values (?, ?, ?, ?)`,
    [ctx.organizationId, count.id, tx.documentId, ordinal],
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
