import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
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

export interface DecodedPdf {
  /** Each page's size in millimetres, the barcodes found on it and its text, item by item. */
  pages: { width: number; height: number; barcodes: Decoded[]; texts: string[] }[];
}

/** Renders every page of a PDF (pdf.js on @napi-rs/canvas) at `pixelsPerMm` and decodes its barcodes. */
export async function decodePdf(pdf: Uint8Array, pixelsPerMm = 12): Promise<DecodedPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts/',
  );
  const doc = await getDocument({ data: pdf, standardFontDataUrl: fonts, verbosity: 0 }).promise;
  const pages: DecodedPdf['pages'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , widthPt, heightPt] = page.view as [number, number, number, number];
    const viewport = page.getViewport({ scale: (pixelsPerMm * 25.4) / 72 });
    const factory = doc.canvasFactory as { create(width: number, height: number): unknown };
    const { canvas, context } = factory.create(viewport.width, viewport.height) as {
      canvas: { toBuffer(type: 'image/png'): Uint8Array };
      context: unknown;
    };
    await page.render({ canvas, canvasContext: context, viewport } as never).promise;
    pages.push({
      width: Math.round((widthPt * 25.4) / 72),
      height: Math.round((heightPt * 25.4) / 72),
      barcodes: await decodePng(canvas.toBuffer('image/png')),
      texts: (await page.getTextContent()).items.flatMap((item) => ('str' in item ? [item.str] : [])),
    });
  }
  await doc.destroy();
  return { pages };
}
