import { defineConfig } from 'vitest/config';

// Pure rules: plain Node is enough, and catches any accidental DOM dependency just as well as the reverse.
export default defineConfig({
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
