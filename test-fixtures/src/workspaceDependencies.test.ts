import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The package layout of DESIGN.md, kept so: nothing that ships depends on the test kit (which holds write-capable
// moto seeding code), and core stays pure (no AWS SDK, no SQLite) so a consumer of `evaluate` installs neither.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function manifests(): Manifest[] {
  const dirs = ['packages', 'apps'].flatMap((parent) =>
    readdirSync(join(ROOT, parent)).map((name) => join(ROOT, parent, name, 'package.json')),
  );
  return dirs.filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Manifest);
}

describe('workspace dependencies', () => {
  it('finds the shipped packages', () => {
    expect(manifests().map((m) => m.name).sort()).toEqual(
      expect.arrayContaining(['@vaultscope/core', '@vaultscope/ledger', '@vaultscope/reporter', '@vaultscope/sources', '@vaultscope/tui']),
    );
  });

  it.each(manifests().map((m) => [m.name, m] as const))('%s does not depend on @vaultscope/test-fixtures at run time', (_name, m) => {
    expect(Object.keys(m.dependencies ?? {})).not.toContain('@vaultscope/test-fixtures');
  });

  it('core depends on nothing that does I/O (no AWS SDK, no SQLite)', () => {
    const core = manifests().find((m) => m.name === '@vaultscope/core');
    const deps = Object.keys(core?.dependencies ?? {});
    expect(deps.filter((d) => d.startsWith('@aws-sdk/') || d === 'better-sqlite3' || d === 'env-paths')).toEqual([]);
  });
});

/** Every source file of a workspace, tests and test helpers excluded. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' || e.name === '__golden__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The packages a file imports at run time (`import type` excluded; `node:` built-ins excluded). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'|import\('([^']+)'\)|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return specifiers
    .filter((s) => s && !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s)));
}

const BUILTINS = new Set(['fs', 'path', 'url', 'os', 'crypto', 'child_process', 'stream', 'util', 'events', 'worker_threads', 'readline', 'zlib', 'http', 'https', 'net', 'tty', 'assert', 'buffer', 'process', 'timers', 'v8']);

describe('declared dependencies', () => {
  const workspaces = [...['packages', 'apps'].flatMap((parent) => readdirSync(join(ROOT, parent)).map((name) => join(ROOT, parent, name))), join(ROOT, 'test-fixtures')].filter((dir) =>
    existsSync(join(dir, 'package.json')),
  );
  it.each(workspaces.map((dir) => [dir.slice(ROOT.length), dir] as const))('%s declares every package its sources import at run time', (_name, dir) => {
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest & { peerDependencies?: Record<string, string>; name: string };
    const declared = new Set([...Object.keys(m.dependencies ?? {}), ...Object.keys(m.peerDependencies ?? {}), m.name]);
    const missing = new Set<string>();
    for (const file of sourceFiles(join(dir, 'src'))) {
      for (const pkg of runtimeImports(file)) if (!declared.has(pkg) && !BUILTINS.has(pkg)) missing.add(`${pkg} (${file.slice(dir.length + 1)})`);
    }
    expect([...missing]).toEqual([]);
  });
});
