import { expect, test } from '@playwright/test';
import { choose, open, scan, screenshot } from './demo';

// The product settings screen: the list, a new product with barcodes, tracking switched on (and
// never off), and a barcode another product holds refused with the API's words.
test.describe.configure({ mode: 'serial' });

test('lists the products and creates one with barcodes, then switches serial tracking on', async ({
  page,
}, testInfo) => {
  await open(page, '/products');
  await expect(page.getByRole('link', { name: 'HT-100' })).toBeVisible();
  // The seeded terminal carries its EAN-13.
  await expect(page.getByRole('row').filter({ hasText: 'HT-100' })).toContainText('4001234567891');
  await screenshot(page, testInfo, 'products');

  await page.getByRole('link', { name: 'New product' }).click();
  const form = page.getByRole('form', { name: 'Product settings' });
  await form.getByLabel('SKU').fill('SCN-200');
  await form.getByLabel('Name').fill('Ring scanner');
  await form.getByLabel('Warranty (months)').fill('24');
  // A mistyped check digit is caught before sending.
  await form.getByLabel('Barcodes (GTIN / EAN / UPC)').fill('4006381333932');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('alert')).toContainText('check digit');
  await form.getByLabel('Barcodes (GTIN / EAN / UPC)').fill('4006381333931\n96385074');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('status')).toContainText('SCN-200 saved.');
  await expect(page.getByRole('heading', { name: 'SCN-200 · Ring scanner' })).toBeVisible();

  const tracking = page.getByRole('switch', { name: 'Serial tracking' });
  await expect(tracking).not.toBeChecked();
  await tracking.check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText('SCN-200 saved.');
  // Once on, the form no longer offers switching it off.
  await expect(tracking).toBeChecked();
  await expect(tracking).toBeDisabled();
  await screenshot(page, testInfo, 'product-edit');

  await open(page, '/products');
  const row = page.getByRole('row').filter({ hasText: 'SCN-200' });
  await expect(row).toContainText('Serial numbers');
  await expect(row).toContainText('4006381333931, 96385074');
});

test('a barcode already on another product is refused naming it and that product', async ({ page }) => {
  await open(page, '/products/new');
  const form = page.getByRole('form', { name: 'Product settings' });
  await form.getByLabel('SKU').fill('SCN-201');
  await form.getByLabel('Name').fill('Another scanner');
  await form.getByLabel('Barcodes (GTIN / EAN / UPC)').fill('96385074');
  await form.getByRole('button', { name: 'Create product' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-code', 'BARCODE_EXISTS');
  await expect(alert).toContainText('96385074 (SCN-200)');
});

test('scanning a product barcode on Receive switches to that product', async ({ page }) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'HT-100');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  await scan(page.getByRole('textbox', { name: 'Serial numbers' }), '4006381333931');
  await expect(page.getByRole('heading', { name: /SCN-200/ })).toBeVisible();
  expect(await page.getByLabel('Product').locator('option:checked').textContent()).toContain('SCN-200');
});

test('scanning a product barcode in a shipment line adds a line for that product', async ({ page }) => {
  await open(page, '/ship');
  await choose(page.getByLabel('From warehouse'), 'MAIN');
  const line = page.getByRole('region', { name: 'Line 1' });
  await choose(line.getByLabel('Line 1: product'), 'HT-100');
  await scan(line.getByLabel('Search or scan a serial number'), '96385074');
  const added = page.getByRole('region', { name: 'Line 2' });
  await expect(added).toBeVisible();
  expect(await added.getByLabel('Line 2: product').locator('option:checked').textContent()).toContain(
    'SCN-200',
  );
});
