import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchPart } from './harness';

/**
 * Read latency as the ledger grows to 1,000,000 units (reads-main.ts, its own process and database:
 * it bulk-loads units with SQL). Not under --quick: the load alone takes about a minute.
 */
export const reads: BenchPart = {
  name: 'reads',
  async run(ctx) {
    if (ctx.quick) {
      console.log('skipped under --quick (it loads 1,000,000 units); `pnpm bench reads` runs it alone');
      return;
    }
    const file = fileURLToPath(import.meta.url);
    const main = path.join(path.dirname(file), `reads-main${path.extname(file)}`);
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, main], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (status) => resolve(status ?? 1));
    });
    if (code !== 0) ctx.fail(`the reads bench exited with ${code}`);
  },
};
