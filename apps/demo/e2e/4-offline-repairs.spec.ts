import { expect, test, type Page } from '@playwright/test';
import { loseFirstAnswer, open, scan, screenshot, demoApi } from './demo';

// Repairs offline: an intake or a release made while the API cannot be reached waits on the device
// with its idempotency key, like every other posting (4-offline.spec.ts), and reaches the API once.
test.describe.configure({ mode: 'serial' });

/** HT-100 numbers (format device-\d{5}) no other spec uses: a random block per run. */
const block = 90_000 + Math.floor(Math.random() * 90) * 100;
const serial = (n: number) => `device-${block + n}`;

/** A unit received into MAIN and shipped to Acme Retail by the API: a customer's unit, ready for intake. */
async function shippedUnit(number: string): Promise<void> {
  const data = await demoApi<{
    product: { id: string };
    warehouses: { id: string; code: string }[];
    parties: { id: string; name: string }[];
  }>(`{ product(sku: "HT-100") { id } warehouses { id code } parties(role: CUSTOMER) { id name } }`);
  const warehouseId = data.warehouses.find((w) => w.code === 'MAIN')!.id;
  const customerId = data.parties.find((p) => p.name === 'Acme Retail')!.id;
  const lines = [{ productId: data.product.id, quantity: 1, serials: [number] }];
  await demoApi(`mutation ($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`, {
    input: { warehouseId, lines },
  });
  await demoApi(`mutation ($input: ShipStockInput!) { shipStock(input: $input) { number } }`, {
    input: { warehouseId, customerId, lines },
  });
}

interface UnitState {
  status: string;
  history: { type: string; document: { number: string } }[];
}
async function unitState(number: string): Promise<UnitState> {
  const data = await demoApi<{ lookupSerial: UnitState[] }>(
    `query ($n: String!) { lookupSerial(number: $n) { status history { type document { number } } } }`,
    { n: number },
  );
  expect(data.lookupSerial, number).toHaveLength(1);
  return data.lookupSerial[0]!;
}
/** The documents of a movement type the unit has: posted once means exactly one. */
const moves = (unit: UnitState, type: string) =>
  unit.history.filter((m) => m.type === type).map((m) => m.document.number);

const waitingNotice = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Saved on this device, will be sent' });
const sentNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'Sent from this device' });

async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The intake form with the unit looked up (online: the lookup needs the API). */
async function intakeFormFor(page: Page, number: string) {
  await open(page, '/scan');
  await controlledByServiceWorker(page);
  await open(page, '/repairs');
  const intake = page.getByRole('form', { name: 'Take in for repair' });
  await scan(intake.getByLabel('Serial number'), number);
  await expect(intake.getByText('at Acme Retail')).toBeVisible();
  return intake;
}

test('an intake and a release made offline wait on the device and are posted once when it reconnects', async ({
  page,
  context,
}, testInfo) => {
  const number = serial(1);
  await shippedUnit(number);
  const intake = await intakeFormFor(page, number);
  await intake.getByLabel('Problem').fill('Keeps rebooting');

  await context.setOffline(true);
  await intake.getByRole('button', { name: 'Take in' }).click();
  await expect(waitingNotice(page)).toContainText('1 document waiting');
  await expect(waitingNotice(page)).toContainText(`Repair intake · 1 unit · ${number}`);
  // The form is ready for the next case.
  await expect(intake.getByLabel('Serial number')).toHaveValue('');
  await screenshot(page, testInfo, 'offline-repair-saved');
  // A reload without a network keeps it (the shell from the service worker, the queue from IndexedDB).
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(waitingNotice(page)).toContainText(`Repair intake · 1 unit · ${number}`);
  expect((await unitState(number)).status).toBe('SHIPPED');

  await context.setOffline(false);
  await expect(sentNotice(page)).toContainText(
    new RegExp(`Repair intake · 1 unit · ${number} as RPI-\\d{6}`),
  );
  await expect(waitingNotice(page)).toHaveCount(0);
  const taken = await unitState(number);
  expect(taken.status).toBe('IN_REPAIR');
  expect(moves(taken, 'REPAIR_INTAKE')).toHaveLength(1);
  await expect(sentNotice(page)).toContainText(moves(taken, 'REPAIR_INTAKE')[0]!);

  // The release: the panel opened online, sent offline.
  const item = page.getByRole('listitem').filter({ hasText: number });
  await item.getByRole('button', { name: 'Release…' }).click();
  await page.getByLabel('Note').last().fill('Board replaced');
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send it back' }).click();
  await expect(waitingNotice(page)).toContainText(`Repair release · 1 unit · ${number}`);
  // The unit is marked, so nobody releases it a second time while it waits.
  await expect(item).toContainText('Release saved on this device, will be sent');
  await expect(item.getByRole('button', { name: 'Release…' })).toHaveCount(0);
  expect((await unitState(number)).status).toBe('IN_REPAIR');

  await context.setOffline(false);
  await expect(sentNotice(page)).toContainText(
    new RegExp(`Repair release · 1 unit · ${number} as RPO-\\d{6}`),
  );
  await expect(page.getByRole('listitem').filter({ hasText: number })).toHaveCount(0);
  const released = await unitState(number);
  expect(released.status).toBe('SHIPPED');
  expect(moves(released, 'REPAIR_INTAKE')).toHaveLength(1);
  expect(moves(released, 'REPAIR_RELEASE')).toHaveLength(1);
});

test('an intake posted whose answer was lost on the way back is sent again and exists once', async ({
  page,
  context,
}) => {
  const number = serial(2);
  await shippedUnit(number);
  const intake = await intakeFormFor(page, number);

  // The intake reaches the API and is posted, but the connection drops before its answer arrives.
  const lost = await loseFirstAnswer(context, 'DemoIntakeRepair');
  await intake.getByRole('button', { name: 'Take in' }).click();
  await expect(waitingNotice(page)).toContainText(`Repair intake · 1 unit · ${number}`);
  await lost.answered;
  const posted = moves(await unitState(number), 'REPAIR_INTAKE');
  expect(posted).toHaveLength(1);

  // Answers arrive again: the retry carries the same key; the API answers with the intake it posted.
  await lost.restore();
  await expect(sentNotice(page)).toContainText(`Repair intake · 1 unit · ${number} as ${posted[0]}`, {
    timeout: 30_000,
  });
  const unit = await unitState(number);
  expect(unit.status).toBe('IN_REPAIR');
  expect(moves(unit, 'REPAIR_INTAKE')).toEqual(posted);
});

test('an intake another clerk made while this one waited comes back as a refusal naming the unit', async ({
  page,
  context,
}) => {
  const number = serial(3);
  await shippedUnit(number);
  const intake = await intakeFormFor(page, number);
  await context.setOffline(true);
  await intake.getByRole('button', { name: 'Take in' }).click();
  await expect(waitingNotice(page)).toContainText(`Repair intake · 1 unit · ${number}`);
  // Meanwhile another clerk, online, takes the same unit in.
  const { lookupSerial } = await demoApi<{ lookupSerial: { id: string }[] }>(
    `query ($n: String!) { lookupSerial(number: $n) { id } }`,
    { n: number },
  );
  const { warehouses } = await demoApi<{ warehouses: { id: string; code: string }[] }>(
    `{ warehouses { id code } }`,
  );
  await demoApi(`mutation ($input: IntakeRepairInput!) { intakeRepair(input: $input) { number } }`, {
    input: { serialId: lookupSerial[0]!.id, warehouseId: warehouses.find((w) => w.code === 'MAIN')!.id },
  });

  await context.setOffline(false);
  const refused = page.locator('.offline-refused').filter({ hasText: `Repair intake · 1 unit · ${number}` });
  await expect(refused).toContainText('was refused when it was sent');
  await expect(refused.getByRole('alert')).toHaveAttribute('data-code', 'SERIAL_NOT_AVAILABLE');
  await expect(refused.locator('.offline-refused-serials')).toContainText(number);
  await expect(waitingNotice(page)).toHaveCount(0);
  expect(moves(await unitState(number), 'REPAIR_INTAKE')).toHaveLength(1);
  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.offline-refused')).toHaveCount(0);
});
