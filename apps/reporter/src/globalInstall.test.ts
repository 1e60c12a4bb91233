/**
 * Installable like real software: every publishable package is packed with `npm pack` (what `npm publish` would
 * upload), the tarballs are installed globally into a temporary prefix, and the installed bins run from there.
 *
 * Kept cheap enough for every `npm test`: the packages are packed once from the dist/ the suite already built;
 * npm takes the registry packages from its cache when it has them (--prefer-offline); and better-sqlite3's own
 * install script (allowed with --allow-scripts, as a user's global install must) finds its native binary as a
 * local prebuild made from the workspace's compiled one, through prebuild-install's documented
 * `npm_config_better_sqlite3_local_prebuilds`, instead of compiling SQLite again for a minute or more. Where no
 * such binary can be made it compiles, which needs a C++ toolchain (README, "Troubleshooting").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'apps/reporter/package.json'), 'utf8')) as { version: string }).version;
let dir: string;
let prefix: string;
let installLog: string;
let env: NodeJS.ProcessEnv;

/** prebuild-install's file name for this platform's binary (glibc Linux, macOS, Windows: no libc part). */
function localPrebuild(into: string): void {
  const require = createRequire(join(ROOT, 'packages/ledger/package.json'));
  const pkgDir = join(require.resolve('better-sqlite3/package.json'), '..');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  if (!existsSync(join(pkgDir, 'build/Release/better_sqlite3.node'))) return;
  mkdirSync(into, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['czf', join(into, name), '-C', pkgDir, 'build/Release/better_sqlite3.node']);
}

const run = (bin: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(join(prefix, 'bin', bin), args, { encoding: 'utf8', env, cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-global-'));
  prefix = join(dir, 'prefix');
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  const { packPackages } = (await import(join(ROOT, 'scripts/packPackages.mjs'))) as { packPackages(dest: string): string[] };
  const tarballs = packPackages(join(dir, 'packs'));
  localPrebuild(join(dir, 'prebuilds'));
  // From the temporary directory, so no project package.json or .npmrc of ours takes part: a user's global install.
  const r = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--allow-scripts=better-sqlite3', ...tarballs], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: join(dir, 'prebuilds') },
  });
  installLog = `${r.stdout}\n${r.stderr}`;
  expect(r.status, installLog).toBe(0);
}, 1_200_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Generous: on a loaded 2-core machine an installed bin takes seconds to start, a demo collection tens of seconds.
describe('the packed packages, installed globally', { timeout: 300_000 }, () => {
  it('install every workspace that is not private, with no peer-dependency conflict and no test kit', () => {
    const installed = readdirSync(join(prefix, 'lib/node_modules/@vaultscope')).sort();
    expect(installed).toEqual(expect.arrayContaining(['core', 'ledger', 'reporter', 'sources', 'tui']));
    expect(installed).not.toContain('test-fixtures');
    // Nothing to paper over with a root `overrides` entry: npm resolved every peer as declared.
    expect(installLog).not.toMatch(/ERESOLVE|Conflicting peer dependency|overriding peer dependency/i);
    expect(readdirSync(join(prefix, 'bin')).sort()).toEqual(['vaultscope', 'vaultscope-report']);
  });

  it('vaultscope-report posture --source demo prints the summary', () => {
    const r = run('vaultscope-report', 'posture', '--source', 'demo');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Vaultscope posture — evaluated /);
    expect(r.stdout).toMatch(/16 accounts, \d+ assets; coverage of backup-required data \d+\.\d%/);
  });

  it('vaultscope --help and both --version answer', () => {
    const help = run('vaultscope', '--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: vaultscope \[options\]/);
    expect(run('vaultscope', '--version').stdout).toBe(`${VERSION}\n`);
    expect(run('vaultscope-report', '--version').stdout).toBe(`${VERSION}\n`);
  });

  it('keeps a ledger with the installed native SQLite binding', () => {
    const ledger = join(dir, 'ledger.sqlite');
    const collect = run('vaultscope-report', 'collect', '--source', 'demo', '--ledger', ledger);
    expect(collect.status, collect.stderr).toBe(0);
    const show = run('vaultscope-report', 'history', 'show', '--ledger', ledger, '--output', 'json');
    expect(show.status, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ exists: true, batches: 1 });
  });
});
