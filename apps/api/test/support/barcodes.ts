import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;

/** zxing-wasm's reader from node_modules (by default it would fetch its .wasm from a CDN). */
function prepareReader(): Promise<unknown> {
  ready ??= (async () => {
    const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasm = await readFile(path);
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

export interface Decoded {
  format: string;
  text: string;
}

/** Every barcode zxing finds in a PNG. */
export async function decodePng(png: Uint8Array): Promise<Decoded[]> {
  await prepareReader();
  const found = await readBarcodes(png, { formats: [], maxNumberOfSymbols: 255, tryHarder: true });
  return found.filter((b) => b.isValid).map((b) => ({ format: b.format, text: b.text }));
}

/** Rasterizes an SVG (resvg) at `pixelsPerMm` and decodes every barcode in it. */
export async function decodeSvg(svg: string, pixelsPerMm = 12): Promise<Decoded[]> {
  const widthMm = Number(/<svg[^>]*\bwidth="([\d.]+)mm"/.exec(svg)?.[1]);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round(widthMm * pixelsPerMm) } })
    .render()
    .asPng();
  return decodePng(png);
}

/** The texts found, sorted (a sheet's barcodes are found in no particular order). */
export const sortedTexts = (found: Decoded[]) => found.map((b) => b.text).sort();
