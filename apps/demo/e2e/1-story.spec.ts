import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { choose, open, postedNumber, scan, screenshot } from './demo';

// The guide's story as a clerk does it, on a fresh demo organization (seeded: RCV-000001…,
// SHP-000001…000004, device-00101…00120, laptops on hold). One sequence: each test continues
// where the previous one left the data.
test.describe.configure({ mode: 'serial' });

const THE_UNIT = 'device-00121';
let shipment = '';

/** The Scan screen's links to what can be done next with the unit. */
const nextSteps = (page: Page) => page.getByRole('navigation', { name: 'Next steps for this unit' });

test('receives five terminals: two scanned, three as a range', async ({ page }, testInfo) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'HT-100');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  await choose(page.getByLabel('Supplier'), 'Handheld Supply Co');
  await page.getByLabel('Delivery note / invoice').fill('HSC-INV-2026-0520');
  await page.getByLabel('Expected quantity').fill('5');
  const field = page.getByLabel('Serial numbers', { exact: true });
  await scan(field, 'device-00121');
  await scan(field, 'device-00122');
  await scan(field, 'device-00123..device-00125');
  const rows = page.locator('[role="row"][data-verdict]');
  await expect(rows).toHaveCount(5);
  await expect(page.locator('[role="row"][data-verdict="ok"]')).toHaveCount(5);
  await expect(page.getByText('5 of 5 scanned').first()).toBeVisible();
  await screenshot(page, testInfo, 'receive');
  await page.getByRole('button', { name: 'Receive 5 units' }).click();
  await postedNumber(page, 'RCV');
  await expect(rows).toHaveCount(0);
});

test('marks a refused duplicate scan on its row and keeps the good ones', async ({ page }, testInfo) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'HT-100');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  const field = page.getByLabel('Serial numbers', { exact: true });
  await scan(field, 'device-00126');
  await scan(field, 'device-00121'); // received a moment ago
  await scan(field, 'device-00126'); // scanned twice
  await scan(field, 'dev-126'); // not the product's format
  const row = (n: number) => page.locator('[role="row"][data-verdict]').nth(n);
  await expect(row(0)).toHaveAttribute('data-verdict', 'ok');
  await expect(row(1)).toHaveAttribute('data-verdict', 'exists');
  await expect(row(1)).toContainText('Already recorded for this product.');
  await expect(row(2)).toHaveAttribute('data-verdict', 'duplicate');
  await expect(row(2)).toContainText('Already in the list (row 1).');
  await expect(row(3)).toHaveAttribute('data-verdict', 'invalid');
  await screenshot(page, testInfo, 'receive-refused');
});

test('ships one terminal to Acme Retail, scanned in the picker', async ({ page }, testInfo) => {
  await open(page, '/ship');
  await choose(page.getByLabel('Customer'), 'Acme Retail');
  await choose(page.getByLabel('From warehouse'), 'MAIN');
  await page.getByLabel('Order reference').fill('SO-2001');
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'HT-100');
  await scan(line.getByLabel('Search or scan a serial number'), THE_UNIT);
  await expect(line.getByText(`${THE_UNIT} picked.`)).toBeVisible();
  // Untracked cables on the same shipment, by quantity.
  await page.getByRole('button', { name: '+ Add a line' }).click();
  const cables = page.getByRole('region', { name: 'Line 2' });
  await choose(cables.getByLabel('Line 2: product'), 'CBL-USBC');
  await cables.getByLabel('Quantity').fill('2');
  await screenshot(page, testInfo, 'ship');
  await page.getByRole('button', { name: /Post shipment \(3 units\)/ }).click();
  shipment = await postedNumber(page, 'SHP');
});

test('refuses to ship a laptop that is on hold, saying why on its line', async ({ page }, testInfo) => {
  await open(page, '/ship');
  await choose(page.getByLabel('Customer'), 'Beta Shops');
  await choose(page.getByLabel('From warehouse'), 'MAIN');
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'LTP-14');
  await scan(line.getByLabel('Search or scan a serial number'), 'LTP-2026-000125');
  await expect(
    line.getByText('LTP-2026-000125 is on hold: Label unreadable: confirm with supplier.'),
  ).toBeVisible();
  await screenshot(page, testInfo, 'ship-refused-on-hold');

  // A unit that slips into the form anyway (a stale link, another clerk's hold) is refused by the
  // API, and the refusal is shown on the line that holds it.
  await open(page, '/scan?number=LTP-2026-000125');
  const transfer = new URL(
    (await nextSteps(page).getByRole('link', { name: 'Transfer' }).getAttribute('href'))!,
    'http://x',
  );
  const main = transfer.searchParams.get('from')!;
  await open(
    page,
    `/ship?warehouse=${main}&product=${transfer.searchParams.get('product')}&serial=${transfer.searchParams.get('serial')}`,
  );
  await choose(page.getByLabel('Customer'), 'Beta Shops');
  await page.getByRole('button', { name: 'Post shipment (1 unit)' }).click();
  const refusal = page.getByRole('region', { name: 'Line 1' }).getByRole('alert');
  await expect(refusal).toHaveAttribute('data-code', 'SERIAL_NOT_AVAILABLE');
  await expect(refusal).toContainText('LTP-2026-000125');
  await screenshot(page, testInfo, 'ship-refused-by-api');
});

test('takes the unit back from its shipment: "This one keeps rebooting"', async ({ page }, testInfo) => {
  await open(page, '/return');
  await page.getByLabel('Find the shipment: its number or the customer').fill('Acme');
  await page.getByRole('button', { name: new RegExp(shipment) }).click();
  await expect(page.getByText(`From shipment ${shipment} to Acme Retail`)).toBeVisible();
  await scan(page.getByLabel('Search or scan a serial number'), THE_UNIT);
  await expect(page.getByText(`${THE_UNIT} picked.`)).toBeVisible();
  await page.getByLabel('Defective: keep it on hold').check();
  await page.getByLabel('What the customer says').fill('This one keeps rebooting');
  await screenshot(page, testInfo, 'return');
  await page.getByRole('button', { name: 'Post return (1 unit)' }).click();
  await postedNumber(page, 'RET');
});

test('finds the unit by scanning and answers: which customer, which delivery, repaired before, warranty', async ({
  page,
}, testInfo) => {
  await open(page, '/scan');
  await scan(page.getByLabel('Serial number'), THE_UNIT);
  const facts = page.getByRole('definition');
  await expect(page.locator('[data-answer="customer"]')).toContainText('Acme Retail');
  await expect(page.locator('[data-answer="customer"]')).toContainText(shipment);
  await expect(page.locator('[data-answer="delivery"]')).toContainText(/RCV-\d{6}/);
  await expect(page.locator('[data-answer="delivery"]')).toContainText('Handheld Supply Co');
  await expect(page.locator('[data-answer="repairs"]')).toHaveText('No');
  await expect(page.locator('[data-answer="warranty"]')).toContainText('Active until');
  expect(await facts.count()).toBeGreaterThan(3);
  // The timeline: received, shipped, returned with the customer's words.
  const timeline = page.locator('.sg-root').first();
  await expect(timeline).toContainText('Returned');
  await expect(timeline).toContainText('This one keeps rebooting');
  await expect(timeline).toContainText(shipment);
  await screenshot(page, testInfo, 'scan');
});

test('writes the returned unit off from its page', async ({ page }, testInfo) => {
  await open(page, `/scan?number=${THE_UNIT}`);
  await nextSteps(page).getByRole('link', { name: 'Write off' }).click();
  await expect(page).toHaveURL(/\/write-off\?/);
  await expect(page.getByText(`1 picked`).first()).toBeVisible();
  await page.getByLabel('Reason').fill('Beyond repair: keeps rebooting');
  await screenshot(page, testInfo, 'write-off');
  await page.getByRole('button', { name: 'Write off' }).click();
  await postedNumber(page, 'WOF');
  await open(page, `/scan?number=${THE_UNIT}`);
  await expect(page.locator('[data-answer]').first()).toBeVisible();
  await expect(page.locator('.serial-summary')).toContainText('Written off');
});

test('the report hides out-of-storage units until the switch is on; a click opens the history', async ({
  page,
}, testInfo) => {
  await open(page, '/serials');
  await page.getByLabel('Search').fill(THE_UNIT);
  await expect(page.getByText('No units match these filters.')).toBeVisible();
  await page.getByRole('switch', { name: 'Show out-of-storage serials' }).check();
  const row = page.getByRole('row', { name: new RegExp(THE_UNIT) });
  await expect(row).toContainText('Written off');
  await page.getByLabel('Search').fill('');
  // 37 units ever received (32 seeded + 5 today): two pages of 25.
  await expect(page.getByText('1–25 of 37 units')).toBeVisible();
  await screenshot(page, testInfo, 'serials-report');
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByText('26–37 of 37 units')).toBeVisible();
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(page.getByText('1–25 of 37 units')).toBeVisible();

  // The export holds every filtered unit, not just the page: streamed by the API (GET /export/serials.csv).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe(
    'sku,serial,warehouse,unitCost,internalCode,product,status,supplier,customer,receivedAt,receipt,shippedAt,warrantyEndsAt,repairCount,holdReason',
  );
  expect(lines).toHaveLength(38);
  expect(lines.find((l) => l.split(',')[1] === THE_UNIT)).toContain('WRITTEN_OFF');
  await page.getByLabel('Search').fill(THE_UNIT);
  await page.getByRole('row', { name: new RegExp(THE_UNIT) }).click();
  await expect(page).toHaveURL(/\/serials\/.+/);
  await expect(page.locator('.sg-root').first()).toContainText('Written off');
  await screenshot(page, testInfo, 'serial-history');
});
