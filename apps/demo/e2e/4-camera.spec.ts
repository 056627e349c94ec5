import { expect, test } from '@playwright/test';
import { writeFakeCameraVideo } from '../../../packages/react/src/testing/camera/fake-camera-video';
import { expectNoAxeViolations, open } from './demo';

// The Scan screen with a camera: Chromium's fake camera films a generated video of a unit's label
// (Code 128), read by the widgets' camera scanner (the wasm reader on Linux Chromium, served by the
// demo itself), and the unit is found as if its number had been typed.
const UNIT = 'device-00103';

test('the Scan screen finds a unit from its label read by the camera, then stops the camera', async ({
  playwright,
}, testInfo) => {
  const video = testInfo.outputPath('camera.y4m');
  await writeFakeCameraVideo(video, [
    { seconds: 1 },
    { barcode: { bcid: 'code128', text: UNIT }, seconds: 8 },
  ]);
  const browser = await playwright.chromium.launch({
    executablePath: process.env.SG_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // Every stream the page opens, to check that the camera is released.
    await page.addInitScript(() => {
      const streams: MediaStream[] = [];
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        streams.push(stream);
        return stream;
      };
    });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(process.env.DEMO_BASE_URL!)) outside.push(request.url());
    });
    await open(page, '/scan');
    const button = page.getByRole('button', { name: 'Scan with camera' });
    await button.click();
    const viewfinder = page.getByRole('dialog', { name: 'Camera scanner' });
    await expect(viewfinder).toBeVisible();
    await expectNoAxeViolations(page);

    await expect(page).toHaveURL(new RegExp(`[?&]number=${UNIT}`), { timeout: 20_000 });
    await expect(viewfinder).toBeHidden();
    // Ready for the next scan: the (new) screen's scan field has focus.
    await expect(page.getByLabel('Serial number')).toBeFocused();
    await expect(page.locator('[data-answer="delivery"]')).toContainText(/RCV-\d{6}/);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((stream) =>
            stream.getTracks().map((track) => track.readyState),
          ),
        ),
      )
      .toEqual(['ended']);
    // The reader and its wasm came from the demo itself, not from a CDN.
    expect(outside).toEqual([]);
    await expectNoAxeViolations(page);
  } finally {
    await browser.close();
  }
});
