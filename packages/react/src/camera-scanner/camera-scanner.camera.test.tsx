import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { ReceiveSerialsForm } from '../receive-serials-form/receive-serials-form';
import {
  productId,
  receiveHandlers,
  warehouseId,
} from '../receive-serials-form/receive-serials-form.fixtures';
import type { ScannedProduct } from '../common/scan-resolution';
import { createMockClient } from '../testing/mock-apollo';
import { dockingStation, dockingStationBarcode } from '../testing/scan-fixtures';
import { CAMERA_PRODUCT_BARCODE, CAMERA_SERIAL } from '../testing/camera/camera-script';

// Chromium films src/testing/camera's generated video (a Code 128 serial, then an EAN-13 product
// barcode, each ~4 s on screen) through its fake camera: the whole pipeline is real, from
// getUserMedia to the widget's verdicts. Linux Chromium has no BarcodeDetector: the wasm reads.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Every stream the page opens, to prove that closing the viewfinder stops the camera. */
function recordStreams(): MediaStream[] {
  const streams: MediaStream[] = [];
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    streams.push(stream);
    return stream;
  };
  cleanups.push(() => {
    navigator.mediaDevices.getUserMedia = original;
  });
  return streams;
}

/** Script and wasm files fetched so far whose URL matches. */
const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => pattern.test(name));

const CAMERA_CODE = /camera-dialog|use-camera-scanner|barcode-reader|wasm-detector|barcode-detector|zxing/;

describe('camera scanning in ReceiveSerialsForm (fake camera, real Chromium)', () => {
  it('reads a serial once and a product barcode into the normal scan path, then stops the camera on Escape', async () => {
    expect(CAMERA_PRODUCT_BARCODE).toBe(dockingStationBarcode);
    const streams = recordStreams();
    const products: ScannedProduct[] = [];
    const client = createMockClient(receiveHandlers({ delay: 5 }));
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    cleanups.push(() => {
      root.unmount();
      host.remove();
    });
    root.render(
      <ReceiveSerialsForm
        client={client}
        productId={productId}
        warehouseId={warehouseId}
        checkDelay={0}
        onProductScanned={(product) => products.push(product)}
      />,
    );
    const button = await expect
      .poll(() => host.querySelector<HTMLButtonElement>('button.sg-camera-button'))
      .toBeTruthy()
      .then(() => host.querySelector<HTMLButtonElement>('button.sg-camera-button')!);
    expect(button.textContent).toBe('Scan with camera');
    // Lazy: nothing of the camera is fetched until the button is pressed.
    expect(fetched(CAMERA_CODE)).toEqual([]);

    await userEvent.click(button);
    const dialog = await expect
      .poll(() => host.querySelector<HTMLDialogElement>('dialog.sg-camera[open]'))
      .toBeTruthy()
      .then(() => host.querySelector<HTMLDialogElement>('dialog.sg-camera[open]')!);
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(fetched(/camera-dialog/).length).toBeGreaterThan(0);

    // The serial lands as a row with the normal verdict (the mock checkSerials says it is new)...
    const rows = () => [...host.querySelectorAll('[role="row"][data-index]')];
    await expect
      .poll(() => rows().map((row) => row.getAttribute('data-verdict')), { timeout: 15_000 })
      .toEqual(['ok']);
    expect(rows()[0]!.textContent).toContain(CAMERA_SERIAL);
    // ...then the EAN-13 follows the product-barcode rule: the host is told, no row is added.
    await expect.poll(() => products, { timeout: 15_000 }).toEqual([dockingStation]);
    await expect
      .poll(() => host.querySelector('[data-kind="product-scanned"]')?.textContent)
      .toContain('DOCK-1');
    // The serial was in view for ~40 frames and read once.
    expect(rows()).toHaveLength(1);
    expect(dialog.dataset.reader).toBe('BarcodeDetector' in globalThis ? 'native' : 'wasm');
    // The wasm comes from our own server (the bundle's file), never from a CDN.
    expect(fetched(/zxing_reader\.wasm$/).length).toBe('BarcodeDetector' in globalThis ? 0 : 1);
    expect(fetched(/./).filter((url) => !url.startsWith(location.origin))).toEqual([]);
    await expect
      .poll(() => dialog.querySelector('[role="status"]')?.textContent)
      .toContain(`Read ${CAMERA_PRODUCT_BARCODE} · 2 codes read`);

    expect(streams).toHaveLength(1);
    expect(streams[0]!.getVideoTracks()[0]!.readyState).toBe('live');
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => host.querySelector('dialog.sg-camera')).toBeNull();
    // Effects run after the dialog leaves the page: poll for the stopped camera and the focus.
    await expect.poll(() => streams[0]!.getTracks().map((track) => track.readyState)).toEqual(['ended']);
    await expect.poll(() => document.activeElement).toBe(button);
    // Closed, the camera reads nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rows()).toHaveLength(1);
  }, 40_000);
});
