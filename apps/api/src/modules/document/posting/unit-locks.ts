import { LockMode } from '@mikro-orm/core';
import { eachInSlices } from '../../../common/slices';
import { sql, sqlInBatches } from '../../../common/sql';
import { ProductEntity, type Product } from '../../product/product.entity';
import { selectColumns } from '../../../common/columns';
import { SERIAL, SERIAL_COLUMNS, type SerialRow } from '../../serial/serial.entity';
import { UNIT_STATE_KEYS, type UnitState } from './plan';
import type { PostingContext } from './posting-context';

/** A unit locked for posting, with the document line (and the number as typed) that asked for it. */
export type LockedUnit = UnitState & { lineId: string | null; inputNumber: string };

/** The state columns of `serial s`, all a posting of many units reads. */
const UNIT_STATE_COLUMNS = selectColumns(SERIAL, UNIT_STATE_KEYS, 's');

/**
 * Every serial a document names, for `unnest`: its number and (same index) the 1-based position of
 * its line in `lines`. The line's product and id travel once per line, not once per serial: two
 * arrays of 100,000 identical uuids were 8 MB of parameters to encode on the event loop.
 */
export interface SerialKeys {
  lines: { productId: string; lineId: string }[];
  numbers: string[];
  lineNos: number[];
}

/** The serials of `keys` with their line's product and id (`i.number`, `i.ord`, `l.product_id`, `l.line_id`). */
const NAMED_SERIALS = `unnest(?::text[], ?::int[]) with ordinality as i(number, line_no, ord)
       join unnest(?::uuid[], ?::uuid[]) with ordinality as l(product_id, line_id, no) on l.no = i.line_no`;

function namedSerialsParams(keys: SerialKeys): unknown[] {
  return [keys.numbers, keys.lineNos, keys.lines.map((l) => l.productId), keys.lines.map((l) => l.lineId)];
}

/**
 * Reads the products a posting depends on, FOR SHARE until it commits: switching serial tracking on
 * (which locks the row FOR UPDATE) waits for the posting, or the posting waits and sees the switch.
 */
export async function lockProducts(
  tx: PostingContext,
  ids: readonly string[],
): Promise<Map<string, Product>> {
  const rows = await tx.em.find(
    ProductEntity,
    { id: { $in: [...new Set(ids)] }, organizationId: tx.organizationId },
    { lockMode: LockMode.PESSIMISTIC_READ, disableIdentityMap: true, orderBy: { id: 'asc' } },
  );
  return new Map(rows.map((p) => [p.id, p]));
}

/**
 * Finds and row-locks the units named on the lines (FOR UPDATE, in id order so two documents never
 * deadlock). A concurrent document that moved a unit first makes us wait, then see its new state:
 * the database decides who wins. Units come back in input order; numbers not recorded for their
 * product come back in `missing`.
 */
export async function lockUnitsByNumber(
  tx: PostingContext,
  keys: SerialKeys,
): Promise<{ units: LockedUnit[]; missing: string[] }> {
  if (keys.numbers.length === 0) return { units: [], missing: [] };
  const rows = await sqlInBatches<LockedUnit & { ord: string }>(
    tx.em,
    `select ${UNIT_STATE_COLUMNS}, l.line_id as "lineId", i.number as "inputNumber", i.ord
       from ${NAMED_SERIALS}
       join serial s on s.organization_id = ? and s.product_id = l.product_id and lower(s.number) = lower(i.number)
      order by s.id
        for update of s`,
    [...namedSerialsParams(keys), tx.organizationId],
    keys.numbers.length,
  );
  // Locked in id order (no deadlocks), handed back in input order: refusals and lines list units as entered.
  const byPosition: (LockedUnit | undefined)[] = new Array(keys.numbers.length);
  await eachInSlices(rows, (row) => {
    byPosition[Number(row.ord) - 1] = row;
  });
  const units: LockedUnit[] = [];
  const missing: string[] = [];
  await eachInSlices(byPosition, (unit, i) => {
    if (unit) units.push(unit);
    else missing.push(keys.numbers[i]!);
  });
  return { units, missing };
}

/** Locks units by id (repairs and corrections name one unit by its id). */
export function lockUnitsById(tx: PostingContext, ids: readonly string[]): Promise<SerialRow[]> {
  return sql<SerialRow>(
    tx.em,
    `select ${SERIAL_COLUMNS} from serial s where s.organization_id = ? and s.id = any(?::uuid[])
      order by s.id for update of s`,
    [tx.organizationId, ids],
  );
}

/** Numbers already recorded for their product (case-insensitively), in input order. */
export async function existingNumbers(
  em: PostingContext['em'],
  organizationId: string,
  keys: SerialKeys,
): Promise<string[]> {
  if (keys.numbers.length === 0) return [];
  const rows = await sql<{ number: string }>(
    em,
    `select i.number from ${NAMED_SERIALS}
      where exists (select 1 from serial s where s.organization_id = ? and s.product_id = l.product_id
                      and lower(s.number) = lower(i.number))
      order by i.ord`,
    [...namedSerialsParams(keys), organizationId],
  );
  return rows.map((r) => r.number);
}

/** A unit a shipment sent, locked, with whether it already came back from that shipment. */
export type ShippedUnit = UnitState & { inputNumber: string; returned: boolean };

/**
 * Units the shipment sent whose current number matches, locked, in input order, in one statement.
 * `returned` is read with the statement's snapshot, which may predate a lock it waited for; that is
 * sound because only a return from this shipment writes what `returned` reads, and the caller holds
 * the shipment's row lock (readReferences with lockDocuments): such a return committed before this
 * statement began. Any other posting that moved the unit meanwhile shows in the locked row itself
 * (its status or number, re-read after the wait).
 */
export async function lockShippedUnits(
  tx: PostingContext,
  shipmentId: string,
  numbers: readonly string[],
): Promise<ShippedUnit[]> {
  const rows = await sqlInBatches<ShippedUnit & { ord: string }>(
    tx.em,
    `select ${UNIT_STATE_COLUMNS}, i.number as "inputNumber", i.ord,
            exists (select 1 from movement r join document rd on rd.organization_id = r.organization_id and rd.id = r.document_id
                     where r.serial_id = s.id and r.type = 'RETURNED' and rd.based_on_id = ?) as returned
       from unnest(?::text[]) with ordinality as i(number, ord)
       join serial s on s.organization_id = ? and lower(s.number) = lower(i.number)
      where exists (select 1 from movement m where m.serial_id = s.id and m.document_id = ? and m.type = 'SHIPPED')
      order by s.id
        for update of s`,
    [shipmentId, numbers, tx.organizationId, shipmentId],
    numbers.length,
  );
  // Locked in id order (no deadlocks), handed back in input order.
  const byPosition: (ShippedUnit[] | undefined)[] = new Array(numbers.length);
  await eachInSlices(rows, (row) => {
    (byPosition[Number(row.ord) - 1] ??= []).push(row);
  });
  const units: ShippedUnit[] = [];
  await eachInSlices(byPosition, (found) => {
    if (found) units.push(...found);
  });
  return units;
}

/** The given internal codes (normalized) already on some unit of the organization, case-insensitively, in input order. */
export async function existingInternalCodes(
  em: PostingContext['em'],
  organizationId: string,
  codes: readonly string[],
): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await sql<{ code: string }>(
    em,
    `select i.code from unnest(?::text[]) with ordinality as i(code, ord)
      where exists (select 1 from serial s where s.organization_id = ? and lower(s.internal_code) = lower(i.code))
      order by i.ord`,
    [codes, organizationId],
  );
  return rows.map((r) => r.code);
}
