// Writes a Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture): barcodes
// rendered by bwip-js, shown one after another on a white page, so camera tests read real
// symbols through the real capture pipeline. Runs in Node (Vitest's global setup).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';

export const WIDTH = 640;
export const HEIGHT = 480;
export const FPS = 10;

/** One stretch of the video: a barcode (or a blank page) for some seconds. */
export interface Segment {
  barcode?: { bcid: string; text: string };
  seconds: number;
}

/** Luma (Y) of a white page with the barcode centred, BT.601 full range as C420jpeg expects. */
async function lumaFrame(barcode: Segment['barcode']): Promise<Buffer> {
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  if (!barcode) return luma;
  const png = PNG.sync.read(
    await bwipjs.toBuffer({
      bcid: barcode.bcid,
      text: barcode.text,
      scale: 3,
      height: 18,
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: 'FFFFFF',
    }),
  );
  if (png.width > WIDTH || png.height > HEIGHT) throw new Error(`barcode ${barcode.text} does not fit`);
  const left = Math.floor((WIDTH - png.width) / 2);
  const top = Math.floor((HEIGHT - png.height) / 2);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]! / 255];
      const value = 0.299 * r + 0.587 * g + 0.114 * b;
      luma[(top + y) * WIDTH + left + x] = Math.round(a * value + (1 - a) * 255);
    }
  }
  return luma;
}

/** Writes the segments as one Y4M file (4:2:0, grey: both chroma planes at 128). */
export async function writeFakeCameraVideo(file: string, segments: Segment[]): Promise<void> {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const out = createWriteStream(file);
  out.write(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
  for (const segment of segments) {
    const frame = Buffer.concat([Buffer.from('FRAME\n'), await lumaFrame(segment.barcode), chroma]);
    for (let n = 0; n < Math.round(segment.seconds * FPS); n++) {
      if (!out.write(frame)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}
