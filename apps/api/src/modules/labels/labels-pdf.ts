import PDFDocument from 'pdfkit';
import type { LabelFont, LabelItem, LabelPage } from '@serialgraph/labels';

const POINTS_PER_MM = 72 / 25.4;
// PDF's standard fonts: nothing to embed. They cover Latin-1 text; barcodes carry any serial.
const FONTS: Record<LabelFont, string> = {
  sans: 'Helvetica',
  'sans-bold': 'Helvetica-Bold',
  mono: 'Courier',
};

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
    doc.font(FONTS[item.font]).fontSize(item.size);
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
