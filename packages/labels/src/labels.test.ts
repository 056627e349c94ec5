import { describe, expect, it } from 'vitest';
import {
  encodeBarcode,
  layoutLabels,
  pagesToSvg,
  pageToSvg,
  SHEET_SPECS,
  slotOrigin,
  UnencodableError,
  type LabelItem,
  type LabelUnit,
} from './index.js';

const unit = (serial: string, extra: Partial<LabelUnit> = {}): LabelUnit => ({
  serial,
  productName: 'Handheld terminal',
  date: '2026-11-30',
  ...extra,
});
const barcodes = (items: LabelItem[]) => items.filter((item) => item.kind === 'barcode');
const texts = (items: LabelItem[]) => items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));

describe('sheets', () => {
  it('keeps every A4 slot on the page, inside its stated margins', () => {
    const a4 = SHEET_SPECS.a4;
    const last = slotOrigin(a4, 23);
    expect(last.x + a4.label.width).toBeCloseTo(210 - 7.3, 5);
    expect(last.y + a4.label.height).toBeCloseTo(297 - 12.9, 5);
  });
});

describe('layoutLabels', () => {
  it('puts one label per thermal page and 24 per A4 page, in order', () => {
    const units = Array.from({ length: 25 }, (_, i) => unit(`S-${i}`));
    expect(layoutLabels(units.slice(0, 3), { symbology: 'code128', sheet: 'thermal-58x40' })).toHaveLength(3);
    const pages = layoutLabels(units, { symbology: 'qr', sheet: 'a4' });
    expect(pages.map((p) => barcodes(p.items).length)).toEqual([24, 1]);
    expect(texts(pages[1]!.items)).toContain('S-24');
  });

  it('prints product, serial, internal code and date, and leaves out what is absent', () => {
    for (const symbology of ['code128', 'datamatrix', 'qr'] as const) {
      const [withCode] = layoutLabels([unit('DEVICE-00121', { internalCode: 'TOOL-2026-000045' })], {
        symbology,
        sheet: 'thermal-58x40',
      });
      // A 2D label's narrow text column may wrap the product name over two lines.
      const printed = texts(withCode!.items).join(' ');
      for (const part of ['Handheld terminal', 'DEVICE-00121', 'TOOL-2026-000045', '2026-11-30'])
        expect(printed).toContain(part);
      const [bare] = layoutLabels([{ serial: 'DEVICE-00121', productName: 'Handheld terminal' }], {
        symbology,
        sheet: 'thermal-58x40',
      });
      expect(texts(bare!.items).join(' ')).toBe('Handheld terminal DEVICE-00121');
    }
  });

  it('keeps every barcode inside its label, with room for its quiet zone', () => {
    for (const sheet of ['thermal-58x40', 'a4'] as const)
      for (const symbology of ['code128', 'datamatrix', 'qr'] as const) {
        const spec = SHEET_SPECS[sheet];
        const [page] = layoutLabels([unit('X'.repeat(64))], { symbology, sheet });
        const [code] = barcodes(page!.items) as Extract<LabelItem, { kind: 'barcode' }>[];
        const quiet = (code!.vector.quietZone * code!.width) / code!.vector.width;
        expect(code!.x - quiet).toBeGreaterThanOrEqual(spec.marginLeft);
        expect(code!.x + code!.width + quiet).toBeLessThanOrEqual(spec.marginLeft + spec.label.width);
        expect(code!.y).toBeGreaterThan(spec.marginTop);
        expect(code!.y + code!.height).toBeLessThan(spec.marginTop + spec.label.height);
      }
  });

  it('cuts a long product name with an ellipsis but never the serial', () => {
    const serial = 'LTP-2026-000120-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-abcdefghij';
    const [page] = layoutLabels([unit(serial, { productName: 'A'.repeat(200) })], {
      symbology: 'datamatrix',
      sheet: 'a4',
    });
    const all = texts(page!.items);
    expect(all.some((t) => t.endsWith('…'))).toBe(true);
    expect(all.filter((t) => serial.includes(t)).join('')).toBe(serial);
  });
});

describe('encodeBarcode', () => {
  it('refuses what Code 128 cannot carry, and carries any serial in 2D', () => {
    expect(() => encodeBarcode('code128', 'Zähler-1')).toThrow(UnencodableError);
    expect(encodeBarcode('datamatrix', 'Zähler-1').paths.length).toBeGreaterThan(0);
    expect(encodeBarcode('qr', '設備-0001').paths.length).toBeGreaterThan(0);
  });
});

describe('SVG', () => {
  it('escapes every text, sizes pages in millimetres and stacks them', () => {
    const pages = layoutLabels([unit('A-1', { productName: '<b>&"x\'</b>' }), unit('A-2')], {
      symbology: 'code128',
      sheet: 'thermal-58x40',
    });
    const one = pageToSvg(pages[0]!);
    expect(one).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="58mm" height="40mm"/);
    expect(one).toContain('&#60;b&#62;&#38;&#34;x&#39;&#60;/b&#62;');
    expect(one).not.toContain('<b>');
    expect(pagesToSvg(pages)).toMatch(/width="58mm" height="80mm"/);
  });
});
