/* global console */
// Draws the demo's app icons (public/icons/): the favicon's mark, a blue tile with barcode bars,
// as SVG and as the PNGs an install prompt needs (192, 512, and a full-bleed maskable 512).
// Run once after changing the mark: `node apps/demo/scripts/icons.mjs`; the files are committed.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];
// In a 32-unit square: bar centres (2 units wide), from y 9 to 23; corner radius 7.
const BARS = [8, 12, 15, 19, 21, 24];

const svg = (rounded) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
  `<rect width="32" height="32"${rounded ? ' rx="7"' : ''} fill="#0b5cad"/>` +
  `<path d="${BARS.map((x) => `M${x} 9v14`).join('')}" stroke="#fff" stroke-width="2"/></svg>\n`;

/** Colour and coverage of the point (x, y) in icon units. */
function paint(x, y, rounded) {
  const r = rounded ? 7 : 0;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const bar = y >= 9 && y <= 23 && BARS.some((b) => Math.abs(x - b) <= 1);
  return bar ? WHITE : BLUE;
}

function png(size, rounded) {
  const SAMPLES = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = paint(
            ((px + (sx + 0.5) / SAMPLES) * 32) / size,
            ((py + (sy + 0.5) / SAMPLES) * 32) / size,
            rounded,
          );
          if (!c) continue;
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 255;
        }
      const covered = sum[3] / 255;
      const o = 1 + px * 4;
      if (covered > 0) for (let i = 0; i < 3; i++) row[o + i] = Math.round(sum[i] / covered);
      row[o + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'icon.svg'), svg(true));
writeFileSync(path.join(out, 'icon-192.png'), png(192, true));
writeFileSync(path.join(out, 'icon-512.png'), png(512, true));
writeFileSync(path.join(out, 'icon-maskable-512.png'), png(512, false));
console.log(`icons written to ${out}`);
