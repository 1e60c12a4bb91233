/**
 * Bundles the `vaultscope` entry and the source worker over the tsc output, so that starting the TUI reads a
 * handful of files instead of ~800 (Ink alone pulls in 400+ small modules). The @vaultscope packages stay external:
 * they locate their own assets relative to their files. React's production build is selected at bundle time.
 *
 * Code split: `dist/main.js` itself is a few lines that start the source worker before anything else is read;
 * what they import later (the options, Ink and the app) and the code both threads share are `dist/chunk-*.js`
 * files next to it (there, not in a folder: a module's `../package.json` must stay the package's).
 *
 * Run by `npm run build` after tsc; `dist/**` keeps tsc's unbundled modules for tests and benchmarks.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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
  external: ['@vaultscope/core', '@vaultscope/sources', '@vaultscope/sources/*', '@vaultscope/ledger'],
  plugins: [
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
  entryPoints: { main: 'src/main.tsx', 'model/sourceWorker': 'src/model/sourceWorker.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  tsconfig: 'tsconfig.json',
});
