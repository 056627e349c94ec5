import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// `pnpm dev`: Vite with hot reload; the API (demo mode) answers /graphql, /labels and /demo-config.json.
const api = process.env.SERIALGRAPH_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '4000'}`;

/** Paths the API answers itself: never the app shell, never from the service worker's precache. */
const API_PATHS = [/^\/graphql/, /^\/healthz/, /^\/metrics/, /^\/labels/, /^\/demo-config\.json/];

/** A workspace package's sources: module by module, so each screen's chunk takes only what it uses. */
const sources = (entry: string) => fileURLToPath(new URL(`../../packages/${entry}`, import.meta.url));

/**
 * Large libraries that change far less often than the app, in chunks of their own: a new build
 * leaves their file names (content hashes) alone, so browsers and the service worker keep them.
 * Where each one loads is unchanged: React with the shell, bwip-js with the screens that print
 * labels, re2js with those that check a serialFormat, the list virtualizer with the serial pickers.
 */
function vendorChunk(id: string): string | undefined {
  const pkg = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];
  if (pkg === 'react' || pkg === 'react-dom' || pkg === 'scheduler') return 'react';
  if (pkg === 'bwip-js' || pkg === 're2js') return pkg;
  if (pkg === '@tanstack/virtual-core' || pkg === '@tanstack/react-virtual') return 'virtual';
  return undefined;
}

export default defineConfig({
  resolve: {
    // The packages' builds are one module each (the widgets' with the label encoder and the list
    // virtualizer; the domain's with the re2js engine): whatever imports them loads all of it. From
    // their sources, label sheets (bwip-js) land with the screens that print them, re2js with those
    // that check a serialFormat, and the shell keeps only the few rules and words it shows.
    alias: [
      { find: /^@serialgraph\/domain$/, replacement: sources('domain/src/index.ts') },
      { find: /^@serialgraph\/react$/, replacement: sources('react/src/index.ts') },
      { find: /^@serialgraph\/react\/headless$/, replacement: sources('react/src/headless.ts') },
    ],
    dedupe: ['react', 'react-dom', '@apollo/client', 'graphql', 'rxjs'],
  },
  plugins: [
    react(),
    // An installable app for handheld terminals: a manifest, and a Workbox service worker that
    // precaches the shell (index.html, JS, CSS, icons) so the demo opens without a network. Nothing
    // else is routed through it: GraphQL always goes to the network, postings made offline wait in
    // IndexedDB (src/common/offline-queue.ts), the demo key is remembered by the app (demo-client.ts).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      // The icons are in globPatterns already: listing them again would only repeat precache entries.
      includeManifestIcons: false,
      manifest: {
        name: 'serialgraph demo back office',
        short_name: 'serialgraph',
        description: 'Receive, ship and trace serial-numbered units: the serialgraph demo back office.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b5cad',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // wasm: the camera's barcode reader (loaded on demand, ~1.1 MB), so scanning works offline too.
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest,wasm}'],
        // Workbox skips (with a mere warning) files over 2 MiB; no chunk of the app may ever be skipped.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: API_PATHS,
        cleanupOutdatedCaches: true,
        // The first visit is already served by the worker (so it works offline right after), and a
        // new build takes over at once: the app has no "update available" prompt.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: {
    port: Number(process.env.DEMO_DEV_PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, ws: true },
      '/demo-config.json': api,
      '/export': api,
      '/import': api,
      '/labels': api,
    },
  },
  build: {
    sourcemap: true,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
});
