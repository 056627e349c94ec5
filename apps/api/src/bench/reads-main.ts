// Runs the reads benchmark alone: `tsx src/bench/reads-main.ts [--quick]`
// (--quick: 10,000 → 100,000 units; otherwise 10,000 → 100,000 → 1,000,000; BENCH_READS_SIZES overrides).
import 'reflect-metadata';
import { benchReads } from './reads';
import { withTempApp } from './temp-app';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = process.env.BENCH_READS_SIZES
    ? process.env.BENCH_READS_SIZES.split(',').map(Number)
    : quick
      ? [10_000, 100_000]
      : [10_000, 100_000, 1_000_000];
  await withTempApp('bench-reads', (app) =>
    benchReads({ app, sizes, samples: quick ? 21 : 41 }).then(() => {}),
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
