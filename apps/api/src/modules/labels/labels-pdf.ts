import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { LabelFont, LabelItem, LabelPage } from '@serialgraph/labels';

const POINTS_PER_MM = 72 / 25.4;
// PDF's standard fonts: nothing to embed, the smallest file. They draw Windows-1252 text only.
const FONTS: Record<LabelFont, string> = {
  sans: 'Helvetica',
  'sans-bold': 'Helvetica-Bold',
  mono: 'Courier',
};
// Text they cannot draw (a Cyrillic or Greek product name, say) is set in DejaVu, embedded as a
// subset of the glyphs used. Scripts DejaVu lacks (CJK) show as missing glyphs; right-to-left
// text is drawn in logical order (pdfkit has no bidirectional layout).
const require = createRequire(import.meta.url);
const UNICODE_FONTS: Record<LabelFont, string> = {
  sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'sans-bold': 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
};
/** Windows-1252's characters beyond Latin-1 (0x80–0x9f), which the standard fonts also draw. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Whether the standard fonts can draw every character of `text`. */
export function standardFontsDraw(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) continue;
    if (code >= 0xa0 && code <= 0xff) continue;
    if (CP1252_EXTRA.includes(ch)) continue;
    return false;
  }
  return true;
}

/**
 * The same pages as the SVG, drawn by pdfkit: barcodes from the same vector paths (pdfkit takes SVG
 * path data), text in the standard fonts, one PDF page per sheet page, sized in millimetres. `pause`
 * gives the event loop a turn now and then.
 */
export async function labelsPdf(
  pages: readonly LabelPage[],
  pause: () => Promise<void> = async () => {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: 'Serial labels', Creator: 'serialgraph', Producer: 'serialgraph' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [index, page] of pages.entries()) {
    // A PDF of hundreds of pages takes a while: other requests get a turn between pages.
    if (index > 0) await pause();
    doc.addPage({ size: [page.width * POINTS_PER_MM, page.height * POINTS_PER_MM], margin: 0 });
    doc.save();
    doc.scale(POINTS_PER_MM);
    for (const item of page.items) draw(doc, item);
    doc.restore();
  }
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, item: LabelItem): void {
  if (item.kind === 'text') {
    if (standardFontsDraw(item.text)) doc.font(FONTS[item.font]);
    else doc.font(require.resolve(UNICODE_FONTS[item.font]));
    doc.fontSize(item.size);
    const width = doc.widthOfString(item.text);
    const x =
      item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - width / 2 : item.x - width;
    doc.fillColor('#000').text(item.text, x, item.y, { lineBreak: false, baseline: 'alphabetic' });
    return;
  }
  const { vector } = item;
  doc.save();
  doc.translate(item.x, item.y);
  doc.scale(item.width / vector.width, item.height / vector.height);
  for (const path of vector.paths) {
    if (path.strokeWidth === undefined) doc.path(path.d).fill('#000');
    else doc.path(path.d).lineWidth(path.strokeWidth).stroke('#000');
  }
  doc.restore();
}
