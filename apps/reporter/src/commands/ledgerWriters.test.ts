/**
 * The ledger under concurrent writers and a full disk, through the real binary: two and five `collect` runs at once
 * each land their batch (one writer at a time, the chain intact); a writer held past `--ledger-wait` exits 2 with one
 * line naming the ledger and records nothing; the ledger's file and folder are created owner-only; on a tiny tmpfs,
 * `collect`, `snapshot` and `pack` each say "disk full" in one line naming the path and leave nothing half-written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Estate } from '@vaultscope/core';
import { openLedger } from '@vaultscope/ledger';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, type BinRun } from '../cli/runBin.testkit.js';

const NOW = new Date('2026-11-21T06:00:00Z');

let dir: string;
let snapshot: string;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', VAULTSCOPE_CONFIG_DIR: join(dir, 'config') });

/** Runs the binary without blocking the test's event loop (concurrent runs really overlap). */
const cli = (args: string[]): Promise<BinRun> => runBin(args, env());

function expectOneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-writers-'));
  // A small estate (four Regions, 60 jobs of each kind), so many collections stay cheap.
  const demo = generateDemoEstate({ now: NOW });
  const estate: Estate = { ...demo, regions: demo.regions.slice(0, 4) };
  if (demo.jobs) estate.jobs = { ...demo.jobs, backup: demo.jobs.backup?.slice(0, 60), copy: demo.jobs.copy?.slice(0, 60), restore: demo.jobs.restore?.slice(0, 60) } as Estate['jobs'];
  snapshot = join(dir, 'estate.json');
  writeFileSync(snapshot, JSON.stringify(estate));
});

describe('concurrent collects on one ledger', () => {
  it.each([2, 5])('%i at once: each lands its batch, one after the other, and the chain verifies', async (n) => {
    const ledger = join(dir, `ledger-${n}`, 'ledger.sqlite');
    const runs = await Promise.all(Array.from({ length: n }, () => cli(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger])));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^collected snapshot/);
    }
    const l = openLedger(ledger, { readonly: true });
    try {
      expect(l.range().batches).toBe(n);
      expect(l.verifyChain()).toMatchObject({ ok: true, batches: n });
    } finally {
      l.close();
    }
  }, 300_000);

  it('a writer held past --ledger-wait exits 2 with one line naming the ledger, and records nothing', async () => {
    const ledger = join(dir, 'held', 'ledger.sqlite');
    expect((await cli(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger])).code).toBe(0);
    const holder = openLedger(ledger);
    holder.database.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = await cli(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger, '--ledger-wait', '1']);
      expectOneLine(r, new RegExp(`^vaultscope-report: ${ledger.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ledger is busy .*nothing was recorded`));
    } finally {
      holder.database.prepare('ROLLBACK').run();
      holder.close();
    }
    const l = openLedger(ledger, { readonly: true });
    expect(l.range().batches).toBe(1);
    l.close();
  }, 120_000);

  it('creates the ledger owner-only: folder 0700, file 0600', async () => {
    const folder = join(dir, 'fresh', 'data');
    const ledger = join(folder, 'ledger.sqlite');
    const old = process.umask(0o022);
    try {
      expect((await cli(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger])).code).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(ledger).mode & 0o777).toBe(0o600);
  }, 120_000);
});

/** A 1 MiB tmpfs, when this machine lets us mount one (root, or CI); otherwise the tests say why they are skipped. */
function mountTinyTmpfs(): string | undefined {
  const point = mkdtempSync(join(tmpdir(), 'vaultscope-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0777', 'tmpfs', point], { encoding: 'utf8' });
  return r.status === 0 ? point : undefined;
}
const full = mountTinyTmpfs();
const SKIP_REASON = 'skipped: cannot mount a tmpfs here (needs root); .ci/run runs it as root';

describe.skipIf(!full)(`a full disk${full ? '' : ` (${SKIP_REASON})`}`, () => {
  afterAll(() => {
    if (full) spawnSync('umount', [full]);
  });

  it('collect: one line naming the ledger, exit 2, nothing recorded', async () => {
    const ledger = join(full!, 'ledger.sqlite');
    // Leave 64 KiB: room for the ledger's schema, not for a batch of jobs.
    const used = readdirSync(full!).length;
    expect(used).toBe(0);
    writeFileSync(join(full!, 'filler'), Buffer.alloc(1024 * 1024 - 64 * 1024));
    const r = await cli(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger]);
    expectOneLine(r, /ledger\.sqlite: cannot write the ledger \(SQLITE_FULL: disk full or failing\); nothing was recorded$/);
  }, 120_000);

  it('snapshot --out: one line naming the file, exit 2, no temporary file left', async () => {
    const out = join(full!, 'estate.json');
    const r = await cli(['snapshot', '--source', `snapshot:${snapshot}`, '--out', out]);
    expectOneLine(r, /estate\.json: cannot write \(ENOSPC: no space left on device\)$/);
    expect(readdirSync(full!).filter((n) => n.startsWith('.estate.json'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('pack --out: one line naming the pack, exit 2, no temporary directory left', async () => {
    const packs = join(full!, 'packs');
    mkdirSync(packs, { recursive: true });
    const r = await cli(['pack', '--period', '2026-10', '--source', `snapshot:${snapshot}`, '--ledger', ':memory:', '--out', join(packs, '2026-10'), '--now', '2026-11-21T06:00:00Z']);
    expectOneLine(r, /2026-10: cannot write \(ENOSPC: no space left on device\)$/);
    expect(readdirSync(packs)).toEqual([]);
  }, 300_000);
});
