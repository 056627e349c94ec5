import { expect, test, type Locator, type Page, type Response } from '@playwright/test';
import { choose, expectNoAxeViolations, open, postedNumber, scan, screenshot } from './demo';

// Numbers made by the product and labels printed for them: a preset and a number template set on
// the Products screen (with the live preview), numbers reserved and their labels printed, received
// by reservation and generated on Receive, and a unit's own label from its page. Every label is the
// API's PDF, fetched with the demo's key; the test reads the response the app received.
test.describe.configure({ mode: 'serial' });

const YEAR = new Date().getUTCFullYear();
const tool = (seq: number) => `TOOL-${YEAR}-${String(seq).padStart(6, '0')}`;

/** Clicks "Print labels" in `scope` and returns the /labels response the app fetched. */
async function printLabels(page: Page, scope: Locator): Promise<Response> {
  const response = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/labels' && r.request().method() === 'POST',
  );
  await scope.getByRole('button', { name: 'Print labels' }).click();
  return response;
}

/** The response is a real, non-empty PDF: the blob the app holds and links to (read in the page). */
async function expectPdf(response: Response, scope: Locator): Promise<void> {
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  await expect(scope.getByRole('status').filter({ hasText: 'Labels ready' })).toBeVisible();
  const link = scope.getByRole('link', { name: /^open labels-.+\.pdf$/ });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^blob:/);
  const pdf = await link.evaluate(async (_a, url) => {
    const blob = await (await fetch(url)).blob();
    return { type: blob.type, size: blob.size, head: await blob.slice(0, 5).text() };
  }, href!);
  expect(pdf.type).toBe('application/pdf');
  expect(pdf.head).toBe('%PDF-');
  expect(pdf.size).toBeGreaterThan(1000);
}

test.beforeEach(async ({ page }) => {
  // "Print labels" opens the PDF in a new tab as well; the test reads the response instead.
  page.on('popup', (popup) => void popup.close().catch(() => undefined));
});

test('sets a serial preset and a number template on a product, with a live preview', async ({
  page,
}, testInfo) => {
  await open(page, '/products/new');
  const form = page.getByRole('form', { name: 'Product settings' });
  await form.getByLabel('SKU').fill('PHN-5');
  await form.getByLabel('Name').fill('Phone 5G');
  await form.getByRole('switch', { name: 'Serial tracking' }).check();
  // A preset and a pattern together are stopped before sending.
  await form.getByLabel('Serial format').fill('\\d{15}');
  await form.getByLabel('Serial preset').selectOption({ label: 'IMEI (15 digits, Luhn check digit)' });
  await expect(page.getByRole('alert').filter({ hasText: 'not both' })).toBeVisible();
  await form.getByLabel('Serial format').fill('');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The preview uses the domain's formatter and checks the numbers against the preset.
  const template = form.getByLabel('Number template');
  const preview = page.getByTestId('number-template-preview');
  await template.fill('PHN-{SEQ:4}');
  await expect(preview).toContainText('PHN-0001, PHN-0002, PHN-0003 … PHN-9999');
  await expect(preview).toContainText('The serial preset refuses numbers such as PHN-0001');
  await template.fill('35{SEQ:12}{CHECK}');
  await expect(preview).toContainText('350000000000014, 350000000000022, 350000000000030');
  await expect(preview).toContainText('They pass the serial preset.');
  await template.fill('35{SEQ:12');
  await expect(page.getByRole('alert')).toContainText('never closed');
  await template.fill('35{SEQ:12}{CHECK}');
  await screenshot(page, testInfo, 'product-template');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'PHN-5 saved.' })).toBeVisible();

  await open(page, '/products');
  const row = page.getByRole('row').filter({ hasText: 'PHN-5' });
  await expect(row).toContainText('IMEI');
  await expect(row).toContainText('35{SEQ:12}{CHECK}');
});

test('reserves numbers of a template, prints their labels and receives them', async ({ page }, testInfo) => {
  await open(page, '/products/new');
  const form = page.getByRole('form', { name: 'Product settings' });
  await form.getByLabel('SKU').fill('DRL-18');
  await form.getByLabel('Name').fill('Cordless drill 18 V');
  await form.getByRole('switch', { name: 'Serial tracking' }).check();
  await form.getByLabel('Number template').fill('TOOL-{YYYY}-{SEQ:6}');
  await expect(page.getByTestId('number-template-preview')).toContainText(
    `${tool(1)}, ${tool(2)}, ${tool(3)} … ${tool(999999)}`,
  );
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('heading', { name: 'DRL-18 · Cordless drill 18 V' })).toBeVisible();

  const reserve = page.getByRole('region', { name: 'Reserve numbers' });
  await reserve.getByLabel('How many numbers').fill('3');
  await reserve.getByRole('button', { name: 'Reserve numbers' }).click();
  await expect(reserve.getByRole('list', { name: 'Reserved numbers' }).getByRole('listitem')).toHaveText([
    tool(1),
    tool(2),
    tool(3),
  ]);
  const labels = reserve.getByRole('region', { name: `Labels for reserved ${tool(1)}` });
  await choose(labels.getByLabel('Barcode'), 'DataMatrix');
  await choose(labels.getByLabel('Sheet'), 'A4 sheet');
  const response = await printLabels(page, labels);
  expect(response.request().postDataJSON()).toMatchObject({
    numbers: [tool(1), tool(2), tool(3)],
    symbology: 'datamatrix',
    sheet: 'a4',
    format: 'pdf',
  });
  await expectPdf(response, labels);
  // The same labels drawn in the page by the SerialLabels widget, with the clerk's choices.
  await labels.getByText('Preview the labels').click();
  await expect(
    labels.getByRole('img', { name: `Labels, page 1 of 1: ${tool(1)}, ${tool(2)}, ${tool(3)}` }),
  ).toBeVisible();
  await expect(labels.locator('[data-barcode="datamatrix"]')).toHaveCount(3);
  await screenshot(page, testInfo, 'product-reserved-numbers');

  await reserve.getByRole('link', { name: 'Receive these numbers' }).click();
  await expect(page).toHaveURL(/\/receive\?product=.+&reservation=.+/);
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  const receive = page.getByRole('region', { name: 'Receive reserved numbers' });
  await expect(receive).toContainText('0 of 3 received');
  await receive.getByRole('button', { name: 'Receive 3 reserved' }).click();
  await postedNumber(page, 'RCV');
  await expect(receive.getByTestId('received-numbers')).toHaveText(`${tool(1)}, ${tool(2)}, ${tool(3)}`);
  await expect(receive).toContainText('3 of 3 received; all received.');
  const receiptLabels = receive.getByRole('region', { name: /^Labels for RCV-\d{6}$/ });
  await expectPdf(await printLabels(page, receiptLabels), receiptLabels);
  await screenshot(page, testInfo, 'receive-reserved-numbers');
});

test('generates numbers on Receive and prints the receipt labels', async ({ page }, testInfo) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'DRL-18');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  const generate = page.getByRole('region', { name: 'Generate numbers' });
  await generate.getByLabel('Units to number').fill('2');
  await generate.getByRole('button', { name: 'Generate and receive 2' }).click();
  const receipt = await postedNumber(page, 'RCV');
  // The counter goes on after the reserved numbers: they are never handed out twice.
  await expect(generate.getByTestId('received-numbers')).toHaveText(`${tool(4)}, ${tool(5)}`);
  const labels = generate.getByRole('region', { name: `Labels for ${receipt}` });
  await choose(labels.getByLabel('Barcode'), 'QR code');
  const response = await printLabels(page, labels);
  expect(response.request().postDataJSON()).toMatchObject({ symbology: 'qr', sheet: 'thermal-58x40' });
  await expectPdf(response, labels);
  await screenshot(page, testInfo, 'receive-generated-numbers');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
});

test('the unit page shows the internal code and prints its label', async ({ page }, testInfo) => {
  await open(page, '/receive');
  await choose(page.getByLabel('Product'), 'DRL-18');
  await choose(page.getByLabel('Into warehouse'), 'MAIN');
  await scan(page.getByLabel('Serial numbers', { exact: true }), 'MKT-88812');
  const details = page.getByRole('region', { name: 'Unit details' });
  await details.getByRole('button', { name: 'Add unit details' }).click();
  await details.getByLabel('Serial', { exact: true }).fill('MKT-88812');
  await details.getByLabel('Internal code of MKT-88812').fill('ASSET-DRL-0001');
  await page.getByRole('button', { name: 'Receive 1 unit' }).click();
  const receipt = await postedNumber(page, 'RCV');
  // Right after the receipt, its labels are one click away.
  await expect(page.getByRole('region', { name: `Labels for ${receipt}` })).toBeVisible();

  await open(page, '/serials?q=MKT-88812');
  await page.getByRole('link', { name: 'MKT-88812' }).click();
  await expect(page).toHaveURL(/\/serials\/[^/?]+$/);
  await expect(page.getByText('Internal code ASSET-DRL-0001')).toBeVisible();
  await page.getByText('Print a label').click();
  const labels = page.getByRole('region', { name: 'Labels for MKT-88812' });
  const response = await printLabels(page, labels);
  expect(response.request().postDataJSON()).toMatchObject({ serialIds: [expect.any(String)] });
  await expectPdf(response, labels);
  await screenshot(page, testInfo, 'unit-labels');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
});
