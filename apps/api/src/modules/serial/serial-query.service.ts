import { IN_STORAGE_STATUSES, SerialStatus, serialSpellings } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { SerialOrderBy } from '../../common/enums';
import { optionalIdOf } from '../../common/global-id';
import { SERIAL_COLUMNS } from '../../common/loaders';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { toDate } from '../../common/scalars';
import { containsPattern, sql } from '../../common/sql';
import { boundedCount, countFromCounters } from './serial-count';
import type { SerialFilter } from './serial.inputs';
import type { SerialRow } from './serial.entity';

/** Every unit whose number or internal code is exactly this one (case-insensitively), across products. */
export function lookupSerial(ctx: RequestContext, number: string): Promise<SerialRow[]> {
  // By serial (also a MAC address typed in another spelling) or by internal code; each arm uses its index.
  return sql<SerialRow>(
    ctx.em,
    `select ${SERIAL_COLUMNS} from serial s
      where s.organization_id = ? and s.id in (
        select id from serial where organization_id = ? and lower(number) = any(?::text[])
        union all
        select id from serial where organization_id = ? and internal_code is not null and lower(internal_code) = lower(?))
      order by s.received_at, s.id`,
    [
      ctx.organizationId,
      ctx.organizationId,
      serialSpellings(number).map((n) => n.toLowerCase()),
      ctx.organizationId,
      number.trim(),
    ],
  );
}

/** Sort keys per order; the unit's id breaks ties, so paging never skips or repeats a row. */
const ORDER: Record<
  SerialOrderBy,
  { keys: { expr: string; cast: 'text' | 'timestamptz' }[]; desc: boolean }
> = {
  NUMBER_ASC: { keys: [{ expr: 'lower(s.number)', cast: 'text' }], desc: false },
  RECEIVED_AT_ASC: {
    keys: [
      { expr: 's.received_at', cast: 'timestamptz' },
      { expr: 'lower(s.number)', cast: 'text' },
    ],
    desc: false,
  },
  RECEIVED_AT_DESC: {
    keys: [
      { expr: 's.received_at', cast: 'timestamptz' },
      { expr: 'lower(s.number)', cast: 'text' },
    ],
    desc: true,
  },
};

/**
 * The serials report: units in storage unless `includeOutOfStorage` (explicit `statuses` win),
 * filtered by product, warehouse, party (supplier or customer), a substring of the number, or the
 * units a shipment sent that can still come back. Keyset-paged, so deep pages stay fast.
 */
export async function listSerials(
  ctx: RequestContext,
  args: {
    filter?: SerialFilter | null;
    orderBy?: SerialOrderBy | null;
    first?: number | null;
    after?: string | null;
  },
) {
  const f = args.filter ?? {};
  const first = pageSize(args.first);
  const order = ORDER[args.orderBy ?? SerialOrderBy.NUMBER_ASC];
  const after = decodeCursor(args.after, [...order.keys.map((k) => k.cast), 'uuid']);
  const statuses: readonly SerialStatus[] | null = f.statuses?.length
    ? f.statuses
    : f.includeOutOfStorage || f.returnableFromShipmentId
      ? null
      : IN_STORAGE_STATUSES;
  // Only the filters given become conditions, so the planner can use the matching index.
  const conditions = ['s.organization_id = ?'];
  const params: unknown[] = [ctx.organizationId];
  const where = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  const productId = optionalIdOf('Product', f.productId);
  if (productId) where('s.product_id = ?', productId);
  const warehouseId = optionalIdOf('Warehouse', f.warehouseId);
  if (warehouseId) where('s.warehouse_id = ?', warehouseId);
  // Statuses are enum-validated by GraphQL, so they can be inlined as constants the planner sees.
  if (statuses) where(`s.status in (${statuses.map((st) => `'${SerialStatus[st]}'`).join(', ')})`);
  const partyId = optionalIdOf('Party', f.partyId);
  if (partyId) where('(s.supplier_id = ? or s.customer_id = ?)', partyId, partyId);
  const search = containsPattern(f.search);
  if (search) where('(lower(s.number) like ? or lower(s.internal_code) like ?)', search, search);
  const shipmentId = optionalIdOf('Document', f.returnableFromShipmentId, 'Shipment');
  if (shipmentId) {
    where(
      `s.status = 'SHIPPED'
       and exists (select 1 from movement m where m.serial_id = s.id and m.document_id = ? and m.type = 'SHIPPED')
       and not exists (select 1 from movement r join document rd on rd.organization_id = r.organization_id and rd.id = r.document_id
                        where r.serial_id = s.id and r.type = 'RETURNED' and rd.based_on_id = ?)`,
      shipmentId,
      shipmentId,
    );
  }
  const filter = conditions.join(' and ');
  const cmp = order.desc ? '<' : '>';
  const dir = order.desc ? 'desc' : 'asc';
  const sortExprs = [...order.keys.map((k) => k.expr), 's.id'];
  const cursorParams = [...order.keys.map((k) => `?::${k.cast}`), '?::uuid'];
  const sortColumns = order.keys.map((k, i) => `${k.expr} as "sort${i}"`).join(', ');
  const afterCondition = after ? ` and (${sortExprs.join(', ')}) ${cmp} (${cursorParams.join(', ')})` : '';
  const rows = await sql<SerialRow & Record<string, string>>(
    ctx.em,
    `select ${SERIAL_COLUMNS}, ${sortColumns} from serial s
      where ${filter}${afterCondition}
      order by ${sortExprs.map((e) => `${e} ${dir}`).join(', ')} limit ?`,
    [...params, ...(after ?? []), first + 1],
  );
  // Filters by product, warehouse and status are counted exactly from the maintained counters.
  const countAll =
    partyId || search || shipmentId
      ? () => boundedCount(ctx, filter, params)
      : () => countFromCounters(ctx, { productId, warehouseId, statuses });
  return toConnection(rows, first, countAll, (r) =>
    encodeCursor([
      ...order.keys.map((k, i) =>
        k.cast === 'timestamptz' ? toDate(r[`sort${i}`]!).toISOString() : r[`sort${i}`],
      ),
      r.id,
    ]),
  );
}
