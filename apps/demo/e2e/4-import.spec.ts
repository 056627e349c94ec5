import { expect, test } from '@playwright/test';
import { open, screenshot } from './demo';

// The Import screen after the story: a file with a problem is checked row by row, then the fixed
// file is received as one receipt per warehouse, and sending it again answers the same receipts.
test.describe.configure({ mode: 'serial' });

const file = (rows: string[]) => ({
  name: 'stock.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['sku,serial,warehouse,unitCost,internalCode', ...rows].join('\r\n') + '\r\n'),
});

test('checks a file row by row: a recorded serial is named and nothing is received', async ({
  page,
}, testInfo) => {
  await open(page, '/import');
  await page
    .getByLabel('CSV file')
    .setInputFiles(file(['HT-100,device-00901,MAIN,99.00,', 'HT-100,device-00101,MAIN,,']));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('2 rows: 1 ready, 1 with a problem.')).toBeVisible();
  await expect(page.locator('tr[data-verdict="ALREADY_EXISTS"]')).toContainText('device-00101');
  await expect(page.locator('tr[data-verdict="OK"]')).toContainText('device-00901');
  await expect(page.getByRole('button', { name: /^Receive/ })).toBeDisabled();
  await screenshot(page, testInfo, 'import-check');
});

test('receives a clean file as one receipt per warehouse, and the same file again answers the same receipts', async ({
  page,
}, testInfo) => {
  await open(page, '/import');
  const clean = file(['HT-100,device-00901,MAIN,99.00,TAG-IMP-1', 'HT-100,device-00902,EAST,99.00,']);
  await page.getByLabel('CSV file').setInputFiles(clean);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('2 rows: 2 ready, 0 with a problem.')).toBeVisible();
  await page.getByRole('button', { name: 'Receive 2 units' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Received:' });
  await expect(notice).toContainText(/RCV-\d{6} \(1 units into MAIN\), RCV-\d{6} \(1 units into EAST\)/);
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await screenshot(page, testInfo, 'import-received');
  const received = await notice.textContent();

  await page.getByRole('button', { name: 'Receive 2 units' }).click();
  const again = page.getByRole('status').filter({ hasText: 'already received' });
  await expect(again).toBeVisible();
  expect((await again.textContent())!.replace('This file was already received: ', '')).toBe(
    received!.replace('Received: ', ''),
  );
});
