/**
 * The "done when", through the real binary: `pack --period <last month> --source demo --out DIR`
 * produces a pack that `verify`, `pdfsig` and `openssl` accept, and the demo's hostile strings stay inert.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_STRINGS } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth } from '../pack/model/period.js';
import { parse as parseCsv } from 'csv-parse/sync';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
let dir: string;
let pack: string;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const period = previousMonth(new Date());

const FORMULAS = HOSTILE_STRINGS.filter((s) => /^[=+\-@]/.test(s));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-demo-pack-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  pack = join(dir, 'pack');
  const r = cli('pack', '--period', period, '--source', 'demo', '--out', pack);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(`pack ${period} written to ${pack}`);
  expect(r.stdout).toContain('SELF-SIGNED');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`vaultscope-report pack --period ${period} --source demo`, () => {
  it('is accepted by verify, one OK line per file; trusted only with the signer pinned (integrity only: exit 3)', () => {
    const r = cli('verify', pack);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const lines = r.stdout.trim().split('\n');
    const files = readdirSync(pack).length;
    expect(lines.slice(0, files).every((l) => l.startsWith('OK '))).toBe(true);
    expect(lines.at(-1)).toBe(`pack intact: ${files} files, signatures valid; INTEGRITY ONLY: who signed it was not checked`);
    expect(r.stdout).toMatch(/^signer: +CN=Vaultscope evidence signer \(self-signed\), O=Vaultscope, SHA-256 [0-9a-f]{64}$/m);
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')) as { signer: { fingerprintSha256: string } };
    const pinned = cli('verify', pack, '--expect-signer', manifest.signer.fingerprintSha256, '--expect-period', period);
    expect(pinned.code, pinned.stdout + pinned.stderr).toBe(0);
    expect(pinned.stdout.trim().split('\n').at(-1)).toBe(`pack verified and trusted: ${files} files; signer fingerprint checked against --expect-signer`);
  });

  it('is accepted by pdfsig and openssl', () => {
    expect(execFileSync('pdfsig', [join(pack, 'dora-evidence-pack.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid.');
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', '-noverify', '-out', '/dev/null'], { cwd: pack, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('CMS Verification successful');
  });

  it('covers the month from the demo history and records where it came from', () => {
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')) as {
      organization: { id: string };
      ledger: { storage: string; jobsInPeriod: { backup: number; copy: number; restore: number } };
      sources: { spec: string }[];
    };
    expect(manifest.organization.id).toBe('o-7k2m9xq4ph');
    expect(manifest.ledger.storage).toBe('memory');
    expect(manifest.sources[0]?.spec).toBe('demo');
    expect(manifest.ledger.jobsInPeriod.backup).toBeGreaterThan(1000);
    expect(manifest.ledger.jobsInPeriod.restore).toBeGreaterThan(10);
    expect(readFileSync(join(pack, 'VERIFY.md'), 'utf8')).toContain('openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json');
  });

  it('keeps the demo hostile strings inert in every CSV', () => {
    for (const name of readdirSync(pack).filter((n) => n.endsWith('.csv'))) {
      const text = readFileSync(join(pack, name), 'utf8');
      expect(text, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
      for (const row of parseCsv(text.slice(1), { relax_quotes: false }) as string[][]) {
        for (const cell of row) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${name}: executable cell`).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }
    }
    const assets = readFileSync(join(pack, 'assets.csv'), 'utf8');
    expect(assets).toContain('顧客データ');
    expect(assets).toContain('Κύρια-βάση');
    expect(FORMULAS.some((f) => assets.includes(`'${f.replace(/"/g, '""')}`))).toBe(true);
  });

  it('keeps them inert in the PDF, and renders every page', () => {
    const pdf = join(pack, 'dora-evidence-pack.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(text).toContain('DORA mapping');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    const out = join(dir, 'png');
    mkdirSync(out);
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(out, 'page')]);
    expect(readdirSync(out)).toHaveLength(pages);
  });

  it('fails verify naming the file when one byte changes, with one line on stderr', () => {
    const file = join(pack, 'backup-jobs.csv');
    const original = readFileSync(file);
    const changed = Buffer.from(original);
    changed[changed.length - 10] = (changed[changed.length - 10] ?? 0) ^ 0x02;
    writeFileSync(file, changed);
    try {
      const r = cli('verify', pack);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^MISMATCH backup-jobs\.csv/m);
      expect(r.stdout.match(/^(MISMATCH|MISSING|EXTRA) /gm)).toHaveLength(1);
      expect(r.stderr.trim().split('\n')).toEqual([`vaultscope-report: ${pack}: pack does NOT verify (1 problem)`]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('--now fixes the clock (byte-identical packs); a period not yet ended is packed as INCOMPLETE, on stdout and in the manifest', () => {
    const at = '2026-12-01T10:00:00Z';
    const a = cli('pack', '--period', '2026-12', '--source', 'demo', '--out', join(dir, 'now-a'), '--now', at);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('INCOMPLETE: 2026-12 had not ended; the pack covers it only up to 2026-12-01T10:00:00.000Z');
    const manifest = JSON.parse(readFileSync(join(dir, 'now-a', 'manifest.json'), 'utf8')) as { generatedAt: string; period: { complete: boolean; coveredUntil: string }; sources: { capturedAt: string }[] };
    expect(manifest.generatedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(manifest.period).toMatchObject({ complete: false, coveredUntil: '2026-12-01T10:00:00.000Z' });
    expect(Date.parse(manifest.sources[0]?.capturedAt ?? '')).toBeLessThanOrEqual(Date.parse(manifest.generatedAt));
    const b = spawnSync(process.execPath, [BIN, 'pack', '--period', '2026-12', '--source', 'demo', '--out', join(dir, 'now-b')], {
      encoding: 'utf8',
      env: { ...env, SOURCE_DATE_EPOCH: String(Date.parse(at) / 1000) },
    });
    expect(b.status, b.stderr).toBe(0);
    for (const name of readdirSync(join(dir, 'now-a'))) {
      expect(readFileSync(join(dir, 'now-b', name)).equals(readFileSync(join(dir, 'now-a', name))), name).toBe(true);
    }
    const bad = cli('pack', '--period', '2026-12', '--source', 'demo', '--out', join(dir, 'now-c'), '--now', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^vaultscope-report: --now: "yesterday" is not an ISO-8601 time/);
    // Two demo packs through the binary: minutes on a loaded 2-core machine, so no 30 s deadline.
  }, 300_000);

  it('reports months before the demo history as not evaluated, never as not met', () => {
    const out = join(dir, 'before-history');
    const r = cli('pack', '--period', '2026-08', '--source', 'demo', '--out', out, '--now', '2026-12-01T10:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/job history does not cover the period \(ledger history from 2026-09-02/);
    const dora = parseCsv(readFileSync(join(out, 'dora-controls.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(dora.filter((d) => d.status === 'not met').map((d) => d.id)).not.toEqual(expect.arrayContaining(['art12-2-testing', 'art12-3-segregation', 'art11-6-annual', 'rts-25', 'rts-26']));
    for (const id of ['art12-2-operation', 'art12-2-testing', 'art12-3-segregation', 'art11-6-annual', 'rts-25', 'rts-26']) {
      expect(dora.find((d) => d.id === id)?.status, id).toBe('not evaluated');
    }
    // Two demo packs through the binary: minutes on a loaded 2-core machine, so no 30 s deadline.
  }, 300_000);

  it('packs November from the demo on 3 December with no December event in any CSV or in the PDF', () => {
    const out = join(dir, 'november');
    const r = cli('pack', '--period', '2026-11', '--source', 'demo', '--out', out, '--now', '2026-12-03T10:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    const end = Date.parse('2026-12-01T00:00:00Z');
    // Dates after the period end (a time equal to the end is the time base itself), excluding a vault's lock date:
    // that is configuration (when a lock will become immutable), not an event.
    const after = (text: string): string[] =>
      [...text.matchAll(/\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?/g)]
        .map((m) => m[0])
        .filter((d) => (d.length === 10 ? Date.parse(d) >= end : Date.parse(`${d.replace(' ', 'T').replace(/Z?$/, '')}Z`) > end));
    let cells = 0;
    for (const name of readdirSync(out).filter((f) => f.endsWith('.csv'))) {
      const rows = parseCsv(readFileSync(join(out, name), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (name === 'vaults.csv' && column === 'lock_date') continue;
          cells++;
          expect(after(cell), `${name} ${column}`).toEqual([]);
        }
      }
    }
    expect(cells).toBeGreaterThan(100_000);
    const text = execFileSync('pdftotext', ['-layout', join(out, 'dora-evidence-pack.pdf'), '-'], { encoding: 'utf8' });
    const late = text.split('\n').filter((l) => after(l).length > 0).map((l) => l.trim());
    // Only provenance: when the pack was generated and when the demo was observed.
    for (const line of late) expect(line, line).toMatch(/^(Generated|Source|Observed at|Posture time base)\b|observed 2026-12-03|observation of 2026-12-03|^2026-12-03T10:00:00.000Z without/);
  }, 300_000);

  it('rejects bad options with one line and exit 2', () => {
    for (const args of [
      ['pack', '--period', '2026-13', '--source', 'demo', '--out', join(dir, 'x')],
      ['pack', '--period', period, '--source', 'demo', '--out', pack],
      ['verify', join(dir, 'nowhere')],
    ]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
