import { DomainError, ErrorCode, type PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import type { Party } from '../../party/party.entity';

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
