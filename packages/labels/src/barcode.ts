import { code128, datamatrix, drawingSVG, qrcode } from 'bwip-js/generic';

/** The barcodes a label can carry. */
export const SYMBOLOGIES = ['code128', 'datamatrix', 'qr'] as const;
export type Symbology = (typeof SYMBOLOGIES)[number];

export function isSymbology(value: unknown): value is Symbology {
  return typeof value === 'string' && (SYMBOLOGIES as readonly string[]).includes(value);
}

/** One path of a barcode, in bwip-js units (a module is 1 wide in Code 128, 2 in 2D symbols): bars are stroked vertical lines, 2D symbols filled areas. */
export interface BarcodePath {
  d: string;
  /** Stroke width in modules (linear symbols); absent for a filled path. */
  strokeWidth?: number;
}

/** A barcode as vector paths in bwip-js units, without quiet zone: drawn the same in SVG and PDF. */
export interface BarcodeVector {
  symbology: Symbology;
  /** Width and height (for Code 128 the height is nominal: the layout stretches it). */
  width: number;
  height: number;
  /** Quiet zone each side that the symbology asks for, in the same units as width. */
  quietZone: number;
  paths: BarcodePath[];
}

/** A serial that a symbology cannot carry (Code 128 takes printable ASCII only). */
export class UnencodableError extends Error {
  constructor(
    readonly symbology: Symbology,
    readonly text: string,
  ) {
    super(`${text} cannot be encoded as ${symbology}`);
    this.name = 'UnencodableError';
  }
}

const ENCODERS = { code128, datamatrix, qr: qrcode } as const;
// Quiet zone in bwip-js units at scale 1: 10 modules for Code 128, 1 for Data Matrix, 4 for QR
// (bwip-js draws a 2D module 2 units wide).
const QUIET_ZONE: Record<Symbology, number> = { code128: 10, datamatrix: 2, qr: 8 };

// bwip-js's SVG drawing writes one element per line: <path [stroke=… stroke-width=…|fill=…] d="…" />.
const VIEW_BOX = /viewBox="0 0 ([\d.]+) ([\d.]+)"/;
const PATH = /<path\b([^>]*?)\/>/g;
const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}="([^"]*)"`);

/**
 * Encodes `text` with bwip-js at one module per unit. 2D symbols are encoded as bytes (UTF-8), so any
 * serial fits; Code 128 refuses anything but printable ASCII with an {@link UnencodableError}.
 */
export function encodeBarcode(symbology: Symbology, text: string): BarcodeVector {
  const encode = ENCODERS[symbology];
  if (symbology === 'code128' && !isPrintableAscii(text)) throw new UnencodableError(symbology, text);
  let svg: string;
  try {
    // `height` (mm) stretches 2D symbols too, so only the linear code gets one; the layout sets the real size.
    const linear = symbology === 'code128';
    svg = encode(
      {
        bcid: symbology === 'qr' ? 'qrcode' : symbology,
        text: utf8Bytes(symbology, text),
        scale: 1,
        ...(linear ? { height: 10 } : { binarytext: true }),
      },
      drawingSVG(),
    );
  } catch {
    throw new UnencodableError(symbology, text);
  }
  const box = VIEW_BOX.exec(svg);
  if (!box) throw new UnencodableError(symbology, text);
  const paths: BarcodePath[] = [];
  for (const match of svg.matchAll(PATH)) {
    const attributes = match[1] ?? '';
    const d = ATTRIBUTE('d').exec(attributes)?.[1];
    if (!d) continue;
    const stroke = ATTRIBUTE('stroke-width').exec(attributes)?.[1];
    paths.push(stroke ? { d, strokeWidth: Number(stroke) } : { d });
  }
  return {
    symbology,
    width: Number(box[1]),
    height: Number(box[2]),
    quietZone: QUIET_ZONE[symbology],
    paths,
  };
}

// Code 128 carries other characters only as bytes that scanners read back differently (UTF-8 as
// Latin-1): such serials go on a 2D symbol instead.
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/** 2D symbols carry the serial's UTF-8 bytes (bwip-js reads one character per byte with `binarytext`). */
function utf8Bytes(symbology: Symbology, text: string): string {
  if (symbology === 'code128') return text;
  // encodeURIComponent writes UTF-8 as %XX escapes (no TextEncoder in a pure ES library).
  return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}
