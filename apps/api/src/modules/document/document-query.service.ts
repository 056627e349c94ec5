import type { RequestContext } from '../../common/context';
import { lookupIdOf, optionalIdOf } from '../../common/global-id';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/pagination';
import { containsPattern, json, sql, sqlOne } from '../../common/sql';
import { DOCUMENT_COLUMNS, type DocumentRow } from './document.entity';
import type { DocumentFilter } from './document.inputs';

export async function findDocumentById(ctx: RequestContext, globalId: string): Promise<DocumentRow | null> {
  const id = lookupIdOf('Document', globalId);
  return id ? ctx.loaders.document.load(id) : null;
}

/** Documents newest (last posted) first, filtered by type, party, warehouse (source or destination), unit, or number/party search. */
export async function listDocuments(
  ctx: RequestContext,
  args: { filter?: DocumentFilter | null; first?: number | null; after?: string | null },
) {
  const f = args.filter ?? {};
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, ['bigint']);
  const types = f.types?.length ? json(f.types) : null;
  const partyId = optionalIdOf('Party', f.partyId);
  const warehouseId = optionalIdOf('Warehouse', f.warehouseId);
  const serialId = optionalIdOf('Serial', f.serialId);
  const search = containsPattern(f.search);
  const where = `d.organization_id = ?
      and (?::jsonb is null or d.type in (select jsonb_array_elements_text(?::jsonb)))
      and (?::uuid is null or d.party_id = ?::uuid)
      and (?::uuid is null or d.warehouse_id = ?::uuid or d.to_warehouse_id = ?::uuid)
      and (?::uuid is null or exists (select 1 from movement m where m.organization_id = d.organization_id and m.document_id = d.id and m.serial_id = ?::uuid))
      and (?::text is null or lower(d.number) like ? or exists (select 1 from party p where p.organization_id = d.organization_id and p.id = d.party_id and lower(p.name) like ?))`;
  const params = [
    ctx.organizationId,
    types,
    types,
    partyId,
    partyId,
    warehouseId,
    warehouseId,
    warehouseId,
    serialId,
    serialId,
    search,
    search,
    search,
  ];
  const rows = await sql<DocumentRow & { ord: string }>(
    ctx.em,
    `select ${DOCUMENT_COLUMNS}, d.ord::text as ord from document d
      where ${where} and (?::bigint is null or d.ord < ?::bigint)
      order by d.ord desc limit ?`,
    [...params, after?.[0] ?? null, after?.[0] ?? null, first + 1],
  );
  const countAll = async () =>
    (await sqlOne<{ n: number }>(ctx.em, `select count(*)::int as n from document d where ${where}`, params))!
      .n;
  return toConnection(rows, first, countAll, (r) => encodeCursor([r.ord]));
}
