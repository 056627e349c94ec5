import { DomainError, ErrorCode, type PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import type { Party } from '../../party/party.entity';
import type { Product } from '../../product/product.entity';
import type { Warehouse } from '../../warehouse/warehouse.entity';

export { requireWarehouse } from '../../warehouse/warehouse.service';

/** The party behind an id argument, which must play the role the document needs. */
export async function requireParty(ctx: RequestContext, globalId: string, role: PartyRole): Promise<Party> {
  const what = role === 'CUSTOMER' ? 'Customer' : 'Supplier';
  const party = await ctx.loaders.party.load(idOf('Party', globalId, what));
  if (!party) throw new DomainError(ErrorCode.NOT_FOUND, `${what} ${globalId} was not found.`);
  if (!party.roles.includes(role))
    throw badInput(`${party.name} is not a ${what.toLowerCase()}; add the ${role} role first.`);
  return party;
}

/** Names of products short of untracked stock, for the refusal message. */
export async function insufficientStock(
  ctx: RequestContext,
  productIds: readonly string[],
  warehouse: Warehouse,
): Promise<DomainError> {
  const products = (await ctx.loaders.product.loadMany([...productIds])) as (Product | null)[];
  const skus = products.map((p) => p?.sku ?? '?');
  return new DomainError(
    ErrorCode.INSUFFICIENT_STOCK,
    `Not enough stock in ${warehouse.code} for: ${skus.join(', ')}.`,
    undefined,
    { skus },
  );
}
