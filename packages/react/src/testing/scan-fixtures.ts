import { gtinKey, isValidGtin, resolveScanKind, serialKey } from '@serialgraph/domain';
import { WidgetResolveScanDocument, type WidgetResolveScanQuery } from '../generated/graphql';
import { mockOperation, type MockHandler } from './mock-apollo';

/** A product a fixture barcode belongs to. */
export type BarcodeProduct = NonNullable<WidgetResolveScanQuery['resolveScan']['product']>;

/** Another product with a barcode: scanning it selects that product. */
export const dockingStation: BarcodeProduct = {
  __typename: 'Product',
  id: 'UHJvZHVjdDo5OQ==',
  sku: 'DOCK-1',
  name: 'Docking station',
};
/** Its EAN-13. */
export const dockingStationBarcode = '4006381333931';

/**
 * A mock of `resolveScan` applying the domain's scan rule: `barcodes` maps a code to its product,
 * `serials` maps a recorded number to the product ids it is a serial of.
 */
export function resolveScanHandler(
  barcodes: Record<string, BarcodeProduct>,
  serials: Record<string, string[]> = {},
  delay = 20,
): MockHandler {
  const byGtin = new Map(Object.entries(barcodes).map(([code, product]) => [gtinKey(code), product]));
  const serialProducts = new Map(Object.entries(serials).map(([number, ids]) => [serialKey(number), ids]));
  return mockOperation(WidgetResolveScanDocument, ({ code, productId }) => {
    const product = isValidGtin(code) ? (byGtin.get(gtinKey(code)) ?? null) : null;
    const kind = resolveScanKind({
      barcodeProductId: product?.id ?? null,
      serialProductIds: serialProducts.get(serialKey(code)) ?? [],
      contextProductId: productId == null ? null : String(productId),
    });
    return {
      data: {
        __typename: 'Query' as const,
        resolveScan: { __typename: 'ScanResolution' as const, kind, product },
      },
      delay,
    };
  });
}
