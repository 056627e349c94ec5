import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { optionalIdOf } from '../../common/global-id';
import { onReadReplica } from '../../db/read-replica';
import { resolveScan } from './scan.service';
import { ScanResolution } from './scan.type';

@Resolver(() => ScanResolution)
export class ScanResolver {
  @Authorized()
  @Query(() => ScanResolution, {
    description:
      'What a scanned code means. The rule: inside a line of product `productId`, a code that is a serial of ' +
      'that product is the serial (the unit is picked), even when it is also a product barcode; otherwise a ' +
      'product barcode selects its product (adds a line); otherwise a recorded serial of any product is the ' +
      'serial; else NONE. Serials match case-insensitively; barcodes match any GTIN spelling (UPC-A = EAN-13 with a leading 0).',
  })
  resolveScan(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String) code: string,
    @Arg('productId', () => ID, { nullable: true, description: 'The product of the line being filled.' })
    productId?: string | null,
  ) {
    const contextProductId = optionalIdOf('Product', productId, 'productId');
    return resolveScan({ ...ctx, em: onReadReplica(ctx.em) }, code, contextProductId);
  }
}
