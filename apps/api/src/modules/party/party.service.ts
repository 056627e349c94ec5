import { newId } from '../../common/ids';
import type { PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { containsPattern, sql } from '../../common/sql';
import { PartyEntity, type Party } from './party.entity';
import type { CreatePartyInput, UpdatePartyInput } from './party.inputs';
import { entitySelect } from '../../common/entity-columns';
import { idOf } from '../../common/global-id';
import { LockMode } from '@mikro-orm/core';

export async function createParty(ctx: RequestContext, input: CreatePartyInput): Promise<Party> {
  const name = input.name.trim();
  if (!name) throw badInput('name cannot be blank.');
  const party = ctx.em.create(PartyEntity, {
    id: newId(),
    organizationId: ctx.organizationId,
    name,
    roles: [...new Set(input.roles)],
    email: contact(input.email),
    phone: contact(input.phone),
    address: contact(input.address),
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
    `select ${entitySelect(PartyEntity).columns} from party t
      where t.organization_id = ? and (?::text is null or ? = any(t.roles)) and (?::text is null or lower(t.name) like ?)
      order by lower(t.name), t.id limit 500`,
    [ctx.organizationId, args.role ?? null, args.role ?? null, search, search],
  );
}

/** Blank contact text is no contact. */
function contact(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/** Renames a party or changes its contact data; fields not given stay as they are. */
export async function updateParty(ctx: RequestContext, input: UpdatePartyInput): Promise<Party> {
  const id = idOf('Party', input.id);
  return ctx.em.transactional(async (em) => {
    const party = await em.findOne(
      PartyEntity,
      { id, organizationId: ctx.organizationId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!party) throw notFound(`Party ${input.id}`);
    if (input.name != null) {
      const name = input.name.trim();
      if (!name) throw badInput('name cannot be blank.');
      party.name = name;
    }
    if (input.email !== undefined) party.email = contact(input.email);
    if (input.phone !== undefined) party.phone = contact(input.phone);
    if (input.address !== undefined) party.address = contact(input.address);
    return party;
  });
}
