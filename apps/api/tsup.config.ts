import { defineConfig } from 'tsup';

// One bundle per entry point; dependencies stay external (node_modules at run time).
export default defineConfig({
  entry: { main: 'src/main.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: ['@serialgraph/domain'],
});
