import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, open } from './demo';

// Every screen of the demo, as it first opens, in the OS's light and dark themes: axe finds nothing.
// (The story specs also run axe on the screens in the states they leave them in: refusals, results.)
const SCREENS = [
  '/scan',
  '/scan?number=device-00104',
  '/serials',
  '/documents',
  '/recall',
  '/recall?first=device-00101&last=device-00120',
  '/receive',
  '/ship',
  '/return',
  '/transfer',
  '/hold',
  '/repairs',
  '/write-off',
  '/products',
  '/products/new',
  '/warranty-page',
  '/w/demo',
  '/import',
  '/stock-count',
  '/webhooks',
];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const screen of SCREENS) {
      test(`${screen} has no accessibility violations`, async ({ page }) => {
        await open(page, screen);
        await expect(page.getByRole('main')).not.toBeEmpty();
        await expectNoAxeViolations(page);
      });
    }

    test('a unit page and a document page have no accessibility violations', async ({ page }) => {
      await open(page, '/serials');
      await page
        .getByRole('link', { name: /device-001\d\d/ })
        .first()
        .click();
      await expect(page).toHaveURL(/\/serials\/[^/]+$/);
      await expect(page.locator('[data-movement-type]').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await open(page, '/documents');
      await page
        .getByRole('link', { name: /SHP-\d{6}/ })
        .first()
        .click();
      await expect(page).toHaveURL(/\/documents\/[^/]+$/);
      await expect(page.getByText(/SHP-\d{6}/).first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('the template preview of a product and the labels of a receipt have no accessibility violations', async ({
      page,
    }) => {
      // Nothing is saved here: the preview and the preset check run in the browser.
      await open(page, '/products/new');
      const form = page.getByRole('form', { name: 'Product settings' });
      await form.getByLabel('Serial preset').selectOption('IMEI');
      await form.getByLabel('Number template').fill('PHN-{SEQ:4}');
      await expect(page.getByTestId('number-template-preview')).toContainText('refuses');
      await expectNoAxeViolations(page);
      // The seeded first receipt's page offers its units' labels.
      await open(page, '/documents?q=RCV-000001');
      await page.getByRole('link', { name: 'RCV-000001', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Labels for RCV-000001' })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}
