// Proves the published package works: `pnpm pack`, install the tarball with its peers into a fresh
// Vite + React app outside the workspace, type-check a usage against the shipped .d.ts, build it with
// Vite, and render it in Chromium, asserting the widget appears and gives a scanned number a verdict.
// Usage: node scripts/pack-smoke.mjs [--no-build] [--keep]   (SG_CHROMIUM overrides /usr/bin/chromium)
// About 15-25 s here (build 6-12 s, install from the local pnpm store 2 s, tsc 1 s, vite 3 s, Chromium 2 s).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(packageDir, '../..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const step = (label) => console.log(`[pack-smoke] ${((Date.now() - started) / 1000).toFixed(1)} s  ${label}`);
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

const packageJson = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));
const rootJson = JSON.parse(await readFile(path.join(rootDir, 'package.json'), 'utf8'));
// The host app uses the versions this workspace is tested with.
const version = (name) => packageJson.devDependencies?.[name] ?? rootJson.devDependencies?.[name];

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sg-pack-smoke-'));
  try {
    // A stale dist/ would prove nothing: build unless told the caller just did.
    if (!process.argv.includes('--no-build') || !existsSync(path.join(packageDir, 'dist/index.js'))) {
      step('building the package');
      run('pnpm', ['run', 'build'], packageDir);
    }
    step('pnpm pack');
    run('pnpm', ['pack', '--pack-destination', work], packageDir);
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error('pnpm pack wrote no tarball');

    const manifest = JSON.parse(
      run('tar', ['-xzOf', path.join(work, tarball), 'package/package.json'], work),
    );
    const leaked = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) =>
      name.startsWith('@serialgraph/'),
    );
    if (leaked.length > 0)
      throw new Error(`the published manifest depends on unpublished ${leaked.join(', ')}`);
    const typings = run(
      'tar',
      ['-xzOf', path.join(work, tarball), 'package/dist/index.d.ts', 'package/dist/headless.d.ts'],
      work,
    );
    if (typings.includes('@serialgraph/domain'))
      throw new Error('the published .d.ts references @serialgraph/domain');

    const app = path.join(work, 'app');
    await mkdir(path.join(app, 'src'), { recursive: true });
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify(
        {
          name: 'sg-pack-smoke-app',
          private: true,
          type: 'module',
          dependencies: {
            '@serialgraph/react': `file:../${tarball}`,
            ...Object.fromEntries(
              ['react', 'react-dom', '@apollo/client', 'graphql', 'rxjs'].map((name) => [
                name,
                version(name),
              ]),
            ),
          },
          devDependencies: Object.fromEntries(
            ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom'].map((name) => [
              name,
              version(name),
            ]),
          ),
          pnpm: { onlyBuiltDependencies: ['esbuild'] },
        },
        null,
        2,
      ),
    );
    await writeFile(path.join(app, 'index.html'), APP_HTML);
    await writeFile(path.join(app, 'vite.config.js'), VITE_CONFIG);
    await writeFile(path.join(app, 'src/main.tsx'), APP_MAIN);
    await writeFile(path.join(app, 'tsconfig.json'), TSCONFIG);

    step('installing the tarball and its peers (the local pnpm store first, else the registry)');
    run('pnpm', ['install', '--prefer-offline', '--ignore-workspace', '--config.engine-strict=false'], app);

    step('type-checking a host app against the shipped .d.ts');
    run(path.join(app, 'node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], app);

    step('vite build');
    run(path.join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app);
    // The camera's barcode reader (loaded on demand) ships its wasm for the host to serve: no CDN.
    const assets = await readdir(path.join(app, 'dist/assets'));
    if (!assets.some((file) => /^zxing_reader.*\.wasm$/.test(file)))
      throw new Error(`the host build did not emit the barcode reader's wasm: ${assets.join(', ')}`);

    step('rendering in Chromium');
    await renderInChromium(path.join(app, 'dist'));
    step('OK: the packed package installs, type-checks, builds and renders in a fresh Vite app');
  } finally {
    if (keep) console.log(`[pack-smoke] kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

async function renderInChromium(distDir) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = path.join(distDir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(distDir) || !existsSync(file)) return void response.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[path.extname(file)];
    response.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  // playwright-core comes with the workspace's playwright; Debian's Chromium, no download.
  const { chromium } = createRequire(path.join(rootDir, 'package.json'))('playwright');
  const browser = await chromium.launch({
    executablePath: process.env.SG_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('heading', { name: 'Receive Smoke Tablet (SMK-1)' }).waitFor({ timeout: 15_000 });
    const field = page.getByRole('textbox', { name: 'Serial numbers' });
    await field.fill('SMK-0001..SMK-0003');
    await field.press('Enter');
    await page.locator('[role="row"][data-verdict="ok"]').nth(2).waitFor({ timeout: 15_000 });
    const counter = await page.locator('[data-count="accepted"]').textContent();
    if (counter !== '3 of 3 scanned') throw new Error(`unexpected counter: ${counter}`);
    // The stylesheet is in effect: the widget root gets its layered background.
    const background = await page
      .locator('.sg-receive')
      .evaluate((element) => element.ownerDocument.defaultView.getComputedStyle(element).backgroundColor);
    if (background !== 'rgb(255, 255, 255)')
      throw new Error(`styles.css not applied (background ${background})`);
    const headless = await page.locator('#headless').textContent();
    if (headless !== 'headless ok') throw new Error(`the /headless entry did not load: ${headless}`);
    if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

const APP_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><link rel="icon" href="data:," /><title>serialgraph pack smoke</title></head>
  <body><div id="root"></div><p id="headless"></p><script type="module" src="/src/main.tsx"></script></body>
</html>
`;

const VITE_CONFIG = `import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
export default defineConfig({ plugins: [react()] });
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  },
  include: ['src'],
});

// A host app as a developer would write it: its own ApolloClient (here over a tiny mock link).
const APP_MAIN = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { Observable } from 'rxjs';
import { ReceiveSerialsForm, type ReceivedDocument } from '@serialgraph/react';
import { useReceiveSerials, parseEntry } from '@serialgraph/react/headless';
import '@serialgraph/react/styles.css';

const product = { __typename: 'Product', id: 'p1', name: 'Smoke Tablet', sku: 'SMK-1', serialFormat: 'SMK-\\\\d{4}', trackingMode: 'SERIAL' };
const link = new ApolloLink((operation) => new Observable((observer) => {
  const variables = operation.variables as { numbers?: string[] };
  const data = operation.operationName === 'ReceiveSerialsFormProductLookup'
    ? { product }
    : { checkSerials: (variables.numbers ?? []).map((number) => ({ __typename: 'SerialCheck', number, ok: true, issue: null })) };
  setTimeout(() => { observer.next({ data }); observer.complete(); }, 5);
}));
const client = new ApolloClient({ link, cache: new InMemoryCache() });

const onReceived = (document: ReceivedDocument) => console.log(document.number);
// The headless entry resolves and its types line up.
const hook: typeof useReceiveSerials = useReceiveSerials;
document.getElementById('headless')!.textContent = typeof hook === 'function' && parseEntry('A-1+1').length === 2 ? 'headless ok' : 'headless broken';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ReceiveSerialsForm productId="p1" warehouseId="w1" expectedQuantity={3} locale="en-US" onReceived={onReceived} />
    </ApolloProvider>
  </StrictMode>,
);
`;

await main();
