import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import type { Warehouse } from './warehouse.entity';
import { CreateWarehouseInput } from './warehouse.inputs';
import { createWarehouse, listWarehouses } from './warehouse.service';
import { WarehouseNode } from './warehouse.type';

@Resolver(() => WarehouseNode)
export class WarehouseResolver {
  @Authorized()
  @Query(() => [WarehouseNode])
  warehouses(@Ctx() ctx: RequestContext) {
    return listWarehouses(ctx);
  }

  @Authorized('admin')
  @Mutation(() => WarehouseNode)
  createWarehouse(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateWarehouseInput) input: CreateWarehouseInput,
  ) {
    return createWarehouse(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() w: Warehouse) {
    return toGlobalId('Warehouse', w.id);
  }
}
