/**
 * `npm run bench`: runs every `bench/**\/*.bench.ts` in its own process (so memory figures are its own) and
 * prints each one's figures as a table. `npm run bench -- evaluate` runs only benches whose path contains it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWN_THREAD_GC_FLAG } from '../apps/tui/src/ownThreadGc.js';

const root = fileURLToPath(new URL('.', import.meta.url));

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.bench.ts') ? [path] : [];
  });
}

const filter = process.argv[2];
// Matched against the path inside bench/, so a checkout under a folder named like a bench (…/packs/) selects nothing extra.
const benches = find(root).filter((p) => !filter || relative(root, p).includes(filter)).sort();
let failed = 0;
for (const file of benches) {
  const name = relative(root, file);
  process.stdout.write(`\n== ${name}\n`);
  // The TUI benches that run the app in their own process run it as `vaultscope` does: each isolate's garbage
  // collected on its own thread (apps/tui/src/ownThreadGc.ts).
  const v8 = name.startsWith(`tui${sep}`) ? [OWN_THREAD_GC_FLAG] : [];
  const result = spawnSync(process.execPath, [...v8, '--import', 'tsx', join(root, 'runOne.ts'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    const figures = JSON.parse(line) as Record<string, string | number>;
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  } catch {
    failed++;
    process.stdout.write(`  failed (exit ${result.status}): ${result.stdout.slice(-2000)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
