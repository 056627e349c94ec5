import type { ApolloClient } from '@apollo/client';
import { isValidGtin, ScanKind } from '@serialgraph/domain';
import { WidgetResolveScanDocument, type WidgetResolveScanQuery } from '../generated/graphql';

/** The product a scanned barcode selects, as hosts receive it in `onProductScanned`. */
export type ScannedProduct = NonNullable<WidgetResolveScanQuery['resolveScan']['product']>;

/**
 * The product a scanned code selects under the scan rule (the API's `resolveScan`): inside a line
 * of `productId`, a serial of that product stays a serial; otherwise a product barcode selects its
 * product. Null for anything else. Only codes that are GTINs (checked locally, by their check
 * digit) can be barcodes, so ordinary serial scans cost no extra round trip.
 */
export async function productOfScan(
  client: ApolloClient,
  code: string,
  productId: string | undefined,
): Promise<ScannedProduct | null> {
  if (!isValidGtin(code)) return null;
  const { data } = await client.query({
    query: WidgetResolveScanDocument,
    variables: { code, productId: productId ?? null },
    fetchPolicy: 'network-only',
  });
  return data?.resolveScan.kind === ScanKind.PRODUCT ? (data.resolveScan.product ?? null) : null;
}
