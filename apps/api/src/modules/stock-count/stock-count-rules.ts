import { StockCountStatus } from '@serialgraph/domain';
import type { StockCountRow } from './stock-count.row';

/**
 * The count's rule (see packages/domain stock-count.ts) as SQL conditions, for lists that page in the
 * database. `s` is the unit (serial), `x` a scan, `e` an expected row. While the count is open the
 * lists are live; once it ended they read the outcome frozen at its end.
 */
export interface RuleSql {
  text: string;
  params: unknown[];
}

/** The unit is in the count's scope now: IN_STOCK in its warehouse (of its product, when it has one). */
export function inScopeNow(count: StockCountRow): RuleSql {
  return {
    text: `(s.status = 'IN_STOCK' and s.warehouse_id = ? and (?::uuid is null or s.product_id = ?::uuid))`,
    params: [count.warehouseId, count.productId, count.productId],
  };
}

/** Counted and expected: a recorded unit in scope when scanned or now. */
export function isCounted(count: StockCountRow): RuleSql {
  if (count.status !== StockCountStatus.OPEN) return { text: `x.outcome = 'COUNTED'`, params: [] };
  const scope = inScopeNow(count);
  return {
    text: `(x.serial_id is not null and (x.expected_at_scan or ${scope.text}))`,
    params: scope.params,
  };
}

/** Found but not expected: an unknown number, or a unit out of scope when scanned and now. */
export function isFound(count: StockCountRow): RuleSql {
  if (count.status !== StockCountStatus.OPEN)
    return { text: `(x.outcome is not null and x.outcome <> 'COUNTED')`, params: [] };
  const counted = isCounted(count);
  return { text: `(not ${counted.text})`, params: counted.params };
}

/**
 * Missing: expected at start, still in scope now, and not scanned. A scan marks the expected row of
 * the unit it names (`scanned`), so the list needs no join with the scans, whatever the statistics.
 */
export function isMissing(count: StockCountRow): RuleSql {
  if (count.status !== StockCountStatus.OPEN) return { text: `e.missing`, params: [] };
  const scope = inScopeNow(count);
  return { text: `(${scope.text} and not e.scanned)`, params: scope.params };
}
