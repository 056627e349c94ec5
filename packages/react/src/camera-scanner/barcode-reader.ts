import { SCAN_FORMATS, type ScanFormat } from './scan-formats';

/** One code found in a frame. */
export interface DetectedCode {
  rawValue: string;
  format: string;
}

/** Finds barcodes in video frames: the browser's BarcodeDetector, or the WebAssembly fallback. */
export interface BarcodeReader {
  /** 'native' (the browser's own) or 'wasm' (ZXing compiled to WebAssembly, from our own bundle). */
  kind: 'native' | 'wasm';
  detect(source: HTMLVideoElement | HTMLCanvasElement): Promise<DetectedCode[]>;
}

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<DetectedCode[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/**
 * The browser's BarcodeDetector when it reads every wanted format; otherwise the ZXing fallback,
 * loaded on demand (its wasm is served with the app, never from a CDN).
 */
export async function createBarcodeReader(
  formats: readonly ScanFormat[] = SCAN_FORMATS,
  preferNative = true,
): Promise<BarcodeReader> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (preferNative && Native) {
    const supported = await Native.getSupportedFormats().catch(() => [] as string[]);
    if (formats.every((format) => supported.includes(format))) {
      const detector = new Native({ formats: [...formats] });
      return { kind: 'native', detect: (source) => detector.detect(source) };
    }
  }
  const { createWasmDetector } = await import('./wasm-detector');
  const detector = createWasmDetector(formats);
  return { kind: 'wasm', detect: (source) => detector.detect(source) };
}
