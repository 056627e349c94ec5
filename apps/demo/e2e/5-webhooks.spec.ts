import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, open, screenshot, demoApi } from './demo';

// Webhooks from the admin's side: add an endpoint on the Webhooks screen, keep the secret it shows
// once, post receipts through the API and watch a real receiver on 127.0.0.1 get signed
// `document.posted` events; the receiver fails, the log shows it, and Replay sends the same event again.
test.describe.configure({ mode: 'serial' });

/** One request the receiver got, and the status it answered. */
interface Received {
  path: string;
  eventId: string;
  eventType: string;
  signature: string;
  body: string;
  answered: number;
}

/** A receiving endpoint that records every request and answers 500 while `failing` is set. */
function startReceiver(): Promise<{
  server: Server;
  base: string;
  url: string;
  received: Received[];
  failing: { on: boolean };
}> {
  const received: Received[] = [];
  const failing = { on: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = failing.on ? 500 : 200;
      received.push({
        path: req.url ?? '',
        eventId: String(req.headers['serialgraph-event-id'] ?? ''),
        eventType: String(req.headers['serialgraph-event-type'] ?? ''),
        signature: String(req.headers['serialgraph-signature'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(failing.on ? 'receiver down for maintenance' : 'ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      resolve({ server, base, url: `${base}/hooks/serialgraph`, received, failing });
    });
  });
}

/** The receiver's check, as the README documents it: HMAC-SHA256 of "<t>.<raw body>" with the secret. */
function signatureValid(request: Received, secret: string): boolean {
  const parts = Object.fromEntries(
    request.signature.split(',').map((p) => p.split('=', 2) as [string, string]),
  );
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${request.body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Receives one terminal into MAIN through the API; returns the receipt's number. */
async function receiveOne(serial: string): Promise<string> {
  const ref = await demoApi<{
    warehouses: { id: string; code: string }[];
    parties: { id: string; name: string }[];
    products: { edges: { node: { id: string; sku: string } }[] };
  }>(`{ warehouses { id code } parties { id name } products(first: 200) { edges { node { id sku } } } }`);
  const posted = await demoApi<{ receiveStock: { number: string } }>(
    `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { number } }`,
    {
      input: {
        warehouseId: ref.warehouses.find((w) => w.code === 'MAIN')!.id,
        supplierId: ref.parties.find((p) => p.name === 'Handheld Supply Co')!.id,
        lines: [
          {
            productId: ref.products.edges.find((e) => e.node.sku === 'HT-100')!.node.id,
            quantity: 1,
            serials: [serial],
            unitCost: '99.00',
          },
        ],
      },
    },
  );
  return posted.receiveStock.number;
}

/** The screen as it is now has no axe violations in the dark theme either (screenshot() checks light). */
async function expectNoAxeViolationsInDark(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The secret shown when the endpoint was added (the second test rotates it). */
let firstSecret = '';
let receiver: Awaited<ReturnType<typeof startReceiver>>;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver.server.close(resolve));
});

/** The requests for one document's `document.posted` event at one path, in the order they arrived. */
const requestsFor = (number: string, path = '/hooks/serialgraph') =>
  receiver.received.filter(
    (r) =>
      r.path === path &&
      r.eventType === 'document.posted' &&
      (JSON.parse(r.body) as { data: { document: { number: string } } }).data.document.number === number,
  );

test('adds an endpoint, sees signed deliveries in the log, and replays a failed one', async ({
  page,
}, testInfo) => {
  await open(page, '/webhooks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks');
  const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
  // A URL carrying credentials is refused in plain words, naming the problem, and nothing is added.
  await form.getByLabel('URL').fill(receiver.url.replace('//', '//user:secret@'));
  await form.getByRole('button', { name: 'Add endpoint' }).click();
  const refusal = page.locator('.refusal[data-code="WEBHOOK_URL_REFUSED"]');
  await expect(refusal).toContainText('Webhook URL refused');
  await expect(refusal).toContainText('credentials');
  await expect(page.getByRole('heading', { name: 'Endpoints (0)' })).toBeVisible();
  await expect(page.getByLabel('Signing secret (shown once)')).toHaveCount(0);

  await form.getByLabel('URL').fill(receiver.url);
  await expect(form.getByRole('checkbox', { name: /document\.posted/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: /serial\.changed/ })).not.toBeChecked();
  await form.getByLabel('Description').fill('ERP receiver (e2e)');
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  // The secret: shown once, focused, read-only, in the documented format.
  await expect(page.getByRole('status').filter({ hasText: 'added' })).toContainText(receiver.url);
  const secretField = page.getByLabel('Signing secret (shown once)');
  await expect(secretField).toBeFocused();
  await expect(secretField).toHaveAttribute('readonly', '');
  await expect(page.getByText('Shown once.')).toBeVisible();
  const secret = await secretField.inputValue();
  firstSecret = secret;
  expect(secret).toMatch(/^whsec_[\w-]{43}$/);
  const row = page.getByRole('row', { name: new RegExp(receiver.url.replaceAll('.', '\\.')) });
  await expect(row).toContainText('document.posted');
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText('ERP receiver (e2e)');
  await expect(page.getByRole('heading', { name: 'Endpoints (1)' })).toBeVisible();
  await expect(page.locator('.refusal')).toHaveCount(0);
  await screenshot(page, testInfo, 'webhooks-secret-once');
  await expectNoAxeViolationsInDark(page);

  // A posting reaches the receiver, signed with that secret.
  const first = await receiveOne('device-08001');
  await expect.poll(() => requestsFor(first).length, { timeout: 15_000 }).toBe(1);
  const delivered = requestsFor(first)[0]!;
  expect(signatureValid(delivered, secret), delivered.signature).toBe(true);
  expect(signatureValid(delivered, `${secret}x`)).toBe(false);
  expect(JSON.parse(delivered.body)).toMatchObject({ id: delivered.eventId, type: 'document.posted' });

  // Once means once: back on the screen, the secret is gone.
  await open(page, '/webhooks');
  await expect(page.getByRole('row', { name: /hooks\/serialgraph/ })).toBeVisible();
  await expect(page.getByLabel('Signing secret (shown once)')).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  await page
    .getByRole('row', { name: /hooks\/serialgraph/ })
    .getByRole('link', { name: 'Delivery log' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delivery log');
  const firstRow = page.getByRole('row', { name: new RegExp(first) });
  await expect(firstRow.locator('.pill')).toHaveText('Succeeded');
  await expect(firstRow).toContainText('document.posted');
  await expect(firstRow).toContainText('HTTP 200');

  // The receiver goes down: the delivery is refused with its 500, visible in the log.
  receiver.failing.on = true;
  const second = await receiveOne('device-08002');
  await expect.poll(() => requestsFor(second).map((r) => r.answered), { timeout: 15_000 }).toEqual([500]);
  const secondRow = page.getByRole('row', { name: new RegExp(second) });
  // (The e2e server retries for no time at all, so the failure is final until Replay; see global-setup.)
  await expect(secondRow.locator('.pill')).toHaveText('Failed');
  await expect(secondRow).toContainText('HTTP 500');
  await secondRow.locator('summary', { hasText: 'Response' }).click();
  await expect(secondRow.locator('.delivery-excerpt')).toHaveText('receiver down for maintenance');
  await screenshot(page, testInfo, 'webhooks-delivery-failed');
  await expectNoAxeViolationsInDark(page);

  // It recovers; Replay sends the same event again, and the log shows it delivered.
  receiver.failing.on = false;
  await secondRow.getByRole('button', { name: /^Replay/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Replay of' })).toContainText(second);
  await expect(secondRow.locator('.pill')).toHaveText('Succeeded');
  await expect(secondRow).toContainText('HTTP 200');
  await expect(secondRow.getByRole('cell').nth(3)).toHaveText('2');
  const attempts = requestsFor(second);
  expect(attempts.map((r) => r.answered)).toEqual([500, 200]);
  expect(attempts[1]!.eventId).toBe(attempts[0]!.eventId);
  expect(signatureValid(attempts[1]!, secret)).toBe(true);
  // The first delivery was never sent again.
  expect(requestsFor(first)).toHaveLength(1);
  await screenshot(page, testInfo, 'webhooks-delivery-replayed');
  await expectNoAxeViolationsInDark(page);
});

test('rotates the secret (shown once, the old one stops signing) and a disabled endpoint gets nothing', async ({
  page,
}, testInfo) => {
  await open(page, '/webhooks');
  const row = page.getByRole('row', { name: /hooks\/serialgraph/ });
  await row.getByRole('button', { name: /^Rotate secret/ }).click();
  // Rotating stops the old secret at once, so it asks for a second press.
  const confirm = row.getByRole('button', { name: /^Rotate now/ });
  await expect(confirm).toBeFocused();
  await confirm.click();
  await expect(page.getByRole('heading', { name: 'New signing secret' })).toBeVisible();
  const secretField = page.getByLabel('Signing secret (shown once)');
  await expect(secretField).toBeFocused();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_[\w-]{43}$/);
  expect(secret).not.toBe(firstSecret);
  await screenshot(page, testInfo, 'webhooks-secret-rotated');
  await expectNoAxeViolationsInDark(page);

  // Disabled: a posting now is never delivered, not even after enabling again.
  await row.getByRole('button', { name: /^Disable/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'disabled' })).toContainText(receiver.url);
  await expect(row.locator('.pill')).toHaveText('Disabled');
  await expect(secretField).toHaveCount(0);
  // A second endpoint that stays enabled witnesses when the posting's event has been relayed: only
  // then is enabling again "later" (the relay reads the endpoints when it turns events into deliveries).
  await demoApi(
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
    { input: { url: `${receiver.base}/hooks/witness`, events: ['DOCUMENT_POSTED'] } },
  );
  const whileDisabled = await receiveOne('device-08003');
  await expect.poll(() => requestsFor(whileDisabled, '/hooks/witness').length, { timeout: 15_000 }).toBe(1);
  await row.getByRole('button', { name: /^Enable/ }).click();
  await expect(row.locator('.pill')).toHaveText('Enabled');
  const afterEnabled = await receiveOne('device-08004');

  await expect.poll(() => requestsFor(afterEnabled).length, { timeout: 15_000 }).toBe(1);
  const delivered = requestsFor(afterEnabled)[0]!;
  expect(signatureValid(delivered, secret)).toBe(true);
  expect(signatureValid(delivered, firstSecret)).toBe(false);

  await row.getByRole('link', { name: 'Delivery log' }).click();
  await expect(page.getByRole('row', { name: new RegExp(afterEnabled) }).locator('.pill')).toHaveText(
    'Succeeded',
  );
  // The log has no delivery for the posting made while it was disabled.
  await expect(page.getByRole('row', { name: new RegExp(whileDisabled) })).toHaveCount(0);
  expect(requestsFor(whileDisabled)).toHaveLength(0);
});
