/**
 * Bundles the `vaultscope` entry and the source worker over the tsc output, so that starting the TUI reads a
 * handful of files instead of ~800 (Ink alone pulls in 400+ small modules, core and sources with zod and the YAML
 * parser ~300). @vaultscope/core and @vaultscope/sources are bundled too, tree-shaken (their `"sideEffects": false`;
 * they read no file relative to their own): a thread loads only what it reaches. What only a snapshot, a `--policy`
 * file or AWS needs stays in the sources package (see lazyEntries), so a demo start evaluates neither zod nor the
 * YAML parser. React's production build is selected at bundle time.
 *
 * Code split: `dist/main.js` itself is a few lines that start the source worker before anything else is read;
 * what they import later (the options, Ink and the app) are `dist/chunk-*.js` files next to it (there, not in a
 * folder: a module's `../package.json` must stay the package's).
 *
 * The source worker (`dist/model/sourceWorker.js`), on the critical path of the first screen, is one file of its
 * own, not code split: a split bundle imports every chunk holding a module the entry reaches, through a barrel
 * too, used or not.
 *
 * Run by `npm run build` after tsc; `dist/**` keeps tsc's unbundled modules for tests and benchmarks.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// What only a snapshot, a `--policy` file or AWS needs is imported lazily in @vaultscope/sources and stays there:
// the bundles import the package's own entry for it at run time (the AWS SDK, zod and the YAML parser resolve from
// the package, and are loaded only then). Bundled, they would be evaluated at every start: esbuild runs a lazily
// imported module's imports through core's barrel, and the barrel, once it holds them, runs them all.
const sourcesDist = dirname(createRequire(join(root, 'package.json')).resolve('@vaultscope/sources'));
const lazyEntries = new Map([
  ['aws/index.js', '@vaultscope/sources/aws'],
  ['snapshot/index.js', '@vaultscope/sources/snapshot'],
  ['policy/loadFile.js', '@vaultscope/sources/policy-file'],
]);
const lazyEntriesStayInSources = {
  name: 'lazy-entries-stay-in-sources',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.startsWith(sourcesDist + sep)) return undefined;
      const target = relative(sourcesDist, join(dirname(args.importer), args.path)).split(sep).join('/');
      const entry = lazyEntries.get(target);
      return entry ? { path: entry, external: true } : undefined;
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS (React) may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __vaultscopeRequire } from 'node:module'; const require = __vaultscopeRequire(import.meta.url);" },
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['@vaultscope/ledger', ...lazyEntries.values()],
  plugins: [
    lazyEntriesStayInSources,
    {
      // Ink connects to React DevTools only when DEV=true, and the package is not installed: in a single-file
      // bundle its import would be hoisted and fail at start, so it becomes a no-op.
      name: 'no-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
      },
    },
  ],
};

// Chunks of an earlier build (their names carry a content hash).
const dist = join(root, 'dist');
for (const file of readdirSync(dist)) if (file.startsWith('chunk-')) rmSync(join(dist, file));
await build({
  ...common,
  entryPoints: { main: 'src/main.tsx' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  tsconfig: 'tsconfig.json',
});

await build({
  ...common,
  entryPoints: { 'model/sourceWorker': 'src/model/sourceWorker.ts' },
  outdir: 'dist',
  tsconfig: 'tsconfig.json',
  // The bundled modules resolve relative paths (`../package.json`) as from `dist/`, where the app's other bundled
  // modules sit, not from `dist/model/`.
  banner: { js: `${common.banner.js} const __vaultscopeDistUrl = new URL('../main.js', import.meta.url).href;` },
  define: { ...common.define, 'import.meta.url': '__vaultscopeDistUrl' },
});
