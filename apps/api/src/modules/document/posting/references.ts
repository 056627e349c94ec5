import type DataLoader from 'dataloader';
import { DomainError, ErrorCode, type PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { entitySelect, type EntitySelect } from '../../../common/entity-columns';
import { badInput } from '../../../common/errors';
import { idOf, type NodeType } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import { DocumentEntity, type DocumentRow } from '../document.entity';
import { PartyEntity, type Party } from '../../party/party.entity';
import { ProductEntity, type Product } from '../../product/product.entity';
import { WarehouseEntity, type Warehouse } from '../../warehouse/warehouse.entity';
import type { PostingContext } from './posting-context';

export { requireWarehouse } from '../../warehouse/warehouse.service';

/** The party behind an id argument, which must play the role the document needs. */
export async function requireParty(
  ctx: Pick<RequestContext, 'loaders'>,
  globalId: string,
  role: PartyRole,
): Promise<Party> {
  const what = role === 'CUSTOMER' ? 'Customer' : 'Supplier';
  const party = await ctx.loaders.party.load(idOf('Party', globalId, what));
  if (!party) throw new DomainError(ErrorCode.NOT_FOUND, `${what} ${globalId} was not found.`);
  if (!party.roles.includes(role))
    throw badInput(`${party.name} is not a ${what.toLowerCase()}; add the ${role} role first.`);
  return party;
}

/** Global ids a posting depends on (any may be malformed: that is refused where it is required). */
export interface ReferenceIds {
  warehouses?: readonly (string | null | undefined)[];
  parties?: readonly (string | null | undefined)[];
  documents?: readonly (string | null | undefined)[];
  /** Uuids of the products (already decoded by lineProductIds), locked FOR SHARE. */
  products?: readonly string[] | null;
  /**
   * Lock the documents FOR NO KEY UPDATE until commit (a return locks its shipment: returns from one
   * shipment run one after another, so each sees what the previous one took back).
   */
  lockDocuments?: boolean;
}

/**
 * Reads the warehouses (and the documents' warehouses), parties, documents and products a posting
 * names in one statement (one
 * round trip instead of one per table), products FOR SHARE in id order as lockProducts does. The
 * rows prime the transaction's loaders, missing ones as null, so requireWarehouse / requireParty /
 * loaders.document answer from them and refuse exactly as before. Returns the products, or null when
 * none were asked for.
 */
export async function readReferences(
  tx: PostingContext,
  ids: ReferenceIds,
): Promise<Map<string, Product> | null> {
  const warehouses = decoded('Warehouse', ids.warehouses);
  const parties = decoded('Party', ids.parties);
  const documents = decoded('Document', ids.documents);
  const products = ids.products ? [...new Set(ids.products)] : null;
  const select = ({ table, columns }: EntitySelect, lock = '', orId = '') =>
    `(select coalesce(json_agg(x), '[]') from (select ${columns} from ${table} t
       where (t.id = any(?::uuid[])${orId}) and t.organization_id = ? order by t.id${lock}) x)`;
  // A document's own warehouse too (a return goes back to the shipment's warehouse by default).
  const documentWarehouses = ` or t.id in (select warehouse_id from document where id = any(?::uuid[]))`;
  const org = tx.organizationId;
  const row = await sqlOne<Record<'w' | 'p' | 'd' | 'pr', Record<string, unknown>[]>>(
    tx.em,
    `select ${select(entitySelect(WarehouseEntity), '', documentWarehouses)} as w, ${select(entitySelect(PartyEntity))} as p,
            ${select(entitySelect(DocumentEntity), ids.lockDocuments ? ' for no key update of t' : '')} as d,
            ${select(entitySelect(ProductEntity), ' for share of t')} as pr`,
    [warehouses, documents, org, parties, org, documents, org, products ?? [], org],
  );
  prime(
    tx.loaders.warehouse,
    warehouses,
    row!.w.map((r) => withDates<Warehouse>(r, ['createdAt'])),
    true,
  );
  prime(
    tx.loaders.party,
    parties,
    row!.p.map((r) => withDates<Party>(r, ['createdAt'])),
  );
  prime(
    tx.loaders.document,
    documents,
    row!.d.map((r) => withDates<DocumentRow>(r, ['postedAt'])),
  );
  if (!products) return null;
  return new Map(row!.pr.map((r) => withDates<Product>(r, ['createdAt'])).map((p) => [p.id, p]));
}

/** The uuids of the well-formed ids of that type; a malformed one is left to the caller's check. */
function decoded(type: NodeType, globalIds: ReferenceIds['warehouses']): string[] {
  const out = new Set<string>();
  for (const id of globalIds ?? []) {
    if (!id) continue;
    try {
      out.add(idOf(type, id));
    } catch {
      // refused with the caller's wording where the id is required
    }
  }
  return [...out];
}

/** JSON carries timestamps as text: back to the Dates a pg row holds. */
function withDates<T>(row: Record<string, unknown>, keys: readonly string[]): T {
  for (const k of keys) if (typeof row[k] === 'string') row[k] = new Date(row[k]);
  return row as T;
}

function prime<T extends { id: string }>(
  loader: DataLoader<string, T | null>,
  keys: readonly string[],
  rows: readonly T[],
  everyRow = false,
): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const key of keys) loader.prime(key, byId.get(key) ?? null);
  if (everyRow) for (const row of rows) loader.prime(row.id, row);
}
