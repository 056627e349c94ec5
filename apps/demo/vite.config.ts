import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `pnpm dev`: Vite with hot reload; the API (demo mode) answers /graphql, /labels and /demo-config.json.
const api = process.env.SERIALGRAPH_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '4000'}`;

export default defineConfig({
  plugins: [react()],
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
  build: { sourcemap: true, chunkSizeWarningLimit: 1024 },
});
