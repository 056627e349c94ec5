import { IN_STORAGE_STATUSES, SerialStatus, serialSpellings } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { SerialOrderBy } from '../../common/enums';
import { optionalIdOf } from '../../common/global-id';
import { SERIAL_COLUMNS } from '../../common/loaders';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { toDate } from '../../common/scalars';
import { containsPattern, sql } from '../../common/sql';
import { boundedCount, boundedPartyCount, countFromCounters } from './serial-count';
import type { SerialFilter } from './serial.inputs';
import { badInput } from '../../common/errors';
import { idOf } from '../../common/global-id';
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
  const first = pageSize(args.first);
  const order = ORDER[args.orderBy ?? SerialOrderBy.NUMBER_ASC];
  const after = decodeCursor(args.after, [...order.keys.map((k) => k.cast), 'uuid']);
  const { conditions, params, productId, warehouseId, statuses, exact, withoutParty } = serialFilterWhere(
    ctx.organizationId,
    args.filter ?? {},
  );
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
  const countAll = exact
    ? () => countFromCounters(ctx, { productId, warehouseId, statuses })
    : withoutParty
      ? () => boundedPartyCount(ctx, withoutParty, filter, params)
      : () => boundedCount(ctx, filter, params);
  return toConnection(rows, first, countAll, (r) =>
    encodeCursor([
      ...order.keys.map((k, i) =>
        k.cast === 'timestamptz' ? toDate(r[`sort${i}`]!).toISOString() : r[`sort${i}`],
      ),
      r.id,
    ]),
  );
}

/**
 * The serials report's filter as SQL conditions on `serial s` (placeholders `?`), shared by the
 * report and its CSV export. Only the filters given become conditions, so the planner can use the
 * matching index. `exact` is true when the maintained counters can count the rows.
 */
export function serialFilterWhere(organizationId: string, f: SerialFilter) {
  const statuses: readonly SerialStatus[] | null = f.statuses?.length
    ? f.statuses
    : f.includeOutOfStorage || f.returnableFromShipmentId
      ? null
      : IN_STORAGE_STATUSES;
  const conditions = ['s.organization_id = ?'];
  const params: unknown[] = [organizationId];
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
  const search = containsPattern(f.search);
  if (search) where('(lower(s.number) like ? or lower(s.internal_code) like ?)', search, search);
  const recall = recallConditions(f);
  for (const [condition, ...values] of recall) where(condition, ...values);
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
  // The party condition comes last: a count splits it into its two sides (see countByParty).
  const partyId = optionalIdOf('Party', f.partyId);
  const withoutParty = partyId ? { conditions: [...conditions], params: [...params], partyId } : null;
  if (partyId) where('(s.supplier_id = ? or s.customer_id = ?)', partyId, partyId);
  const exact = !(partyId || search || shipmentId || recall.length > 0);
  return { conditions, params, productId, warehouseId, statuses, exact, withoutParty };
}

/**
 * The filters a recall narrows units by ("recall only affected items"): receipts, supplier,
 * customer, a window of receipt dates and a range of numbers. Each is a condition with its values.
 */
function recallConditions(f: SerialFilter): [string, ...unknown[]][] {
  const conditions: [string, ...unknown[]][] = [];
  const supplierId = optionalIdOf('Party', f.supplierId, 'supplierId');
  if (supplierId) conditions.push(['s.supplier_id = ?', supplierId]);
  const customerId = optionalIdOf('Party', f.customerId, 'customerId');
  if (customerId) conditions.push(['s.customer_id = ?', customerId]);
  if (f.receivedInDocumentIds) {
    if (f.receivedInDocumentIds.length === 0) throw badInput('receivedInDocumentIds cannot be empty.');
    const ids = f.receivedInDocumentIds.map((id) => idOf('Document', id, 'receivedInDocumentIds'));
    // Through the receipts' movements (indexed by document), not a scan of every unit's receipt.
    conditions.push([
      `s.id in (select m.serial_id from movement m
                 where m.organization_id = s.organization_id and m.document_id = any(?::uuid[]) and m.type = 'RECEIVED')`,
      `{${ids.join(',')}}`,
    ]);
  }
  if (f.receivedFrom && f.receivedBefore && f.receivedFrom >= f.receivedBefore)
    throw badInput('receivedFrom must be before receivedBefore.');
  if (f.receivedFrom) conditions.push(['s.received_at >= ?::timestamptz', f.receivedFrom.toISOString()]);
  if (f.receivedBefore) conditions.push(['s.received_at < ?::timestamptz', f.receivedBefore.toISOString()]);
  const from = f.numberFrom?.trim().toLowerCase() || null;
  const to = f.numberTo?.trim().toLowerCase() || null;
  if (from && to && from > to) throw badInput('numberFrom must not come after numberTo.');
  if (from) conditions.push(['lower(s.number) >= ?', from]);
  if (to) conditions.push(['lower(s.number) <= ?', to]);
  return conditions;
}

/**
 * A recall's filter: at least one recall criterion (a recall of "everything" is a report, not a
 * recall), and units in every status unless statuses are named: the ones shipped are the point.
 */
export function recallFilter(f: SerialFilter): SerialFilter {
  const criteria = [
    f.receivedInDocumentIds,
    f.supplierId,
    f.receivedFrom,
    f.receivedBefore,
    f.numberFrom,
    f.numberTo,
  ];
  if (criteria.every((criterion) => criterion == null || criterion === ''))
    throw badInput(
      'A recall needs at least one of receivedInDocumentIds, supplierId, receivedFrom, receivedBefore, numberFrom or numberTo.',
    );
  return { ...f, includeOutOfStorage: true };
}
