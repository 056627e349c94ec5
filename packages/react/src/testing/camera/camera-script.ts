// What the fake camera shows, looping: shared by the video writer (Node) and the tests (browser).
export const CAMERA_SERIAL = 'DEV-00001';
/** The docking station's EAN-13 (testing/scan-fixtures.ts): another product's barcode. */
export const CAMERA_PRODUCT_BARCODE = '4006381333931';

export const CAMERA_SEGMENTS = [
  // Long enough for the camera to start and the wasm reader to load, then many frames of one label.
  { barcode: { bcid: 'code128', text: CAMERA_SERIAL }, seconds: 4 },
  { seconds: 2 },
  { barcode: { bcid: 'ean13', text: CAMERA_PRODUCT_BARCODE }, seconds: 4 },
  { seconds: 6 },
];
