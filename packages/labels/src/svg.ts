import type { LabelFont, LabelItem, LabelPage } from './layout.js';

const FONT_FAMILY: Record<LabelFont, string> = {
  sans: "Helvetica, Arial, 'Liberation Sans', sans-serif",
  'sans-bold': "Helvetica, Arial, 'Liberation Sans', sans-serif",
  mono: "'Courier New', Courier, 'Liberation Mono', monospace",
};

/** Text for an SVG text node or attribute value. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (value: number) => Number(value.toFixed(3)).toString();

function drawItem(item: LabelItem): string {
  if (item.kind === 'text') {
    const weight = item.font === 'sans-bold' ? ' font-weight="bold"' : '';
    return `<text x="${n(item.x)}" y="${n(item.y)}" font-size="${n(item.size)}" font-family="${FONT_FAMILY[item.font]}"${weight} text-anchor="${item.anchor}" fill="#000">${escapeXml(item.text)}</text>`;
  }
  const { vector } = item;
  const paths = vector.paths
    .map((p) =>
      p.strokeWidth === undefined
        ? `<path d="${p.d}" fill="#000"/>`
        : `<path d="${p.d}" fill="none" stroke="#000" stroke-width="${p.strokeWidth}"/>`,
    )
    .join('');
  const scale = `scale(${n(item.width / vector.width)} ${n(item.height / vector.height)})`;
  return `<g data-barcode="${vector.symbology}" transform="translate(${n(item.x)} ${n(item.y)}) ${scale}">${paths}</g>`;
}

/** The inside of one page, in millimetres, on a white ground. */
function pageBody(page: LabelPage): string {
  return `<rect width="${n(page.width)}" height="${n(page.height)}" fill="#fff"/>${page.items.map(drawItem).join('')}`;
}

/** One page as a standalone SVG document, sized in millimetres for printing. */
export function pageToSvg(page: LabelPage): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(page.width)}mm" height="${n(page.height)}mm" viewBox="0 0 ${n(page.width)} ${n(page.height)}">${pageBody(page)}</svg>`;
}

/** Every page in one SVG document, one below the other (a roll of thermal labels, or sheets in a row). */
export function pagesToSvg(pages: readonly LabelPage[]): string {
  const width = pages[0]?.width ?? 0;
  const height = pages.reduce((sum, page) => sum + page.height, 0);
  let y = 0;
  const body = pages
    .map((page) => {
      const nested = `<svg x="0" y="${n(y)}" width="${n(page.width)}" height="${n(page.height)}" viewBox="0 0 ${n(page.width)} ${n(page.height)}">${pageBody(page)}</svg>`;
      y += page.height;
      return nested;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}mm" height="${n(height)}mm" viewBox="0 0 ${n(width)} ${n(height)}">${body}</svg>`;
}
