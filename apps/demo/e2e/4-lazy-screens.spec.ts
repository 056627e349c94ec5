import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { open } from './demo';

// Screens load on demand: a clerk opening Scan gets the shell and Scan, not the label encoder or
// the webhooks screen; another screen's chunk is fetched when it is opened, with "Loading screen…"
// only when that takes long, and a Retry when it fails. The service worker is blocked here so that
// every chunk the page asks for goes over the network, where the test sees (and breaks) it.
test.use({ serviceWorkers: 'block' });

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/assets');

/** The chunk Vite names after a module or library: `<name>-<8-character hash>.js`. */
const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]{8}\\.js$`);

/** The chunks the test names exist in this build, so "never fetched" cannot pass on a renamed file. */
function expectBuilt(...names: string[]) {
  const files = readdirSync(assets).map((file) => `/assets/${file}`);
  for (const name of names)
    expect(
      files.filter((f) => chunk(name).test(f)),
      name,
    ).toHaveLength(1);
}

/** Every script path the page requests from now on (modulepreload links included). */
function scriptsRequested(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('.js')) paths.push(pathname);
  });
  return paths;
}

const fetched = (paths: string[], name: string) => paths.filter((p) => chunk(name).test(p));
const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1, exact: true });
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });

const OTHER_SCREENS = [
  'webhooks-screen',
  'stock-count-screen',
  'import-screen',
  'receive-screen',
  'recall-screen',
  'products-screen',
];
/** Libraries only label printing (bwip-js) and serialFormat checks (re2js) need. */
const HEAVY_LIBRARIES = ['bwip-js', 're2js'];

test('opening Scan fetches the shell and Scan only; another screen comes when it is opened', async ({
  page,
}) => {
  expectBuilt('scan-screen', 'react', 'warranty-page', ...OTHER_SCREENS, ...HEAVY_LIBRARIES);
  const scripts = scriptsRequested(page);
  await open(page, '/scan');
  await expect(heading(page, 'Scan')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched(scripts, 'scan-screen')).toHaveLength(1);
  expect(fetched(scripts, 'react')).toHaveLength(1);
  for (const name of [...OTHER_SCREENS, ...HEAVY_LIBRARIES, 'warranty-page'])
    expect(fetched(scripts, name), `${name} on /scan`).toEqual([]);

  await navLink(page, 'Webhooks').click();
  await expect(heading(page, 'Webhooks')).toBeVisible();
  expect(fetched(scripts, 'webhooks-screen')).toHaveLength(1);
  // Back to Scan: its chunk is not fetched again.
  await navLink(page, 'Scan').click();
  await expect(heading(page, 'Scan')).toBeVisible();
  expect(fetched(scripts, 'scan-screen')).toHaveLength(1);
});

test('the screen of a deep link is fetched alongside the demo configuration, not after it', async ({
  page,
}) => {
  const scripts = scriptsRequested(page);
  // The configuration is held until the screen's chunk is on its way: loading it only once the
  // shell has rendered (after the configuration) would never get there.
  let screenRequested!: () => void;
  const requested = new Promise<void>((resolve) => (screenRequested = resolve));
  page.on('request', (request) => {
    if (chunk('stock-count-screen').test(new URL(request.url()).pathname)) screenRequested();
  });
  await page.route('**/demo-config.json', async (route) => {
    await requested;
    await route.continue();
  });
  await open(page, '/stock-count');
  await expect(heading(page, 'Stock count')).toBeVisible();
  expect(fetched(scripts, 'stock-count-screen')).toHaveLength(1);
});

test('the public warranty page loads its own chunk and none of the back office screens', async ({ page }) => {
  const scripts = scriptsRequested(page);
  await open(page, '/w/demo');
  await expect(page.getByRole('button', { name: 'Check warranty' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched(scripts, 'warranty-page')).toHaveLength(1);
  expect(scripts.filter((p) => /-screen-[\w-]{8}\.js$/.test(p))).toEqual([]);
});

test('a slow screen shows an accessible "Loading screen…" after a short delay, never at once', async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(chunk('import-screen'), async (route) => {
    await held;
    await route.continue();
  });
  await open(page, '/scan');
  await expect(heading(page, 'Scan')).toBeVisible();
  // When the placeholder appears, and when its words do (setTimeout never fires early, so the gap
  // is a lower bound that holds on a slow machine too).
  await page.evaluate(() => {
    const seen: { mounted?: number; shown?: number } = {};
    (window as unknown as { loadingSeen: typeof seen }).loadingSeen = seen;
    new MutationObserver(() => {
      const region = document.querySelector('.screen-loading');
      if (region && seen.mounted === undefined) seen.mounted = performance.now();
      if (region?.textContent?.includes('Loading screen') && seen.shown === undefined)
        seen.shown = performance.now();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await navLink(page, 'Import').click();
  const loading = page.getByRole('status').filter({ hasText: 'Loading screen…' });
  await expect(loading).toBeVisible();
  await expect(loading).toHaveAttribute('aria-busy', 'true');
  // The shell stays usable meanwhile.
  await expect(navLink(page, 'Import')).toHaveAttribute('aria-current', 'page');
  release();
  await expect(heading(page, 'Import')).toBeVisible();
  await expect(loading).toHaveCount(0);
  const seen = await page.evaluate(
    () => (window as unknown as { loadingSeen: { mounted: number; shown: number } }).loadingSeen,
  );
  expect(seen.shown - seen.mounted).toBeGreaterThanOrEqual(290);
});

test('a screen whose chunk fails to load says so with Retry, and Retry loads it', async ({ page }) => {
  // The network drops for that chunk (every request for it: its modulepreload and its import),
  // then comes back before Retry.
  let reachable = false;
  const served: string[] = [];
  await page.route(chunk('stock-count-screen'), async (route) => {
    served.push(reachable ? 'served' : 'aborted');
    if (reachable) await route.continue();
    else await route.abort('internetdisconnected');
  });
  await open(page, '/scan');
  await expect(heading(page, 'Scan')).toBeVisible();
  await navLink(page, 'Stock count').click();
  const failure = page.getByRole('alert').filter({ hasText: 'This screen could not be loaded' });
  await expect(failure).toBeVisible();
  await expect(heading(page, 'Stock count')).toHaveCount(0);
  // Not a blank page: the navigation still works around the message.
  await expect(navLink(page, 'Stock count')).toHaveAttribute('aria-current', 'page');
  expect(served).not.toContain('served');

  reachable = true;
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(heading(page, 'Stock count')).toBeVisible();
  await expect(failure).toHaveCount(0);
  expect(served.at(-1)).toBe('served');
});

test('the service worker precaches every chunk, so a screen never opened online opens offline', async ({
  request,
}) => {
  const worker = await (await request.get(`${process.env.DEMO_BASE_URL}/sw.js`)).text();
  const chunks = readdirSync(assets).filter((file) => /\.(js|css)$/.test(file));
  expect(chunks.length).toBeGreaterThan(20);
  expect(chunks.filter((file) => !worker.includes(`assets/${file}`))).toEqual([]);
});
