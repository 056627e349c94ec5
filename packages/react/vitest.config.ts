import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';

const dirname = path.dirname(fileURLToPath(import.meta.url));

// Runs every story (render + play + axe) and *.test.tsx files in a real headless Chromium.
// The machine cannot download Playwright's browsers: Debian's chromium is used instead
// (override with SG_CHROMIUM=/path/to/chrome).
const chromium = playwright({
  launchOptions: {
    executablePath: process.env.SG_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
});

// The camera tests' Chromium films a generated video of barcodes (src/testing/camera/): one file
// per run, written by the camera project's global setup before the browser starts.
process.env.SG_FAKE_CAMERA_FILE ??= path.join(os.tmpdir(), `sg-fake-camera-${process.pid}.y4m`);
const chromiumWithFakeCamera = playwright({
  launchOptions: {
    executablePath: process.env.SG_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${process.env.SG_FAKE_CAMERA_FILE}`,
      '--autoplay-policy=no-user-gesture-required',
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
    ],
  },
});

// A fresh object per project: Vitest mutates `instances` while resolving projects.
const browser = (provider = chromium) => ({
  enabled: true,
  headless: true,
  provider,
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  // Pre-bundled up front: a dependency discovered mid-run makes Vite reload and the suite fail.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@apollo/client',
      '@apollo/client/react',
      'graphql',
      'rxjs',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(dirname, '../../.storybook') })],
        test: { name: 'stories', browser: browser() },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'src/**/*.camera.test.{ts,tsx}'],
          browser: browser(),
        },
      },
      {
        extends: true,
        test: {
          name: 'camera',
          include: ['src/**/*.camera.test.{ts,tsx}'],
          globalSetup: ['src/testing/camera/camera-global-setup.ts'],
          // After the other projects: decoding video frames would otherwise take CPU from their timing.
          sequence: { groupOrder: 1 },
          browser: browser(chromiumWithFakeCamera),
        },
      },
    ],
  },
});
