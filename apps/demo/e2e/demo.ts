import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Route,
  type TestInfo,
} from '@playwright/test';

const screensDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screens');

/** Opens an app path on the stack started by global-setup. */
export async function open(page: Page, appPath: string): Promise<void> {
  const base = process.env.DEMO_BASE_URL;
  if (!base) throw new Error('DEMO_BASE_URL is not set: the global setup did not start the demo.');
  await page.goto(base + appPath);
}

/**
 * Saves a full-page screenshot of the screen as test-results/screens/<name>.png and attaches it to
 * the report; every screen shown there is first checked with axe, in the state the story left it in.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  // Let data settle: no request in flight, no loading placeholders.
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  // From the top, so the sticky navigation sits where a visitor sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(screensDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Chooses an option of a labelled `<select>` by (part of) its visible text. */
export async function choose(select: Locator, text: string | RegExp): Promise<void> {
  const matches = (o: string) => (typeof text === 'string' ? o.includes(text) : text.test(o));
  // Options arrive with the reference data query.
  await expect
    .poll(async () => (await select.locator('option').allTextContents()).some(matches), {
      message: `an option matching ${String(text)}`,
    })
    .toBe(true);
  const label = (await select.locator('option').allTextContents()).find(matches)!;
  await select.selectOption({ label });
}

/** Scans a number into a field the way a barcode scanner does: the characters, then Enter. */
export async function scan(field: Locator, number: string): Promise<void> {
  await field.click();
  await field.pressSequentially(number, { delay: 5 });
  await field.press('Enter');
}

/** The success notice of a posted document; returns its number. */
export async function postedNumber(page: Page, prefix: string): Promise<string> {
  const notice = page.locator('.notice-success').filter({ hasText: new RegExp(`${prefix}-\\d{6}`) });
  await expect(notice).toBeVisible();
  return (await notice.textContent())!.match(new RegExp(`${prefix}-\\d{6}`))![0];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now and fails on any violation, naming each rule, its impact
 * and the elements. Evaluated through the debugging protocol, so the app's CSP does not block it.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document);
    return results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/**
 * The first GraphQL request of `operationName` reaches the API and is answered there, but the
 * connection drops before the answer gets back (a lost answer); every other request goes through.
 * `answered` resolves once that has happened; `restore()` lets answers through again, and must come
 * after it (unrouting while the handler still runs leaves its route half handled).
 */
export async function loseFirstAnswer(
  context: BrowserContext,
  operationName: string,
): Promise<{ answered: Promise<void>; restore: () => Promise<void> }> {
  let lostOnce = false;
  let answerLost!: () => void;
  const answered = new Promise<void>((resolve) => (answerLost = resolve));
  const loseAnswer = async (route: Route) => {
    const body = route.request().postDataJSON() as { operationName?: string } | null;
    if (body?.operationName !== operationName || lostOnce) return route.continue();
    lostOnce = true;
    await route.fetch();
    await route.abort('connectionreset');
    answerLost();
  };
  await context.route('**/graphql', loseAnswer);
  return { answered, restore: () => context.unroute('**/graphql', loseAnswer) };
}

/**
 * GraphQL as another client of the demo's organization, straight from Node (so never offline):
 * the key from /demo-config.json. Refuses on any error, saying what it was.
 */
export async function demoApi<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const base = process.env.DEMO_BASE_URL!;
  const { apiKey } = (await (await fetch(`${base}/demo-config.json`)).json()) as { apiKey: string };
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}
