import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, open, screenshot } from './demo';

// The public warranty page /w/demo (seeded published): a customer types a serial and sees the
// product and its warranty, without the demo's key; a number it does not know and an organization
// that published nothing give the same "not found". The Warranty page screen turns it off and on.
test.describe.configure({ mode: 'serial' });

const SHIPPED = 'device-00101'; // shipped to Acme Retail, 24 months of warranty

/** Looks a number up on the public page and returns the result region. */
async function lookUp(page: Page, number: string) {
  await page.getByLabel('Serial number').fill(number);
  await page.getByRole('button', { name: 'Check warranty' }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).not.toBeEmpty();
  return result;
}

/** The "not found" sentence with the number taken out: the same whatever the reason. */
async function notFoundText(page: Page, number: string) {
  const result = await lookUp(page, number);
  await expect(result).toContainText(`We found no warranty for ${number}`);
  const text = (await result.textContent()) ?? '';
  return text.replace(number, '<number>');
}

test('a customer checks a warranty at /w/demo without the key', async ({ browser }, testInfo) => {
  // A browser that never saw the back office.
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked: { url: string; authorization?: string }[] = [];
  page.on('request', (r) => asked.push({ url: r.url(), authorization: r.headers().authorization }));

  await open(page, '/w/demo');
  await expect(page.getByRole('heading', { name: 'Warranty check', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectNoAxeViolations(page);

  const result = await lookUp(page, SHIPPED);
  await expect(result.getByRole('heading', { name: 'Handheld terminal HT-100' })).toBeVisible();
  await expect(result).toContainText('Under warranty');
  await expect(result).toContainText(SHIPPED);
  // Nothing else about the unit: no customer, no price, no history.
  await expect(result).not.toContainText('Acme');
  await expect(result).not.toContainText('129.90');
  await screenshot(page, testInfo, 'warranty-page');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await screenshot(page, testInfo, 'warranty-page-dark');

  const unknown = await notFoundText(page, 'device-99999');
  await open(page, '/w/no-such-shop');
  expect(await notFoundText(page, SHIPPED)).toBe(unknown);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page);

  expect(asked.filter((r) => r.url.includes('/demo-config.json'))).toEqual([]);
  expect(asked.filter((r) => r.authorization)).toEqual([]);
  expect(asked.filter((r) => r.url.endsWith('/graphql')).length).toBeGreaterThanOrEqual(3);
  await context.close();
});

test('the Warranty page screen unpublishes the page, which then answers like an unknown number, and publishes it again', async ({
  page,
  browser,
}, testInfo) => {
  await open(page, '/warranty-page');
  const form = page.getByRole('form', { name: 'Warranty page settings' });
  await expect(form.getByLabel('Page address')).toHaveValue('demo');
  const published = form.getByRole('switch', { name: 'Published' });
  await expect(published).toBeChecked();
  await screenshot(page, testInfo, 'warranty-page-settings');

  const customer = await (await browser.newContext()).newPage();
  await open(customer, '/w/demo');
  const unknown = await notFoundText(customer, 'device-99999');

  await published.uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('The page is off');
  expect(await notFoundText(customer, SHIPPED)).toBe(unknown);

  // An address out of the rules is caught before sending.
  await form.getByLabel('Page address').fill('a b');
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByLabel('Page address').fill('Demo');
  await published.check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('The page is live at /w/demo');
  await expectNoAxeViolations(page);
  await expect(
    (await lookUp(customer, SHIPPED)).getByRole('heading', { name: 'Handheld terminal HT-100' }),
  ).toBeVisible();
  await customer.context().close();
});
