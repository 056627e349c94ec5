import { newId } from '../../common/ids';
import type { PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput } from '../../common/errors';
import { containsPattern, sql } from '../../common/sql';
import { PartyEntity, type Party } from './party.entity';
import type { CreatePartyInput } from './party.inputs';

export async function createParty(ctx: RequestContext, input: CreatePartyInput): Promise<Party> {
  const name = input.name.trim();
  if (!name) throw badInput('name cannot be blank.');
  const party = ctx.em.create(PartyEntity, {
    id: newId(),
    organizationId: ctx.organizationId,
    name,
    roles: [...new Set(input.roles)],
    createdAt: new Date(),
  });
  await ctx.em.flush();
  return party;
}

/** Parties by name, optionally of one role and matching a case-insensitive substring. */
export function listParties(
  ctx: RequestContext,
  args: { role?: PartyRole | null; search?: string | null },
): Promise<Party[]> {
  const search = containsPattern(args.search);
  return sql<Party>(
    ctx.em,
    `select id, organization_id as "organizationId", name, roles, created_at as "createdAt" from party
      where organization_id = ? and (?::text is null or ? = any(roles)) and (?::text is null or lower(name) like ?)
      order by lower(name), id limit 500`,
    [ctx.organizationId, args.role ?? null, args.role ?? null, search, search],
  );
}
