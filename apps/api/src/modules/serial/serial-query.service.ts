import { IN_STORAGE_STATUSES, type SerialStatus } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { SerialOrderBy } from '../../common/enums';
import { optionalIdOf } from '../../common/global-id';
import { SERIAL_COLUMNS } from '../../common/loaders';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { toDate } from '../../common/scalars';
import { containsPattern, json, sql, sqlOne } from '../../common/sql';
import type { SerialFilter } from './serial.inputs';
import type { SerialRow } from './serial.entity';

/** Every unit whose number is exactly this one (case-insensitively), across products. */
export function lookupSerial(ctx: RequestContext, number: string): Promise<SerialRow[]> {
  return sql<SerialRow>(
    ctx.em,
    `select ${SERIAL_COLUMNS} from serial s where s.organization_id = ? and lower(s.number) = lower(?) order by s.received_at, s.id`,
    [ctx.organizationId, number.trim()],
  );
}

/** Sort keys per order; the unit's id breaks ties, so paging never skips or repeats a row. */
const ORDER: Record<SerialOrderBy, { keys: { expr: string; cast: string }[]; desc: boolean }> = {
  NUMBER_ASC: { keys: [{ expr: 'lower(s.number)', cast: 'text' }], desc: false },
  RECEIVED_AT_ASC: { keys: [{ expr: 's.received_at', cast: 'timestamptz' }, { expr: 'lower(s.number)', cast: 'text' }], desc: false },
  RECEIVED_AT_DESC: { keys: [{ expr: 's.received_at', cast: 'timestamptz' }, { expr: 'lower(s.number)', cast: 'text' }], desc: true },
};

/**
 * The serials report: units in storage unless `includeOutOfStorage` (explicit `statuses` win),
 * filtered by product, warehouse, party (supplier or customer), a substring of the number, or the
 * units a shipment sent that can still come back. Keyset-paged, so deep pages stay fast.
 */
export async function listSerials(
  ctx: RequestContext,
  args: { filter?: SerialFilter | null; orderBy?: SerialOrderBy | null; first?: number | null; after?: string | null },
) {
  const f = args.filter ?? {};
  const first = pageSize(args.first);
  const order = ORDER[args.orderBy ?? SerialOrderBy.NUMBER_ASC];
  const after = decodeCursor(args.after, order.keys.length + 1) as string[] | null;
  const statuses: readonly SerialStatus[] | null = f.statuses?.length
    ? f.statuses
    : f.includeOutOfStorage || f.returnableFromShipmentId
      ? null
      : IN_STORAGE_STATUSES;
  const shipmentId = optionalIdOf('Document', f.returnableFromShipmentId, 'Shipment');
  const partyId = optionalIdOf('Party', f.partyId);
  const where = `s.organization_id = ?
      and (?::uuid is null or s.product_id = ?::uuid)
      and (?::uuid is null or s.warehouse_id = ?::uuid)
      and (?::jsonb is null or s.status in (select jsonb_array_elements_text(?::jsonb)))
      and (?::uuid is null or s.supplier_id = ?::uuid or s.customer_id = ?::uuid)
      and (?::text is null or lower(s.number) like ?)
      and (?::uuid is null or (s.status = 'SHIPPED'
           and exists (select 1 from movement m where m.serial_id = s.id and m.document_id = ?::uuid and m.type = 'SHIPPED')
           and not exists (select 1 from movement r join document rd on rd.id = r.document_id
                            where r.serial_id = s.id and r.type = 'RETURNED' and rd.based_on_id = ?::uuid)))`;
  const productId = optionalIdOf('Product', f.productId);
  const warehouseId = optionalIdOf('Warehouse', f.warehouseId);
  const statusJson = statuses ? json(statuses) : null;
  const search = containsPattern(f.search);
  const params = [
    ctx.organizationId,
    productId, productId,
    warehouseId, warehouseId,
    statusJson, statusJson,
    partyId, partyId, partyId,
    search, search,
    shipmentId, shipmentId, shipmentId,
  ];
  const cmp = order.desc ? '<' : '>';
  const dir = order.desc ? 'desc' : 'asc';
  const sortExprs = [...order.keys.map((k) => k.expr), 's.id'];
  const cursorParams = [...order.keys.map((k) => `?::${k.cast}`), '?::uuid'];
  const sortColumns = order.keys.map((k, i) => `${k.expr} as "sort${i}"`).join(', ');
  const rows = await sql<SerialRow & Record<string, string>>(
    ctx.em,
    `select ${SERIAL_COLUMNS}, ${sortColumns} from serial s
      where ${where} and (?::text is null or (${sortExprs.join(', ')}) ${cmp} (${cursorParams.join(', ')}))
      order by ${sortExprs.map((e) => `${e} ${dir}`).join(', ')} limit ?`,
    [...params, after?.[0] ?? null, ...(after ?? sortExprs.map(() => null)), first + 1],
  );
  const total = await sqlOne<{ n: number }>(ctx.em, `select count(*)::int as n from serial s where ${where}`, params);
  return toConnection(rows, first, total!.n, (r) =>
    encodeCursor([...order.keys.map((k, i) => (k.cast === 'timestamptz' ? toDate(r[`sort${i}`]!).toISOString() : r[`sort${i}`])), r.id]),
  );
}
