import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the stack `pnpm start` runs: the built API in demo mode, serving the built app, on a
 * fresh data directory and a free port. Returns the teardown Playwright calls at the end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const main = path.join(root, 'apps/api/dist/main.js');
  const app = path.join(root, 'apps/demo/dist');
  for (const built of [main, path.join(app, 'index.html')]) {
    if (!existsSync(built))
      throw new Error(`${built} is missing: run \`pnpm build\` (turbo builds it before \`test\`).`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'serialgraph-e2e-'));
  const port = await freePort();
  const server = spawn(process.execPath, [main, '--demo', '--static', app], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SERIALGRAPH_DATA_DIR: dataDir,
      DATABASE_URL: '',
      // Webhooks (5-webhooks.spec.ts): outbox rows become deliveries within 0.2 s instead of 1 s, and
      // a failed delivery is not retried on its own (no retry window), so the failure the spec causes
      // stays FAILED until its Replay, whatever the random backoff would have drawn.
      SERIALGRAPH_WEBHOOKS_POLL_MS: '200',
      SERIALGRAPH_WEBHOOKS_RETRY_FOR_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not start within 90 s:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('serialgraph demo ready at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code} before it was ready:\n${output}`));
    });
  });
  await ready;
  process.env.DEMO_BASE_URL = `http://127.0.0.1:${port}`;

  return async () => {
    // SIGINT, like Ctrl+C: the API stops its embedded PostgreSQL cleanly before exiting.
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    const timeout = new Promise((resolve) => setTimeout(resolve, 15_000, 'timeout'));
    if ((await Promise.race([exited, timeout])) === 'timeout') server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  };
}
