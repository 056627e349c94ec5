import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * `import url from 'pkg/file.wasm?url'` (Vite's syntax, used by the camera's barcode reader) in
 * the library build: the file is copied into dist/ and the import becomes
 * `new URL('./file.wasm', import.meta.url)`, which host bundlers (Vite, webpack 5, esbuild, Parcel)
 * follow to emit the file with the app. So the wasm is served by the host, never from a CDN.
 */
const wasmUrlPlugin: EsbuildPlugin = {
  name: 'wasm-url',
  setup(build) {
    const require = createRequire(import.meta.url);
    build.onResolve({ filter: /\.wasm\?url$/ }, (args) => {
      const file = require.resolve(args.path.replace(/\?url$/, ''), { paths: [args.resolveDir] });
      // The namespace path lands in a comment of the output: the file name, not this machine's path.
      return { path: path.basename(file), namespace: 'wasm-url', pluginData: file };
    });
    build.onLoad({ filter: /.*/, namespace: 'wasm-url' }, (args) => {
      const outdir = build.initialOptions.outdir ?? 'dist';
      mkdirSync(outdir, { recursive: true });
      const name = path.basename(args.path);
      copyFileSync(args.pluginData as string, path.join(outdir, name));
      return {
        contents: `export default new URL(${JSON.stringify(`./${name}`)}, import.meta.url).href;`,
        loader: 'js',
      };
    });
  },
};

// Peers and dependencies stay external so a host bundles exactly one copy of each.
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@apollo\/client($|\/)/,
  /^graphql($|\/)/,
  /^rxjs($|\/)/,
  /^@tanstack\//,
  // The domain's linear-time regex engine: a dependency, so a host bundles one copy and widgets that
  // never compile a serialFormat tree-shake it away (it is side-effect free).
  /^re2js($|\/)/,
  // The barcode encoder of SerialLabels: a dependency, one copy in the host's bundle.
  /^bwip-js($|\/)/,
  // The camera's WebAssembly barcode reader (BarcodeDetector polyfill): loaded only when a camera opens.
  /^barcode-detector($|\/)/,
];
// @serialgraph/domain is a private workspace package (never published): its few pure rules are
// bundled in, and the public types re-declare what they need, so the .d.ts never names it.
// A `?url` import of a dependency's file is resolved by wasmUrlPlugin, not left to the host.
const noExternal = ['@serialgraph/domain', '@serialgraph/labels', /\.wasm\?url$/];

export default defineConfig([
  {
    entry: { index: 'src/index.ts', headless: 'src/headless.ts' },
    format: ['esm'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'es2022',
    external,
    noExternal,
    esbuildPlugins: [wasmUrlPlugin],
    // The domain's sources rather than its single-file build: module by module, esbuild drops what a
    // widget does not use, including the static re2js import of compileSerialFormat (the form loads
    // re2js lazily, only for products with a serialFormat pattern).
    esbuildOptions(options) {
      options.alias = { ...options.alias, '@serialgraph/domain': '../domain/src/index.ts' };
    },
  },
  {
    // One stylesheet, @imports inlined by esbuild; the JS never injects CSS.
    entry: { styles: 'src/styles.css' },
    format: ['esm'],
    minify: true,
  },
]);
