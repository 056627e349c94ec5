import { lazyScreen } from './common/lazy-screen';

// Every screen of the back office, each its own chunk fetched when first opened (or preloaded for
// the address the app starts at: see main.tsx). Libraries only one screen uses (label sheets,
// the camera's reader) travel in that screen's chunk, not in the shell every clerk loads.

export const DocumentScreen = lazyScreen(() => import('./screens/document-screen'), 'DocumentScreen');
export const DocumentsScreen = lazyScreen(() => import('./screens/documents-screen'), 'DocumentsScreen');
export const HoldScreen = lazyScreen(() => import('./screens/hold-screen'), 'HoldScreen');
export const ImportScreen = lazyScreen(() => import('./screens/import-screen'), 'ImportScreen');
export const ProductScreen = lazyScreen(() => import('./screens/products-screen'), 'ProductScreen');
export const ProductsScreen = lazyScreen(() => import('./screens/products-screen'), 'ProductsScreen');
export const ReceiveScreen = lazyScreen(() => import('./screens/receive-screen'), 'ReceiveScreen');
export const RecallScreen = lazyScreen(() => import('./screens/recall-screen'), 'RecallScreen');
export const RepairsScreen = lazyScreen(() => import('./screens/repairs-screen'), 'RepairsScreen');
export const ReturnScreen = lazyScreen(() => import('./screens/return-screen'), 'ReturnScreen');
export const ScanScreen = lazyScreen(() => import('./screens/scan-screen'), 'ScanScreen');
export const SerialScreen = lazyScreen(() => import('./screens/serial-screen'), 'SerialScreen');
export const SerialsReportScreen = lazyScreen(
  () => import('./screens/serials-report-screen'),
  'SerialsReportScreen',
);
export const ShipScreen = lazyScreen(() => import('./screens/ship-screen'), 'ShipScreen');
export const StockCountScreen = lazyScreen(() => import('./screens/stock-count-screen'), 'StockCountScreen');
export const TransferScreen = lazyScreen(() => import('./screens/transfer-screen'), 'TransferScreen');
export const WarrantyPageScreen = lazyScreen(
  () => import('./screens/warranty-page-screen'),
  'WarrantyPageScreen',
);
export const WebhookDeliveriesScreen = lazyScreen(
  () => import('./screens/webhook-deliveries-screen'),
  'WebhookDeliveriesScreen',
);
export const WebhooksScreen = lazyScreen(() => import('./screens/webhooks-screen'), 'WebhooksScreen');
export const WriteOffScreen = lazyScreen(() => import('./screens/write-off-screen'), 'WriteOffScreen');
