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
