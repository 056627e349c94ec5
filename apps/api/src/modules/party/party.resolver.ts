import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PartyRole } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import type { Party } from './party.entity';
import { CreatePartyInput, UpdatePartyInput } from './party.inputs';
import { createParty, listParties, updateParty } from './party.service';
import { PartyNode } from './party.type';

@Resolver(() => PartyNode)
export class PartyResolver {
  @Authorized()
  @Query(() => [PartyNode])
  parties(
    @Ctx() ctx: RequestContext,
    @Arg('role', () => PartyRole, { nullable: true }) role?: PartyRole,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ) {
    return listParties(ctx, { role, search });
  }

  @Authorized('clerk')
  @Mutation(() => PartyNode)
  createParty(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePartyInput) input: CreatePartyInput) {
    return createParty(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => PartyNode)
  updateParty(@Ctx() ctx: RequestContext, @Arg('input', () => UpdatePartyInput) input: UpdatePartyInput) {
    return updateParty(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() p: Party) {
    return toGlobalId('Party', p.id);
  }
}
