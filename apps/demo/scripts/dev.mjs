/* global process */
// `pnpm dev` (root): the API in demo mode (seeded organization, /demo-config.json) beside Vite with
// hot reload, which proxies /graphql and /demo-config.json to it. Extra arguments (e.g. --reset)
// go to the API. Ctrl+C stops both; the API stops its embedded PostgreSQL cleanly.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(demo, '../..');
const port = process.env.PORT ?? '4000';
const children = [];

const api = spawn(
  process.execPath,
  [path.join(root, 'apps/api/dist/main.js'), '--demo', ...process.argv.slice(2)],
  {
    cwd: root,
    env: { ...process.env, PORT: port },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
children.push(api);
api.stdout.pipe(process.stdout);

let vite;
api.stdout.on('data', (chunk) => {
  if (vite || !chunk.toString().includes('serialgraph demo ready at')) return;
  vite = spawn(process.execPath, [path.join(demo, 'node_modules/vite/bin/vite.js')], {
    cwd: demo,
    env: { ...process.env, PORT: port },
    stdio: 'inherit',
  });
  children.push(vite);
  vite.on('exit', stop);
});
api.on('exit', (code) => {
  if (!vite) process.exitCode = code ?? 1;
  stop();
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
