import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockClient } from '../testing/mock-apollo';
import { dockingStationBarcode } from '../testing/scan-fixtures';
import {
  freshNumbers,
  productId,
  receiveHandlers,
  tabletBarcode,
  warehouseId,
} from './receive-serials-form.fixtures';
import {
  useReceiveSerials,
  type ReceiveSerialsState,
  type UseReceiveSerialsOptions,
} from './use-receive-serials';

// A real browser renders for real: assertions poll the hook's latest result instead of using act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

type Log = Array<{ operation: string; variables: any }>;

async function renderForm(options: Partial<UseReceiveSerialsOptions> = {}) {
  const log: Log = [];
  const client = createMockClient(receiveHandlers({ log, delay: 5 }));
  let latest: ReceiveSerialsState | undefined;
  function Probe() {
    latest = useReceiveSerials({ productId, warehouseId, client, ...options });
    return null;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  cleanups.push(() => root.unmount());
  root.render(<Probe />);
  await expect.poll(() => latest?.status).toBe('ready');
  return { form: () => latest!, log };
}

const checks = (log: Log) => log.filter((entry) => entry.operation === 'check');

describe('useReceiveSerials', () => {
  it('sends a burst of scans to checkSerials as one batch once scanning pauses', async () => {
    const { form, log } = await renderForm({ checkDelay: 50 });
    for (const number of ['DEV-00001', 'DEV-00002', 'DEV-00100']) form().add(number);
    await expect.poll(() => form().verdicts.map((verdict) => verdict.kind)).toEqual(['ok', 'ok', 'exists']);
    expect(checks(log).map((entry) => entry.variables.numbers)).toEqual([
      ['DEV-00001', 'DEV-00002', 'DEV-00100'],
    ]);
  });

  it('asks the server only about numbers that pass the local rules, each once', async () => {
    const { form, log } = await renderForm({ checkDelay: 0 });
    form().add('DEV-00001 DEV-00001 BAD');
    await expect.poll(() => form().counts.checking).toBe(0);
    form().add('DEV-00001');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checks(log).map((entry) => entry.variables.numbers)).toEqual([['DEV-00001']]);
  });

  it('splits a large paste into checkSerials calls of at most checkBatchSize numbers', async () => {
    const { form, log } = await renderForm({ checkDelay: 0, checkBatchSize: 4_000 });
    form().add(freshNumbers(10_000).join('\n'));
    await expect.poll(() => form().counts.ok, { timeout: 10_000 }).toBe(10_000);
    expect(checks(log).map((entry) => entry.variables.numbers.length)).toEqual([4_000, 4_000, 2_000]);
  });

  it('re-judges an edited row and forgets a removed one', async () => {
    const { form } = await renderForm({ checkDelay: 0 });
    form().add('DEV-1 DEV-00002');
    await expect.poll(() => form().verdicts.map((verdict) => verdict.kind)).toEqual(['invalid', 'ok']);
    form().edit(form().rows[0]!.id, 'DEV-00001');
    await expect.poll(() => form().verdicts.map((verdict) => verdict.kind)).toEqual(['ok', 'ok']);
    form().remove(form().rows[1]!.id);
    await expect.poll(() => form().rows.map((row) => row.number)).toEqual(['DEV-00001']);
  });

  it('posts the receipt with one serial line and an idempotency key, then clears', async () => {
    const received: unknown[] = [];
    const { form, log } = await renderForm({
      checkDelay: 0,
      supplierId: 'UGFydHk6NQ==',
      unitCost: '129.90',
      onReceived: (document) => received.push(document),
    });
    form().add('DEV-00001+2');
    await expect.poll(() => form().counts.ok).toBe(3);
    await expect(form().submit()).resolves.toBe(true);
    const input = log.find((entry) => entry.operation === 'receive')!.variables.input;
    expect(input).toMatchObject({
      warehouseId,
      supplierId: 'UGFydHk6NQ==',
      idempotencyKey: expect.any(String),
      lines: [
        { productId, quantity: 3, serials: ['DEV-00001', 'DEV-00002', 'DEV-00003'], unitCost: '129.90' },
      ],
    });
    await expect.poll(() => form().rows.length).toBe(0);
    expect(received).toHaveLength(1);
  });
});

describe('useReceiveSerials scanning barcodes', () => {
  it('a scanned barcode of another product goes to the host, not into the rows', async () => {
    const scanned: string[] = [];
    const { form } = await renderForm({ onProductScanned: (p) => scanned.push(p.sku) });
    form().add(dockingStationBarcode);
    await expect
      .poll(() => form().announcement)
      .toMatchObject({ kind: 'product-scanned', sku: 'DOCK-1', name: 'Docking station' });
    expect(scanned).toEqual(['DOCK-1']);
    expect(form().rows).toEqual([]);
  });

  it('without a host to select it, another product’s barcode is refused as not a serial', async () => {
    const { form } = await renderForm();
    form().add(dockingStationBarcode);
    await expect.poll(() => form().announcement).toMatchObject({ kind: 'not-a-serial', sku: 'DOCK-1' });
    expect(form().rows).toEqual([]);
  });

  it('the product’s own barcode is announced and not added; a GTIN-shaped serial that is no barcode is added', async () => {
    const { form } = await renderForm();
    form().add(tabletBarcode);
    await expect.poll(() => form().announcement).toMatchObject({ kind: 'same-product', sku: 'TAB-T9' });
    expect(form().rows).toEqual([]);
    form().add('96385074');
    await expect.poll(() => form().rows.map((row) => row.number)).toEqual(['96385074']);
  });
});
