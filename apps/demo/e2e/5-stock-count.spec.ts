import { expect, test } from '@playwright/test';
import { choose, open, scan, screenshot, demoApi } from './demo';

// The weekly spot check as a workflow: a count of one warehouse, units scanned with the wedge, the
// three lists filling in, and a close that posts the fixes (a write-off and a transfer) based on it.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // A shelf of its own: four terminals in AUDIT, one more recorded in MAIN.
  const ref = await demoApi<{
    warehouses: { id: string; code: string }[];
    parties: { id: string; name: string }[];
    products: { edges: { node: { id: string; sku: string } }[] };
  }>(`{ warehouses { id code } parties { id name } products(first: 200) { edges { node { id sku } } } }`);
  const main = ref.warehouses.find((w) => w.code === 'MAIN')!.id;
  const supplier = ref.parties.find((p) => p.name === 'Handheld Supply Co')!.id;
  const terminal = ref.products.edges.find((e) => e.node.sku === 'HT-100')!.node.id;
  const audit = (
    await demoApi<{ createWarehouse: { id: string } }>(
      `mutation { createWarehouse(input: { code: "AUDIT", name: "Audit shelf" }) { id } }`,
    )
  ).createWarehouse.id;
  const receive = (warehouseId: string, serials: string[]) =>
    demoApi(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, {
      input: {
        warehouseId,
        supplierId: supplier,
        lines: [{ productId: terminal, quantity: serials.length, serials, unitCost: '99.00' }],
      },
    });
  await receive(audit, ['device-09001', 'device-09002', 'device-09003', 'device-09004']);
  await receive(main, ['device-09005']);
});

test('starts a count, scans the shelf, sees the three lists and closes with fixes', async ({
  page,
}, testInfo) => {
  await open(page, '/stock-count');
  await choose(page.getByLabel('Warehouse'), 'AUDIT');
  await page.getByRole('button', { name: 'Start count' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Stock count CNT-\d{6}/);
  await expect(page.getByText('Expected when it started: 4 units.')).toBeVisible();

  const box = page.getByLabel('Serial number to count');
  for (const number of ['device-09001', 'DEVICE-09002', 'device-09005', 'NOPE-9999', 'device-09001'])
    await scan(box, number);
  await expect(page.getByRole('list', { name: 'Last scan' })).toContainText('already scanned');

  const counted = page.getByRole('region', { name: 'Counted and expected' });
  const missing = page.getByRole('region', { name: 'Missing' });
  const found = page.getByRole('region', { name: 'Found' });
  await expect(counted.getByRole('heading')).toHaveText('Counted and expected (2)');
  await expect(missing.getByRole('heading')).toHaveText('Expected but not found (2)');
  await expect(missing).toContainText('device-09003');
  await expect(missing).toContainText('device-09004');
  await expect(found.getByRole('heading')).toHaveText('Found but not expected (2)');
  await expect(found.getByRole('row', { name: /device-09005/ })).toContainText(
    'Recorded in another warehouse',
  );
  await expect(found.getByRole('row', { name: /device-09005/ })).toContainText('MAIN');
  await expect(found.getByRole('row', { name: /NOPE-9999/ })).toContainText('No unit has this number');
  await screenshot(page, testInfo, 'stock-count-open');

  await page.getByRole('button', { name: 'Close and post fixes' }).click();
  const fixes = page.getByRole('status').filter({ hasText: 'Fixes posted' });
  await expect(fixes).toContainText(/WOF-\d{6} \(.+\), TRF-\d{6} \(.+\)/);
  await expect(page.getByText(/Closed, fixes posted/)).toBeVisible();
  await expect(page.getByLabel('Serial number to count')).toHaveCount(0);
  await screenshot(page, testInfo, 'stock-count-closed');

  // The unit's history shows the write-off with the count as its reason.
  await open(page, '/scan?number=device-09003');
  await expect(page.getByText(/not found in count CNT-\d{6}/).first()).toBeVisible();
});
