import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePdf, decodeSvg, sortedTexts } from './support/barcodes';
import { ok, range, receive, seedWorld, serialByNumber, type World } from './support/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
let w: World;
let receiptId: string;
const RECEIVED = range('device-', 201, 204);

beforeAll(async () => {
  s = await startTestServer();
  w = await seedWorld(s);
  receiptId = ok(await receive(s, w, RECEIVED)).receiveStock.id;
});
afterAll(() => s?.close());

/** GET /labels with the query, as `key` (the admin's by default). */
function labels(
  server: TestServer,
  query: Record<string, string | string[]>,
  key: string | null = server.keys.admin,
) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return fetch(`${server.url}/labels?${params}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

const sorted = (values: string[]) => [...values].sort();

describe('GET /labels as SVG', () => {
  it("prints a receipt's units as Code 128 on thermal labels that scan back to their serials", async () => {
    const res = await labels(s, { documentId: receiptId, symbology: 'code128', sheet: 'thermal-58x40' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const svg = await res.text();
    // Four 58 × 40 mm labels, one below the other.
    expect(svg).toMatch(/^<svg [^>]*width="58mm" height="160mm"/);
    const found = await decodeSvg(svg);
    expect(found.every((b) => b.format === 'Code128')).toBe(true);
    expect(sortedTexts(found)).toEqual(sorted(RECEIVED));
    expect(svg).toContain('Handheld terminal');
  });

  for (const [symbology, format] of [
    ['datamatrix', 'DataMatrix'],
    ['qr', 'QRCode'],
  ] as const) {
    it(`prints chosen units as ${symbology} on an A4 sheet of 3 × 8 labels`, async () => {
      const chosen = await Promise.all(['DEVICE-00202', 'DEVICE-00204'].map((n) => serialByNumber(s, n)));
      const res = await labels(s, { serialIds: chosen.map((u) => u.id).join(','), symbology, sheet: 'a4' });
      expect(res.status).toBe(200);
      const svg = await res.text();
      expect(svg).toMatch(/^<svg [^>]*width="210mm" height="297mm"/);
      const found = await decodeSvg(svg, 8);
      expect(found.every((b) => b.format === format)).toBe(true);
      expect(sortedTexts(found)).toEqual(['device-00202', 'device-00204']);
    });
  }

  it('prints numbers of a product that are not received yet (e.g. just reserved), any text in 2D', async () => {
    const numbers = ['TOOL-2026-000045', 'Zähler-ß-0001', 'X'.repeat(64)];
    const res = await labels(s, { productId: w.terminal.id, numbers, symbology: 'qr' });
    expect(res.status).toBe(200);
    const found = await decodeSvg(await res.text());
    expect(sortedTexts(found)).toEqual(sorted(numbers));
    expect(await s.sql(`select 1 from serial where number = 'TOOL-2026-000045'`)).toEqual([]);
  });

  it('accepts the same parameters as a JSON POST, for lists too long for a URL', async () => {
    const res = await fetch(`${s.url}/labels`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.keys.viewer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ productId: w.terminal.id, numbers: ['A,1', 'B-2'], symbology: 'datamatrix' }),
    });
    expect(res.status).toBe(200);
    expect(sortedTexts(await decodeSvg(await res.text()))).toEqual(['A,1', 'B-2']);
  });
});

describe('GET /labels as PDF', () => {
  it('prints one 58 × 40 mm page per unit whose barcode scans back to its serial', async () => {
    const res = await labels(s, { documentId: receiptId, symbology: 'code128', format: 'pdf' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pages } = await decodePdf(pdf);
    expect(pages.map((p) => [p.width, p.height])).toEqual(RECEIVED.map(() => [58, 40]));
    expect(pages.map((p) => p.barcodes.map((b) => `${b.format}:${b.text}`))).toEqual(
      RECEIVED.map((serial) => [`Code128:${serial}`]),
    );
  });

  it('prints an A4 page per 24 labels, DataMatrix', async () => {
    const numbers = Array.from({ length: 25 }, (_, i) => `TOOL-2026-${String(i + 1).padStart(6, '0')}`);
    const res = await labels(s, {
      productId: w.terminal.id,
      numbers,
      symbology: 'datamatrix',
      sheet: 'a4',
      format: 'pdf',
    });
    expect(res.status).toBe(200);
    const { pages } = await decodePdf(new Uint8Array(await res.arrayBuffer()), 8);
    expect(pages.map((p) => [p.width, p.height, p.barcodes.length])).toEqual([
      [210, 297, 24],
      [210, 297, 1],
    ]);
    expect(pages.flatMap((p) => p.barcodes).every((b) => b.format === 'DataMatrix')).toBe(true);
    expect(sortedTexts(pages.flatMap((p) => p.barcodes))).toEqual(numbers);
  });
});

describe('label text beyond Latin', () => {
  it('draws a Cyrillic and Greek product name in an embedded font; Latin-only labels embed none', async () => {
    const product = ok(
      await s.gql(
        `mutation { createProduct(input: { sku: "TRM-RU", name: "Терминал Ωμέγα", trackingMode: SERIAL }) { id } }`,
      ),
    ).createProduct;
    const unicode = await labels(s, { productId: product.id, numbers: 'RU-0001', format: 'pdf' });
    expect(unicode.status).toBe(200);
    const pdf = Buffer.from(await unicode.arrayBuffer());
    // (pdf.js takes the bytes it is given: it gets a copy.)
    expect(pdf.includes('/FontFile2')).toBe(true);
    const { pages } = await decodePdf(new Uint8Array(pdf));
    expect(pages[0]!.texts).toContain('Терминал Ωμέγα');
    expect(pages[0]!.barcodes.map((b) => b.text)).toEqual(['RU-0001']);

    const latin = await labels(s, { productId: w.terminal.id, numbers: 'LAT-0001', format: 'pdf' });
    const latinPdf = Buffer.from(await latin.arrayBuffer());
    expect(latinPdf.includes('/FontFile2')).toBe(false);
    expect((await decodePdf(new Uint8Array(latinPdf))).pages[0]!.texts).toContain('Handheld terminal');
  });
});

describe('organizations', () => {
  it("never prints another organization's units: its ids are not found", async () => {
    const other = await s.newOrganization('labels-other');
    const unit = await serialByNumber(s, 'DEVICE-00201');
    const asked: Record<string, string>[] = [
      { documentId: receiptId },
      { serialIds: unit.id },
      { productId: w.terminal.id, numbers: 'ANY-1' },
    ];
    for (const query of asked) {
      const res = await labels(s, query, other);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
      expect(JSON.stringify(body)).not.toMatch(/device-00201|Handheld/i);
    }
  });
});
