// `pnpm bench:labels`: what printing the largest request /labels accepts (MAX_LABELS_PER_REQUEST)
// costs in process, without a database: layout with barcode encoding (bwip-js), then SVG or PDF,
// per symbology and sheet. Prints the median of a few rounds and the longest the event loop was
// blocked (layout yields every 5 labels, the PDF every page).
import { layoutLabelsPausing, pagesToSvg, type SheetName, type Symbology } from '@serialgraph/labels';
import { breathe } from '../src/common/slices';
import { MAX_LABELS_PER_REQUEST } from '../src/modules/labels/label-request';
import { labelsPdf } from '../src/modules/labels/labels-pdf';

const COUNT = Number(process.env.BENCH_LABELS ?? MAX_LABELS_PER_REQUEST);
const ROUNDS = 3;
const units = Array.from({ length: COUNT }, (_, i) => ({
  serial: `LTP-2026-${String(i).padStart(6, '0')}`,
  productName: 'Laptop 14" business',
  internalCode: `TOOL-2026-${String(i).padStart(6, '0')}`,
  date: '2026-11-30',
}));

async function withLoopWatch(
  run: () => Promise<unknown>,
): Promise<{ ms: number; blockedMs: number; bytes: number }> {
  let last = performance.now();
  let blockedMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    blockedMs = Math.max(blockedMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const out = (await run()) as { length: number };
  const ms = performance.now() - started;
  clearInterval(timer);
  return { ms, blockedMs, bytes: out.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`${COUNT} labels, median of ${ROUNDS} rounds`);
for (const symbology of ['code128', 'datamatrix', 'qr'] as Symbology[])
  for (const sheet of ['thermal-58x40', 'a4'] as SheetName[])
    for (const format of ['svg', 'pdf'] as const) {
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++)
        rounds.push(
          await withLoopWatch(async () => {
            const pages = await layoutLabelsPausing(units, { symbology, sheet }, breathe);
            return format === 'pdf' ? labelsPdf(pages, breathe) : pagesToSvg(pages);
          }),
        );
      console.log(
        `${symbology.padEnd(10)} ${sheet.padEnd(13)} ${format}: ${median(rounds.map((x) => x.ms)).toFixed(0)} ms, ` +
          `loop blocked ≤ ${median(rounds.map((x) => x.blockedMs)).toFixed(0)} ms, ${(rounds[0]!.bytes / 1024).toFixed(0)} KiB`,
      );
    }
