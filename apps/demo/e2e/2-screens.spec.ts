import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { choose, open, postedNumber, scan, screenshot } from './demo';

// The other screens, each used once the way a clerk would, with a screenshot at laptop width and
// a few at tablet width. Runs after 1-story.spec.ts on the same data (one worker, files in order).
test.describe.configure({ mode: 'serial' });

test('transfers a unit and a few cables from EAST back to MAIN', async ({ page }, testInfo) => {
  await open(page, '/transfer');
  await choose(page.getByLabel('From warehouse'), 'EAST');
  await choose(page.getByLabel('To warehouse'), 'MAIN');
  await page.getByLabel('Note').fill('Back for the spring promotion');
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'HT-100');
  await scan(line.getByLabel('Search or scan a serial number'), 'device-00118');
  await expect(line.getByText('device-00118 picked.')).toBeVisible();
  await page.getByRole('button', { name: '+ Add a line' }).click();
  const cables = page.getByRole('region', { name: 'Line 2' });
  await choose(cables.getByLabel('Line 2: product'), 'CBL-USBC');
  await cables.getByLabel('Quantity').fill('500');
  await page.getByRole('button', { name: 'Post transfer' }).click();
  // Not that many cables in EAST: the refusal says so, nothing is moved.
  await expect(cables.getByRole('alert')).toHaveAttribute('data-code', 'INSUFFICIENT_STOCK');
  await expect(cables.getByRole('alert')).toContainText('Not enough stock in EAST for: CBL-USBC');
  await screenshot(page, testInfo, 'transfer-refused');
  await cables.getByLabel('Quantity').fill('5');
  await page.getByRole('button', { name: 'Post transfer' }).click();
  await postedNumber(page, 'TRF');
  await screenshot(page, testInfo, 'transfer');
});

test('puts a unit on hold and releases it', async ({ page }, testInfo) => {
  await open(page, '/hold');
  await choose(page.getByLabel('Warehouse'), 'MAIN');
  await page.getByLabel('Reason').fill('Customer claims a scratched case: inspect');
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'LTP-14');
  await scan(line.getByLabel('Search or scan a serial number'), 'LTP-2026-000126');
  await expect(line.getByText('LTP-2026-000126 picked.')).toBeVisible();
  await screenshot(page, testInfo, 'hold');
  await page.getByRole('button', { name: 'Put on hold' }).click();
  await postedNumber(page, 'HLD');

  await page
    .getByRole('navigation', { name: 'Hold or release' })
    .getByRole('link', { name: 'Release' })
    .click();
  await choose(page.getByLabel('Warehouse'), 'MAIN');
  await page.getByLabel('Reason').fill('Inspected: no scratch');
  const again = page.getByRole('region', { name: 'Line 1' });
  await choose(again.getByLabel('Line 1: product'), 'LTP-14');
  await scan(again.getByLabel('Search or scan a serial number'), 'LTP-2026-000126');
  await page.getByRole('button', { name: 'Release units' }).click();
  await postedNumber(page, 'RLS');
  await screenshot(page, testInfo, 'release');
});

test('repairs: takes a customer unit in and sends it back repaired', async ({ page }, testInfo) => {
  await open(page, '/repairs');
  const intake = page.getByRole('form', { name: 'Take in for repair' });
  await scan(intake.getByLabel('Serial number'), 'device-00104');
  await expect(intake.getByText('at Acme Retail')).toBeVisible();
  await intake.getByLabel('Problem').fill('Trigger button stuck');
  await intake.getByRole('button', { name: 'Take in' }).click();
  await postedNumber(page, 'RPI');
  const item = page.getByRole('listitem').filter({ hasText: 'device-00104' });
  await item.getByRole('button', { name: 'Release…' }).click();
  await page.getByLabel('Note').last().fill('Button replaced');
  await screenshot(page, testInfo, 'repairs');
  await page.getByRole('button', { name: 'Send it back' }).click();
  await postedNumber(page, 'RPO');
  await expect(page.getByRole('listitem').filter({ hasText: 'device-00104' })).toHaveCount(0);
  await open(page, '/scan?number=device-00104');
  await expect(page.locator('[data-answer="repairs"]')).toHaveText('Yes, once');
});

test('documents: the list, and a shipment with its lines and units', async ({ page }, testInfo) => {
  await open(page, '/documents');
  await expect(page.getByRole('link', { name: 'RCV-000001' })).toBeVisible();
  await screenshot(page, testInfo, 'documents');
  await page.getByLabel('Search').fill('Acme');
  await page.getByRole('link', { name: 'SHP-000001' }).click();
  await expect(page.getByRole('heading', { name: 'Shipment SHP-000001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'device-00103' })).toBeVisible();
  await expect(page.getByText('untracked')).toBeVisible();
  await screenshot(page, testInfo, 'document');
});

test('fits a tablet: navigation on top, one column', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await open(page, '/scan?number=device-00112');
  await expect(page.locator('[data-answer="customer"]')).toContainText('Corner Café');
  await screenshot(page, testInfo, 'tablet-scan');
  await open(page, '/serials');
  await expect(page.getByText(/of \d+ units/)).toBeVisible();
  await screenshot(page, testInfo, 'tablet-serials');
  await open(page, '/return?shipment=');
  await screenshot(page, testInfo, 'tablet-return');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('recall: a supplier’s units in a range of numbers, wherever they are, with who has them', async ({
  page,
}, testInfo) => {
  await open(page, '/recall');
  await expect(page.getByText('Choose at least one criterion')).toBeVisible();
  await expect(page.getByLabel('Receipts').locator('option').first()).toContainText('RCV-');
  await choose(page.getByLabel('Supplier'), 'Handheld Supply Co');
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  // Narrow to a range of numbers: shipped units show who has them and how to reach them.
  // Typed one after the other: leaving the first field commits it without losing the second.
  await page.getByLabel('First number').fill('device-00101');
  await page.getByLabel('Last number').fill('device-00120');
  await page.getByLabel('Last number').press('Enter');
  await expect(page).toHaveURL(/first=device-00101.*last=device-00120/);
  await expect(page.getByLabel('Last number')).toBeFocused();
  await expect(page.getByRole('cell', { name: /^at Acme Retail$/ }).first()).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'orders@acme-retail.example · +1 555 0142' }).first(),
  ).toBeVisible();
  await screenshot(page, testInfo, 'recall');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path().then((file) => readFile(file, 'utf8'));
  // Streamed by the API: every unit of the recall, with the customer's contact data.
  expect(csv.split('\r\n')[0]).toBe(
    '\ufeffserial,sku,product,status,warehouse,customer,email,phone,address,supplier,receipt,receivedAt,shippedAt,warrantyEndsAt',
  );
  // Every unit numbered in the range (other tests add numbers that sort inside it), each of the seed's.
  const numbers = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((row) => row.split(',')[0]!.toLowerCase());
  expect(numbers.every((n) => n >= 'device-00101' && n <= 'device-00120')).toBe(true);
  for (let k = 101; k <= 120; k++) expect(numbers).toContain(`device-00${k}`);
  expect(csv).toContain('orders@acme-retail.example');
});

test('receives a unit with an unclear label on hold and another with an internal code, in one receipt', async ({
  page,
}, testInfo) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'HT-100');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  const field = page.getByLabel('Serial numbers', { exact: true });
  await scan(field, 'device-00141');
  await scan(field, 'device-00142');
  await scan(field, 'device-00143');
  await expect(page.locator('[role="row"][data-verdict="ok"]')).toHaveCount(3);
  const details = page.getByRole('region', { name: 'Unit details' });
  await details.getByRole('button', { name: 'Add unit details' }).click();
  await details.getByLabel('Serial', { exact: true }).last().fill('device-00142');
  await details.getByRole('switch').last().check();
  await details.getByLabel('Why the label of device-00142 is unclear').fill('smudged: 8 or B?');
  await details.getByRole('button', { name: 'Add unit details' }).click();
  await details.getByLabel('Serial', { exact: true }).last().fill('device-00143');
  await details.getByLabel('Internal code of device-00143').fill('TOOL-2026-000045');
  await screenshot(page, testInfo, 'receive-unit-details');
  await page.getByRole('button', { name: 'Receive 3 units' }).click();
  await postedNumber(page, 'RCV');

  await open(page, '/serials?q=2026-000045');
  await expect(page.getByRole('row', { name: /device-00143.*TOOL-2026-000045/ })).toBeVisible();
  await open(page, '/serials?q=device-00142');
  await expect(page.getByRole('row', { name: /device-00142/ })).toContainText('On hold');
});
