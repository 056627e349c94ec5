import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { LIMITS } from '../../common/input-limits';
import { OptionalText } from '../../common/validation';
import { optionalIdOf, toGlobalId } from '../../common/global-id';
import type { Product } from './product.entity';
import { BARCODES_DESCRIPTION, CreateProductInput, UpdateProductInput } from './product.inputs';
import { createProduct, findProduct, listProducts, productStock, updateProduct } from './product.service';
import { ProductConnection, ProductNode } from './product.type';

@ArgsType()
class ProductsArgs {
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.search) search?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => ProductNode)
export class ProductResolver {
  @Authorized()
  @Query(() => ProductNode, { nullable: true })
  product(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('sku', () => String, { nullable: true }) sku?: string,
  ) {
    return findProduct(ctx, { id, sku });
  }

  @Authorized()
  @Query(() => ProductConnection)
  products(@Ctx() ctx: RequestContext, @Args(() => ProductsArgs) args: ProductsArgs) {
    return listProducts(ctx, args);
  }

  @Authorized('admin')
  @Mutation(() => ProductNode)
  createProduct(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateProductInput) input: CreateProductInput,
  ) {
    return createProduct(ctx, input);
  }

  @Authorized('admin')
  @Mutation(() => ProductNode)
  updateProduct(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
  ) {
    return updateProduct(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() p: Product) {
    return toGlobalId('Product', p.id);
  }

  @FieldResolver(() => [String], { description: BARCODES_DESCRIPTION })
  async barcodes(@Root() p: Product, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await ctx.loaders.barcodesByProduct.load(p.id)).map((b) => b.code);
  }

  @FieldResolver(() => Int, {
    description: 'Units in storage and available (serial products: IN_STOCK serials).',
  })
  stock(
    @Root() p: Product,
    @Ctx() ctx: RequestContext,
    @Arg('warehouseId', () => ID, { nullable: true }) warehouseId?: string,
  ) {
    return productStock(ctx, p, optionalIdOf('Warehouse', warehouseId));
  }
}
