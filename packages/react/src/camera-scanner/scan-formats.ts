/**
 * Symbologies the camera reads (names of the Barcode Detection API): serial labels (Code 128,
 * DataMatrix, QR) and product barcodes (EAN-13, EAN-8, UPC-A, UPC-E).
 */
export const SCAN_FORMATS = [
  'code_128',
  'data_matrix',
  'qr_code',
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
] as const;

export type ScanFormat = (typeof SCAN_FORMATS)[number];
