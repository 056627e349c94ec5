// Prints the package's size as a host's bundler would ship it: minified + gzipped, peers
// (react, react-dom, @apollo/client, graphql, rxjs) excluded, dependencies (TanStack Virtual, the
// bundled domain rules) included. Whole entry and per widget (tree-shaken). Needs `pnpm build` first.
// Usage: node scripts/size.mjs
import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(packageDir, 'dist');
if (!existsSync(path.join(dist, 'index.js'))) {
  console.error('dist/ is missing: run `pnpm --filter @serialgraph/react build` first');
  process.exit(1);
}
// esbuild comes with tsup (a devDependency), so no extra install.
const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
const esbuild = requireFromTsup('esbuild');

const peers = ['react', 'react-dom', '@apollo/client', 'graphql', 'rxjs'];
const external = peers.flatMap((name) => [name, `${name}/*`]);

async function measure(label, contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: packageDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    external,
    // Split as a host's bundler does: code behind a dynamic import() (re2js, loaded only for
    // products with a serialFormat pattern) is a separate chunk, not part of the initial load.
    splitting: true,
    outdir: path.join(packageDir, '.size-out'),
    metafile: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((f) => [path.relative(packageDir, f.path), f.contents]));
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint);
  // What loads up front: the entry and every chunk it imports statically.
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const i of outputs[name].imports)
      if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const sum = (names) => {
    const code = Buffer.concat(names.map((n) => Buffer.from(files.get(n))));
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const js = Object.keys(outputs).filter((n) => n.endsWith('.js'));
  const lazy = js.filter((n) => !initial.has(n));
  return { label, ...sum([...initial]), lazy: lazy.length ? sum(lazy) : null };
}

const entries = [
  ['@serialgraph/react (everything)', `export * from './dist/index.js';`],
  ['ReceiveSerialsForm', `export { ReceiveSerialsForm } from './dist/index.js';`],
  ['SerialPicker', `export { SerialPicker } from './dist/index.js';`],
  ['SerialHistoryTimeline', `export { SerialHistoryTimeline } from './dist/index.js';`],
  ['@serialgraph/react/headless (everything)', `export * from './dist/headless.js';`],
];
const rows = [];
for (const [label, contents] of entries) rows.push(await measure(label, contents));
const css = await readFile(path.join(dist, 'styles.css'));
rows.push({ label: 'styles.css', min: css.length, gzip: gzipSync(css, { level: 9 }).length });

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`size without peers (${peers.join(', ')}):`);
for (const row of rows)
  console.log(
    `  ${row.label.padEnd(42)} min ${kb(row.min).padStart(9)}   min+gzip ${kb(row.gzip).padStart(8)}` +
      (row.lazy ? `   (+ ${kb(row.lazy.gzip)} min+gzip loaded on demand)` : ''),
  );
