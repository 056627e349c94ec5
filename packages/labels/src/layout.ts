import { encodeBarcode, type BarcodeVector, type Symbology } from './barcode.js';
import { labelsPerPage, SHEET_SPECS, slotOrigin, type SheetName } from './sheets.js';

/** What one label shows. */
export interface LabelUnit {
  serial: string;
  productName: string;
  /** The unit's internal code / asset tag, printed when present. */
  internalCode?: string | null;
  /** Printed as given (the API sends the receipt date, or today for numbers not yet received). */
  date?: string | null;
}

export interface LabelOptions {
  symbology: Symbology;
  sheet: SheetName;
}

export type LabelFont = 'sans' | 'sans-bold' | 'mono';

/** Something drawn on a page; lengths in millimetres from the page's top-left corner. */
export type LabelItem =
  | {
      kind: 'barcode';
      x: number;
      y: number;
      /** Size of the drawn symbol (quiet zone excluded; it is left blank around it). */
      width: number;
      height: number;
      vector: BarcodeVector;
    }
  | {
      kind: 'text';
      x: number;
      /** Alphabetic baseline. */
      y: number;
      size: number;
      font: LabelFont;
      anchor: 'start' | 'middle' | 'end';
      text: string;
    };

export interface LabelPage {
  width: number;
  height: number;
  items: LabelItem[];
}

// Average advance of a character, as a share of the font size: enough to keep text inside the label.
const ADVANCE: Record<LabelFont, number> = { sans: 0.56, 'sans-bold': 0.6, mono: 0.6 };
// A linear barcode's bars grow no wider than this (mm per module), so a short serial stays a barcode.
const MAX_MODULE_MM = 0.5;

/** Lays units out on pages of the sheet, one label per unit, in the order given. */
export function layoutLabels(units: readonly LabelUnit[], options: LabelOptions): LabelPage[] {
  const pages: LabelPage[] = [];
  units.forEach((unit, index) => placeLabel(pages, unit, index, options));
  return pages;
}

/** The same, giving the event loop a turn (`pause`) every `every` labels: barcodes cost milliseconds each. */
export async function layoutLabelsPausing(
  units: readonly LabelUnit[],
  options: LabelOptions,
  pause: () => Promise<void>,
  every = 5,
): Promise<LabelPage[]> {
  const pages: LabelPage[] = [];
  for (let index = 0; index < units.length; index++) {
    if (index > 0 && index % every === 0) await pause();
    placeLabel(pages, units[index]!, index, options);
  }
  return pages;
}

function placeLabel(pages: LabelPage[], unit: LabelUnit, index: number, options: LabelOptions): void {
  const sheet = SHEET_SPECS[options.sheet];
  const slot = index % labelsPerPage(sheet);
  if (slot === 0) pages.push({ width: sheet.page.width, height: sheet.page.height, items: [] });
  const page = pages[pages.length - 1]!;
  const origin = slotOrigin(sheet, slot);
  const box = { x: origin.x, y: origin.y, width: sheet.label.width, height: sheet.label.height };
  page.items.push(...layoutLabel(unit, options.symbology, box));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The items of one label in `box`: a linear code spans the width, a 2D symbol sits left of the text. */
export function layoutLabel(unit: LabelUnit, symbology: Symbology, box: Box): LabelItem[] {
  const vector = encodeBarcode(symbology, unit.serial);
  return symbology === 'code128' ? linearLabel(unit, vector, box) : matrixLabel(unit, vector, box);
}

function linearLabel(unit: LabelUnit, vector: BarcodeVector, box: Box): LabelItem[] {
  const pad = 0.06 * Math.min(box.width, box.height);
  const innerWidth = box.width - 2 * pad;
  const items: LabelItem[] = [];
  const nameSize = box.height * 0.075;
  const nameBaseline = box.y + pad + nameSize * 0.8;
  items.push(
    text(
      box.x + pad,
      nameBaseline,
      nameSize,
      'sans-bold',
      'start',
      fit(unit.productName, innerWidth, nameSize, 'sans-bold'),
    ),
  );

  const small = box.height * 0.06;
  const footerBaseline = box.y + box.height - pad - small * 0.2;
  if (unit.internalCode)
    items.push(
      text(
        box.x + pad,
        footerBaseline,
        small,
        'sans-bold',
        'start',
        fit(unit.internalCode, innerWidth * 0.6, small, 'sans-bold'),
      ),
    );
  if (unit.date) items.push(text(box.x + box.width - pad, footerBaseline, small, 'sans', 'end', unit.date));

  const serialSize = Math.min(box.height * 0.085, innerWidth / (unit.serial.length * ADVANCE.mono));
  const serialBaseline = footerBaseline - small * 1.5;
  items.push(text(box.x + box.width / 2, serialBaseline, serialSize, 'mono', 'middle', unit.serial));

  const top = nameBaseline + nameSize * 0.5;
  const bottom = serialBaseline - serialSize * 0.95;
  const unitMm = Math.min(innerWidth / (vector.width + 2 * vector.quietZone), MAX_MODULE_MM);
  const width = vector.width * unitMm;
  items.push({
    kind: 'barcode',
    x: box.x + (box.width - width) / 2,
    y: top,
    width,
    height: bottom - top,
    vector,
  });
  return items;
}

function matrixLabel(unit: LabelUnit, vector: BarcodeVector, box: Box): LabelItem[] {
  const pad = 0.06 * Math.min(box.width, box.height);
  const side = Math.min(box.height - 2 * pad, (box.width - 2 * pad) * 0.45);
  const unitMm = side / (vector.width + 2 * vector.quietZone);
  const symbol = vector.width * unitMm;
  const items: LabelItem[] = [
    {
      kind: 'barcode',
      x: box.x + pad + vector.quietZone * unitMm,
      y: box.y + (box.height - symbol) / 2,
      width: symbol,
      height: symbol,
      vector,
    },
  ];
  const x = box.x + pad + side + pad * 0.5;
  const width = box.x + box.width - pad - x;
  let baseline = box.y + pad;

  const nameSize = box.height * 0.07;
  for (const line of wrap(unit.productName, width, nameSize, 'sans-bold', 2)) {
    baseline += nameSize * 1.1;
    items.push(text(x, baseline, nameSize, 'sans-bold', 'start', line));
  }
  // The serial is what a person reads back: never cut, broken over up to three lines when long.
  const preferred = box.height * 0.08;
  const perLine = Math.max(1, Math.floor(width / (preferred * ADVANCE.mono)));
  const lines = Math.min(3, Math.ceil(unit.serial.length / perLine));
  const chunk = Math.ceil(unit.serial.length / lines);
  const serialSize = Math.min(preferred, width / (chunk * ADVANCE.mono));
  baseline += serialSize * 0.6;
  for (let i = 0; i < unit.serial.length; i += chunk) {
    baseline += serialSize * 1.15;
    items.push(text(x, baseline, serialSize, 'mono', 'start', unit.serial.slice(i, i + chunk)));
  }
  const small = box.height * 0.06;
  const bottom = box.y + box.height - pad - small * 0.2;
  if (unit.date) items.push(text(x, bottom, small, 'sans', 'start', unit.date));
  if (unit.internalCode)
    items.push(
      text(
        x,
        unit.date ? bottom - small * 1.3 : bottom,
        small,
        'sans-bold',
        'start',
        fit(unit.internalCode, width, small, 'sans-bold'),
      ),
    );
  return items;
}

function text(
  x: number,
  y: number,
  size: number,
  font: LabelFont,
  anchor: 'start' | 'middle' | 'end',
  value: string,
): LabelItem {
  return { kind: 'text', x, y, size, font, anchor, text: value };
}

/** `value`, cut with an ellipsis where it would run past `width`. */
function fit(value: string, width: number, size: number, font: LabelFont): string {
  const max = Math.max(1, Math.floor(width / (size * ADVANCE[font])));
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Words over at most `maxLines` lines of `width`; the last line is cut with an ellipsis. */
function wrap(value: string, width: number, size: number, font: LabelFont, maxLines: number): string[] {
  const max = Math.max(1, Math.floor(width / (size * ADVANCE[font])));
  const lines: string[] = [];
  let rest = value.trim();
  while (rest && lines.length < maxLines - 1 && rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > 0 ? cut : max;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) lines.push(fit(rest, width, size, font));
  return lines;
}
