import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { parseGlobalId, type NodeType } from '../../common/global-id';
import { NodeInterface } from '../../common/node';

const LOADER: Record<NodeType, keyof RequestContext['loaders']> = {
  Product: 'product',
  Warehouse: 'warehouse',
  Party: 'party',
  Serial: 'serial',
  Movement: 'movement',
  Document: 'document',
};

@Resolver()
export class NodeResolver {
  /** Any object by its global id; null when it does not exist in the caller's organization. */
  @Authorized()
  @Query(() => NodeInterface, { nullable: true })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const parsed = parseGlobalId(id);
    if (!parsed) return null;
    const loader = ctx.loaders[LOADER[parsed.type]] as { load(id: string): Promise<object | null> };
    const row = await loader.load(parsed.id);
    return row ? { ...row, __typename: parsed.type } : null;
  }
}
