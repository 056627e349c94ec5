// Runs the reads benchmark alone: `tsx src/bench/reads-main.ts [--quick]`
// (--quick: 10,000 → 100,000 units; otherwise 10,000 → 100,000 → 1,000,000; BENCH_READS_SIZES overrides).
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../app';
import { benchReads } from './reads';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = process.env.BENCH_READS_SIZES
    ? process.env.BENCH_READS_SIZES.split(',').map(Number)
    : quick
      ? [10_000, 100_000]
      : [10_000, 100_000, 1_000_000];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'serialgraph-bench-reads-'));
  const app = await startApp({ port: 0, host: '127.0.0.1', databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    await benchReads({ app, sizes, samples: quick ? 21 : 41 });
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
