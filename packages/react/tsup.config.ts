import { defineConfig } from 'tsup';

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
];
// @serialgraph/domain is a private workspace package (never published): its few pure rules are
// bundled in, and the public types re-declare what they need, so the .d.ts never names it.
const noExternal = ['@serialgraph/domain', '@serialgraph/labels'];

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
