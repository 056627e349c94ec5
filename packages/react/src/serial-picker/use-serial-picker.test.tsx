import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockClient } from '../testing/mock-apollo';
import { dockingStationBarcode } from '../testing/scan-fixtures';
import {
  barcodeAndSerial,
  elsewhere,
  mainWarehouse,
  oldestAvailable,
  pickedProductBarcode,
  productId,
  shipmentId,
  stockHandlers,
} from './serial-picker.fixtures';
import type { PickedSerial } from './serial-picker.rules';
import { useSerialPicker, type SerialPickerState, type UseSerialPickerOptions } from './use-serial-picker';

// A real browser renders for real: assertions poll the hook's latest result instead of using act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const ship = { mode: 'SHIP' as const, productId, warehouseId: mainWarehouse.id };

/** Renders the hook (controlled by a parent when `controlled`) and returns a getter for its latest result. */
async function renderPicker(
  options: Omit<UseSerialPickerOptions, 'client'>,
  { controlled = false, count = 100 } = {},
): Promise<{ picker: () => SerialPickerState; changes: PickedSerial[][] }> {
  let latest: SerialPickerState | undefined;
  const changes: PickedSerial[][] = [];
  const client = createMockClient(stockHandlers({ count }));
  function Probe() {
    const [value, setValue] = useState<PickedSerial[]>(options.defaultValue ?? []);
    latest = useSerialPicker({
      ...options,
      client,
      ...(controlled ? { value, defaultValue: undefined } : {}),
      onChange: (next) => {
        changes.push(next);
        if (controlled) setValue(next);
      },
    });
    return null;
  }
  const root = createRoot(document.createElement('div'));
  cleanups.push(() => root.unmount());
  root.render(<Probe />);
  await expect.poll(() => latest?.status).toBe('ready');
  return { picker: () => latest!, changes };
}

describe('useSerialPicker', () => {
  it('keeps the scan order when a scanner sends numbers faster than the server answers', async () => {
    const { picker, changes } = await renderPicker(ship, { controlled: true });
    // Unknown to the loaded list: each goes to the server; the one in the list does not.
    const scans = ['SN-999999', 'SN-000005', elsewhere.shipped.number, 'SN-000006'].map((n) =>
      picker().scan(n),
    );
    await Promise.all(scans);
    await expect.poll(() => picker().value.map((unit) => unit.number)).toEqual(['SN-000005', 'SN-000006']);
    expect(changes).toHaveLength(2);
    await expect.poll(() => picker().announcement).toMatchObject({ kind: 'picked', number: 'SN-000006' });
  });

  it('refuses picks beyond max, counting picks still in flight', async () => {
    const { picker } = await renderPicker({ ...ship, max: 2 });
    await Promise.all(['SN-000001', 'SN-000002', 'SN-000003'].map((n) => picker().scan(n)));
    await expect.poll(() => picker().value).toHaveLength(2);
    expect(picker().full).toBe(true);
    await expect.poll(() => picker().announcement).toMatchObject({ kind: 'max-reached', max: 2 });
  });

  it('picks the oldest units within the remaining line quantity', async () => {
    const { picker } = await renderPicker({ ...ship, max: 5, defaultValue: oldestAvailable(1) });
    await picker().pickOldest(10);
    await expect.poll(() => picker().value).toEqual(oldestAvailable(5));
    await expect.poll(() => picker().announcement).toMatchObject({ kind: 'picked-oldest', count: 4 });
  });

  it('in return mode picks what the shipment sent and refuses what already came back', async () => {
    const { picker } = await renderPicker({ mode: 'RETURN', shipmentId, productId });
    expect(picker().units.map((unit) => unit.number)).toEqual([
      'SN-R00001',
      'SN-R00002',
      'SN-R00004',
      'SN-R00005',
    ]);
    await picker().scan('SN-R00003');
    await expect
      .poll(() => picker().announcement)
      .toMatchObject({ kind: 'not-returnable', number: 'SN-R00003' });
    await picker().scan('SN-NOPE');
    await expect.poll(() => picker().announcement).toMatchObject({ kind: 'not-found' });
    await picker().scan('sn-r00005');
    await expect.poll(() => picker().value).toEqual([{ id: 'U2VyaWFsSN-R00005', number: 'SN-R00005' }]);
  });

  it('pages through the list on demand', async () => {
    const { picker } = await renderPicker({ ...ship, pageSize: 30 }, { count: 100 });
    expect(picker().units).toHaveLength(30);
    expect(picker().totalCount).toBe(96);
    picker().loadMore();
    picker().loadMore(); // a second call while loading is ignored
    await expect.poll(() => picker().units.length).toBe(60);
    expect(new Set(picker().units.map((unit) => unit.id)).size).toBe(60);
  });
});

describe('useSerialPicker scanning barcodes', () => {
  it('a scanned barcode of another product is handed to the host and picks nothing', async () => {
    const scanned: string[] = [];
    const { picker, changes } = await renderPicker({ ...ship, onProductScanned: (p) => scanned.push(p.sku) });
    await picker().scan(dockingStationBarcode);
    await expect
      .poll(() => picker().announcement)
      .toMatchObject({ kind: 'product-scanned', product: { sku: 'DOCK-1' } });
    expect(scanned).toEqual(['DOCK-1']);
    expect(changes).toEqual([]);
  });

  it('a scanned barcode of this product says so and picks nothing', async () => {
    const scanned: string[] = [];
    const { picker } = await renderPicker({ ...ship, onProductScanned: (p) => scanned.push(p.sku) });
    await picker().scan(pickedProductBarcode);
    await expect.poll(() => picker().announcement).toMatchObject({ kind: 'same-product' });
    expect(scanned).toEqual([]);
  });

  it('a code that is both this product’s barcode and one of its serials is the serial (the scan rule)', async () => {
    const scanned: string[] = [];
    const { picker } = await renderPicker({ ...ship, onProductScanned: (p) => scanned.push(p.sku) });
    await picker().scan(barcodeAndSerial);
    // Treated as the unit: it is in another warehouse, so the verdict is about the unit.
    await expect
      .poll(() => picker().announcement)
      .toMatchObject({ kind: 'other-warehouse', number: barcodeAndSerial });
    expect(scanned).toEqual([]);
  });
});
