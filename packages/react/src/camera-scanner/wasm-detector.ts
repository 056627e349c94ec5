import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { ScanFormat } from './scan-formats';

let prepared = false;

/**
 * The BarcodeDetector polyfill (ZXing in WebAssembly). Its default fetches the wasm from a CDN;
 * warehouses and this project's machines may have none, so the file shipped in our bundle is used.
 */
export function createWasmDetector(formats: readonly ScanFormat[]): BarcodeDetector {
  if (!prepared) {
    prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
      },
    });
    prepared = true;
  }
  return new BarcodeDetector({ formats: [...formats] });
}
