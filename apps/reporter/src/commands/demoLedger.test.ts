/**
 * Issue 15 through the real binary: the demo's jobs keep their identity across observations, so collecting it
 * again is idempotent exactly as it is for AWS — one ledger row per job, a final state recorded once — and a pack
 * of a past month does not depend on how many times the ledger collected.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const HOUR = 3_600_000;
/** The clock of the last collection and of the packs: 3 December, so November is a past month. */
const T = Date.parse('2026-12-03T18:35:00Z');
const at = (ms: number): string => new Date(ms).toISOString();

let dir: string;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function collect(ledger: string, now: number): string {
  const r = cli('collect', '--source', 'demo', '--ledger', ledger, '--now', at(now));
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Rows of the ledger's job table per kind (one per job), and jobs with more than one final record. */
function ledgerCounts(path: string): { jobs: Record<string, number>; finalTwice: number; novemberBackup: number } {
  const db = new Database(path, { readonly: true });
  try {
    const jobs = Object.fromEntries((db.prepare('SELECT kind, COUNT(*) AS n FROM jobs GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]));
    const finalTwice = (db.prepare('SELECT COUNT(*) AS n FROM (SELECT kind, job_id FROM entries WHERE final = 1 GROUP BY kind, job_id HAVING COUNT(*) > 1)').get() as { n: number }).n;
    const novemberBackup = (db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'backup' AND creation_date >= '2026-11-01' AND creation_date < '2026-12-01'").get() as { n: number }).n;
    return { jobs, finalTwice, novemberBackup };
  } finally {
    db.close();
  }
}

/** The ids an observation of the demo at `now` lists, per kind. */
function demoIds(now: number): { backup: Set<string>; copy: Set<string>; restore: Set<string> } {
  const jobs = generateDemoEstate({ now: new Date(now) }).jobs;
  return {
    backup: new Set((jobs?.backup ?? []).map((j) => j.BackupJobId)),
    copy: new Set((jobs?.copy ?? []).map((j) => j.CopyJobId)),
    restore: new Set((jobs?.restore ?? []).map((j) => j.RestoreJobId)),
  };
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-demo-ledger-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  delete env.SOURCE_DATE_EPOCH;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collecting the demo into one ledger', () => {
  it('records every job of two observations an hour apart once: the ledger holds the union of their jobs', { timeout: 600_000 }, () => {
    const ledger = join(dir, 'two.sqlite');
    collect(ledger, T - HOUR);
    const once = ledgerCounts(ledger);
    const second = collect(ledger, T);
    const twice = ledgerCounts(ledger);
    const [a, b] = [demoIds(T - HOUR), demoIds(T)];
    for (const kind of ['backup', 'copy', 'restore'] as const) {
      expect(once.jobs[kind]).toBe(a[kind].size);
      expect(twice.jobs[kind]).toBe(new Set([...a[kind], ...b[kind]]).size);
    }
    // An hour adds the jobs of an hour (about one per hourly-protected asset and some more), not a second history.
    expect(twice.jobs['backup']! - once.jobs['backup']!).toBeLessThan(200);
    expect(twice.novemberBackup).toBe(once.novemberBackup);
    expect(twice.finalTwice).toBe(0);
    // Jobs running at the first observation were final at the second: updated under their id.
    expect(second).toMatch(/backup \d+ new, [1-9]\d* updated, \d+ unchanged/);
  });

  it('packs a past month identically (--now fixed) whether the ledger saw one collection or three', { timeout: 900_000 }, () => {
    const one = join(dir, 'one.sqlite');
    const three = join(dir, 'three.sqlite');
    collect(one, T);
    for (const now of [T - 2 * HOUR, T - HOUR, T]) collect(three, now);
    expect(ledgerCounts(three).finalTwice).toBe(0);
    expect(ledgerCounts(three).novemberBackup).toBe(ledgerCounts(one).novemberBackup);
    const packs: Record<string, string>[] = [];
    for (const [name, ledger] of [['one', one], ['three', three]] as const) {
      const out = join(dir, `pack-${name}`);
      const r = cli('pack', '--period', '2026-11', '--source', 'demo', '--ledger', ledger, '--out', out, '--now', at(T), '--no-collect');
      expect(r.code, r.stderr).toBe(0);
      packs.push(Object.fromEntries(readdirSync(out).map((f) => [f, sha256(join(out, f))])));
    }
    const [p1, p3] = packs as [Record<string, string>, Record<string, string>];
    // Every evidence file is byte-identical. The PDF and the manifest also state the ledger's own provenance
    // (its number of batches and chain head), which differs by construction between the two ledgers.
    const evidence = Object.keys(p1).filter((f) => f.endsWith('.csv'));
    expect(evidence.length).toBeGreaterThan(8);
    for (const f of evidence) expect(p3[f], f).toBe(p1[f]);
  });
});
