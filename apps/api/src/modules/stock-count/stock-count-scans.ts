import {
  CountScanVerdict,
  gtinKey,
  gtinProblem,
  normalizeSerial,
  serialKey,
  StockCountStatus,
  validateSerialNumber,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput } from '../../common/errors';
import { newId } from '../../common/ids';
import { LIMITS } from '../../common/input-limits';
import { sql } from '../../common/sql';
import { transactionRetriedOnce } from '../../common/transient';
import { notOpen, type StockCountRow } from './stock-count.row';
import { lockCount } from './stock-count.service';

/** The most codes one recordCountScans call takes (as many as one document's serials). */
export const MAX_SCANS_PER_CALL = LIMITS.serialsPerDocument;

/** What became of one code of a scan batch. */
export interface CountScan {
  code: string;
  number: string | null;
  verdict: CountScanVerdict;
  serialId: string | null;
  productId: string | null;
}

export interface ScanAnswer {
  count: StockCountRow;
  scans: CountScan[];
}

/**
 * Records many scanned codes at once. Each is normalised by the domain rules and gets its own
 * verdict: a unit counted, a number nobody recorded (kept as UNKNOWN), a repeat within this count
 * (DUPLICATE: ignored, whoever scanned it first), a product barcode or a malformed code (refused, not
 * kept). The unique index on (count, number) decides between two clerks scanning one unit at once.
 * A retry with the same idempotencyKey answers as the first call did (its codes are not duplicates).
 */
export async function recordCountScans(
  ctx: RequestContext,
  countId: string,
  codes: readonly string[],
  idempotencyKey: string | null,
): Promise<ScanAnswer> {
  if (codes.length > MAX_SCANS_PER_CALL)
    throw badInput(
      `numbers may hold at most ${MAX_SCANS_PER_CALL.toLocaleString('en')} codes per call; send the rest in another call.`,
      { field: 'numbers', max: MAX_SCANS_PER_CALL },
    );
  if (idempotencyKey !== null && (!idempotencyKey.trim() || idempotencyKey.length > LIMITS.idempotencyKey))
    throw badInput(`idempotencyKey must be 1 to ${LIMITS.idempotencyKey} characters and not blank.`, {
      field: 'idempotencyKey',
    });
  return transactionRetriedOnce(ctx.em, async (em) => {
    const count = await lockCount(em, ctx.organizationId, countId, 'share');
    if (count.status !== StockCountStatus.OPEN) throw notOpen(count);
    const scans: CountScan[] = codes.map((code) => ({
      code,
      number: null,
      verdict: CountScanVerdict.INVALID,
      serialId: null,
      productId: null,
    }));
    // First occurrence of each number in the batch; later ones are duplicates.
    const firstOf = new Map<string, CountScan>();
    for (const scan of scans) {
      const number = normalizeSerial(scan.code);
      if (validateSerialNumber(number) !== null) continue;
      scan.number = number;
      const key = serialKey(number);
      if (firstOf.has(key)) scan.verdict = CountScanVerdict.DUPLICATE;
      else firstOf.set(key, scan);
    }
    const keys = [...firstOf.keys()];
    if (keys.length) await recordNew(ctx, em, count, keys, firstOf, idempotencyKey);
    return { count, scans };
  });
}

/** Looks the numbers up, keeps units and unknown numbers, refuses product barcodes; sets each verdict. */
async function recordNew(
  ctx: RequestContext,
  em: RequestContext['em'],
  count: StockCountRow,
  keys: string[],
  firstOf: Map<string, CountScan>,
  idempotencyKey: string | null,
): Promise<void> {
  // The unit each number names: the count's product first, then one in stock here, then the oldest.
  const units = await sql<{ key: string; serialId: string; productId: string }>(
    em,
    `select distinct on (i.key) i.key, s.id as "serialId", s.product_id as "productId"
       from unnest(?::text[]) as i(key)
       join serial s on s.organization_id = ? and lower(s.number) = i.key
      order by i.key, (s.product_id is not distinct from ?::uuid) desc,
               (s.status = 'IN_STOCK' and s.warehouse_id = ?) desc, s.id`,
    [keys, ctx.organizationId, count.productId, count.warehouseId],
  );
  const unitOf = new Map(units.map((u) => [u.key, u]));
  // A code no unit carries but a product's barcode does: the box was scanned, not the unit.
  const barcodeCandidates = keys.filter((k) => !unitOf.has(k) && gtinProblem(k) === null);
  const barcodes = barcodeCandidates.length
    ? await sql<{ gtin: string; productId: string }>(
        em,
        `select b.gtin, b.product_id as "productId" from product_barcode b
          where b.organization_id = ? and b.removed_at is null and b.gtin = any(?::text[])`,
        [ctx.organizationId, barcodeCandidates.map(gtinKey)],
      )
    : [];
  const productOfBarcode = new Map(barcodes.map((b) => [b.gtin, b.productId]));
  const kept: string[] = [];
  for (const key of keys) {
    const scan = firstOf.get(key)!;
    const unit = unitOf.get(key);
    const barcodeProduct = unit ? undefined : productOfBarcode.get(gtinKey(key));
    if (barcodeProduct) {
      scan.verdict = CountScanVerdict.PRODUCT_BARCODE;
      scan.productId = barcodeProduct;
      continue;
    }
    scan.serialId = unit?.serialId ?? null;
    scan.productId = unit?.productId ?? null;
    kept.push(key);
  }
  if (!kept.length) return;
  // One order for every batch: two clerks' batches with the same numbers wait for each other, never deadlock.
  kept.sort();
  const now = ctx.now?.() ?? new Date();
  // Codes this key already recorded (a retry): answered as the first time, not as duplicates.
  const replayed = new Set(
    idempotencyKey
      ? (
          await sql<{ key: string }>(
            em,
            `select lower(x.number) as key from stock_count_scan x
              where x.organization_id = ? and x.count_id = ? and x.idempotency_key = ?`,
            [ctx.organizationId, count.id, idempotencyKey],
          )
        ).map((r) => r.key)
      : [],
  );
  // Whether each unit is in the count's scope at this moment is decided in the same statement; the
  // unique index ignores a number already scanned (by anyone, also at this very moment).
  const inserted = await sql<{ key: string }>(
    em,
    `insert into stock_count_scan (organization_id, id, count_id, number, serial_id, expected_at_scan,
                                   scanned_at, actor, idempotency_key)
     select ?, g.id, ?, g.number, g.serial_id,
            coalesce((select s.status = 'IN_STOCK' and s.warehouse_id = ?
                             and (?::uuid is null or s.product_id = ?::uuid)
                        from serial s where s.organization_id = ? and s.id = g.serial_id), false),
            ?, ?, ?
       from unnest(?::uuid[], ?::text[], ?::uuid[]) as g(id, number, serial_id)
     on conflict (organization_id, count_id, lower(number)) do nothing
     returning lower(number) as key`,
    [
      ctx.organizationId,
      count.id,
      count.warehouseId,
      count.productId,
      count.productId,
      ctx.organizationId,
      now,
      ctx.actor,
      idempotencyKey,
      kept.map(() => newId()),
      kept.map((k) => firstOf.get(k)!.number),
      kept.map((k) => firstOf.get(k)!.serialId),
    ],
  );
  // The expected units these scans name are seen (an array of ids: an index probe each).
  const serialIds = kept.map((k) => firstOf.get(k)!.serialId).filter((id): id is string => id !== null);
  if (serialIds.length)
    await sql(
      em,
      `update stock_count_expected e set scanned = true
        where e.organization_id = ? and e.count_id = ? and e.serial_id = any(?::uuid[]) and not e.scanned`,
      [ctx.organizationId, count.id, serialIds],
    );
  const fresh = new Set(inserted.map((r) => r.key));
  for (const key of kept) {
    const scan = firstOf.get(key)!;
    if (!fresh.has(key) && !replayed.has(key)) scan.verdict = CountScanVerdict.DUPLICATE;
    else scan.verdict = scan.serialId ? CountScanVerdict.COUNTED : CountScanVerdict.UNKNOWN;
  }
}
