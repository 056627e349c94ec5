import { resolveScanKind, ScanKind } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { productIdOfBarcode } from '../product/product-barcode.service';
import { lookupSerial } from '../serial/serial-query.service';
import type { SerialRow } from '../serial/serial.entity';
import type { Product } from '../product/product.entity';

export interface ScanResult {
  code: string;
  kind: ScanKind;
  product: Product | null;
  ambiguous: boolean;
  serial: SerialRow | null;
  serials: SerialRow[];
}

/** Looks the code up as a product barcode and as a serial, then applies the domain's scan rule. */
export async function resolveScan(
  ctx: RequestContext,
  rawCode: string,
  contextProductId: string | null,
): Promise<ScanResult> {
  const code = rawCode.trim();
  const [barcodeProductId, units] = await Promise.all([
    productIdOfBarcode(ctx.em, ctx.organizationId, code),
    code ? lookupSerial(ctx, code) : Promise.resolve([]),
  ]);
  const serials = [
    ...units.filter((s) => s.productId === contextProductId),
    ...units.filter((s) => s.productId !== contextProductId),
  ];
  const kind = resolveScanKind({
    barcodeProductId,
    serialProductIds: serials.map((s) => s.productId),
    contextProductId,
  });
  const ofContext = serials.find((s) => s.productId === contextProductId);
  const serial = kind === ScanKind.SERIAL ? (ofContext ?? (serials.length === 1 ? serials[0]! : null)) : null;
  return {
    code,
    kind,
    product: barcodeProductId ? await ctx.loaders.product.load(barcodeProductId) : null,
    ambiguous: barcodeProductId !== null && serials.length > 0,
    serial,
    serials,
  };
}
