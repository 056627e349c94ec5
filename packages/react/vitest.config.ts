import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

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

// A fresh object per project: Vitest mutates `instances` while resolving projects.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: chromium,
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
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], browser: browser() },
      },
    ],
  },
});
