#!/usr/bin/env node
// The `vaultscope-report` bin. It is committed (dist/ is not) so that npm links it at install time, before the first
// build, the way Vite and Vitest ship theirs; the program itself is the built dist/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('vaultscope-report: not built yet: run `npm run build` in the repository first\n');
  process.exit(1);
}
await import(main.href);
