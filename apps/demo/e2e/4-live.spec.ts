import { expect, test, type Page } from '@playwright/test';
import { choose, open, postedNumber, scan } from './demo';

// Live updates: clerk A watches the Serials report and a unit's page in one browser; clerk B, in
// another browser context (its own storage and WebSocket), posts documents. A's screens change
// without a reload, through the API's documentPosted and serialChanged subscriptions.
test.describe.configure({ mode: 'serial' });

const UNIT = 'LTP-2026-000126';

async function holdOrRelease(page: Page, action: 'Put on hold' | 'Release units', reason: string) {
  await open(page, '/hold');
  if (action === 'Release units')
    await page
      .getByRole('navigation', { name: 'Hold or release' })
      .getByRole('link', { name: 'Release' })
      .click();
  await choose(page.getByLabel('Warehouse'), 'MAIN');
  await page.getByLabel('Reason').fill(reason);
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'LTP-14');
  await scan(line.getByLabel('Search or scan a serial number'), UNIT);
  await expect(line.getByText(`${UNIT} picked.`)).toBeVisible();
  await page.getByRole('button', { name: action }).click();
  return postedNumber(page, action === 'Put on hold' ? 'HLD' : 'RLS');
}

test("the Serials report and a unit's page follow another clerk's postings without a reload", async ({
  browser,
}) => {
  const watcher = await browser.newContext();
  const poster = await browser.newContext();
  try {
    const report = await watcher.newPage();
    await open(report, `/serials?q=${UNIT}`);
    const row = report.getByRole('row', { name: new RegExp(UNIT) });
    await expect(row).toContainText('In stock');

    const unitPage = await watcher.newPage();
    await open(unitPage, `/serials?q=${UNIT}`);
    await unitPage
      .getByRole('row', { name: new RegExp(UNIT) })
      .getByRole('link')
      .first()
      .click();
    await expect(unitPage.getByRole('heading', { name: 'Unit history' })).toBeVisible();
    await expect(unitPage.getByText('In stock').first()).toBeVisible();
    // Neither page is reloaded from here on: a navigation would reset this marker.
    for (const p of [report, unitPage]) await p.evaluate(() => ((window as { marker?: number }).marker = 1));

    const clerk = await poster.newPage();
    const held = await holdOrRelease(clerk, 'Put on hold', 'Live update check');
    await expect(row).toContainText('On hold');
    await expect(unitPage.getByText(held)).toBeVisible();
    await expect(unitPage.getByText('On hold').first()).toBeVisible();

    const released = await holdOrRelease(clerk, 'Release units', 'Checked');
    await expect(row).toContainText('In stock');
    await expect(unitPage.getByText(released)).toBeVisible();
    for (const p of [report, unitPage])
      expect(await p.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
  } finally {
    await watcher.close();
    await poster.close();
  }
});
