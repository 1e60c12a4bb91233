/**
 * A pack built from a small fixed estate (__golden__/estate.json, with hostile names and messages) under a
 * fixed clock: golden CSVs, reproducibility, signatures checked by pdfsig and openssl, tamper detection,
 * rendering and inert hostile text.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import type { Estate, LoadedPolicy } from '@vaultscope/core';
import { collectionFromEstate, openLedger, SqliteLedgerStore } from '@vaultscope/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningIdentity, type SigningIdentity } from '../evidence/identity.js';
import { verifyPack } from '../evidence/verifyPack.js';
import { buildPack, PDF_FILE, type PackResult } from './buildPack.js';
import { parsePeriod } from './model/period.js';
import { parse as parseCsv } from 'csv-parse/sync';

const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const CLOCK = new Date('2026-11-02T06:00:00Z');
const CSVS = ['assets.csv', 'findings.csv', 'exceptions.csv', 'backup-jobs.csv', 'copy-jobs.csv', 'restore-jobs.csv', 'restore-tests.csv', 'vaults.csv', 'objectives.csv', 'dora-controls.csv', 'audit-manager-evidence.csv'];

let dir: string;
let estate: Estate;
let identity: SigningIdentity;
let pack: PackResult;

async function build(out: string, options: { period?: string; now?: Date; estate?: Estate; policy?: LoadedPolicy } = {}): Promise<PackResult> {
  const now = options.now ?? CLOCK;
  const source = options.estate ?? estate;
  const ledger = openLedger(':memory:');
  ledger.recordCollection(collectionFromEstate(source, { collectedAt: now.toISOString(), source: 'snapshot:estate.json' }));
  try {
    return await buildPack({
      estate: source,
      policy: options.policy ?? defaultPolicy(),
      sourceSpec: 'snapshot:estate.json',
      period: parsePeriod(options.period ?? '2026-10'),
      now,
      ledger: new SqliteLedgerStore(ledger),
      ledgerStorage: 'memory',
      identity,
      outDir: out,
      generator: { name: 'vaultscope-report', version: 'test' },
    });
  } finally {
    ledger.close();
  }
}


const tamper = (path: string): void => {
  const bytes = readFileSync(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-pack-'));
  estate = parseEstate(JSON.parse(readFileSync(join(GOLDEN, 'estate.json'), 'utf8')), 'estate.json');
  identity = await loadSigningIdentity({ configDir: join(dir, 'config'), now: CLOCK });
  pack = await build(join(dir, 'pack'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack from a fixed estate', () => {
  it('writes the documented layout, and nothing else beside the target', () => {
    expect(readdirSync(pack.dir).sort()).toEqual(
      [...CSVS, PDF_FILE, 'VERIFY.md', 'manifest.json', 'manifest.json.p7s', 'signer.pem'].sort(),
    );
    expect(readdirSync(dir).sort()).toEqual(['config', 'pack']);
    const m = pack.manifest;
    expect(m).toMatchObject({
      format: 'vaultscope.pack/v1',
      packFormatVersion: 1,
      organization: { id: 'o-golden1234', name: 'payments-prod' },
      period: { label: '2026-10', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', coveredUntil: '2026-11-01T00:00:00.000Z', complete: true },
      generatedAt: CLOCK.toISOString(),
      sources: [{ spec: 'snapshot:estate.json', capturedAt: '2026-11-02T06:00:00Z' }],
      ledger: {
        storage: 'memory', chainVerified: true, batches: 1, firstSeq: 1, jobsInPeriod: { backup: 4, copy: 2, restore: 3 },
        history: { from: '2026-09-01T00:00:00.000Z', until: CLOCK.toISOString(), period: 'full' },
      },
      signer: { selfSigned: true },
    });
    expect(m.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.files.map((f) => f.path)).toEqual([...CSVS, PDF_FILE, 'VERIFY.md', 'signer.pem'].sort());
  });

  it('matches the golden CSV files (UPDATE_GOLDEN=1 rewrites them)', () => {
    for (const name of CSVS) {
      const actual = readFileSync(join(pack.dir, name));
      const golden = join(GOLDEN, name);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      expect(actual.toString('utf8'), name).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('writes RFC 4180 CSV with a BOM and neutralises every cell a spreadsheet would execute', () => {
    for (const name of CSVS) {
      const text = readFileSync(join(pack.dir, name), 'utf8');
      expect(text.startsWith('\ufeff'), name).toBe(true);
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      const rows = parseCsv(text.slice(1), { relax_quotes: false }) as string[][];
      const width = rows[0]?.length;
      for (const row of rows) {
        expect(row.length, `${name}: ${row.join('|')}`).toBe(width);
        for (const cell of row) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${name}: executable cell`).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }
    }
    const assets = readFileSync(join(pack.dir, 'assets.csv'), 'utf8');
    expect(assets).toContain(`'+cmd|' /C calc'!A0`);
    expect(assets).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(assets).toContain('顧客データ');
    expect(readFileSync(join(pack.dir, 'backup-jobs.csv'), 'utf8')).toContain(`'@SUM(1) window expired`);
    expect(readFileSync(join(pack.dir, 'copy-jobs.csv'), 'utf8')).toContain(`'-2+3`);
  });

  it('is reproducible: the same inputs and clock give the same bytes', async () => {
    const again = await build(join(dir, 'again'));
    expect(again.manifest.files).toEqual(pack.manifest.files);
    for (const f of pack.manifest.files) {
      expect(readFileSync(join(again.dir, f.path)).equals(readFileSync(join(pack.dir, f.path))), f.path).toBe(true);
    }
    expect(readFileSync(join(again.dir, 'manifest.json')).equals(readFileSync(join(pack.dir, 'manifest.json')))).toBe(true);
    rmSync(again.dir, { recursive: true });
  });

  it('judges the posture as of the period end, not the generation time', async () => {
    // The same snapshot packed a week later: the posture is still the one at the end of October.
    const later = await build(join(dir, 'later'), { now: new Date(CLOCK.getTime() + 7 * 86_400_000) });
    for (const name of ['assets.csv', 'findings.csv']) {
      expect(readFileSync(join(later.dir, name), 'utf8'), name).toBe(readFileSync(join(pack.dir, name), 'utf8'));
    }
    rmSync(later.dir, { recursive: true });
  });

  it('has a PDF signature that pdfsig validates', () => {
    const out = execFileSync('pdfsig', [join(pack.dir, PDF_FILE)], { encoding: 'utf8' });
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
  });

  it('has a manifest signature that openssl cms verifies', () => {
    const base = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', '-out', '/dev/null'];
    for (const trust of [['-noverify'], ['-CAfile', 'signer.pem']]) {
      const r = spawnSync('openssl', [...base, ...trust], { cwd: pack.dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('CMS Verification successful');
    }
  });

  it('verifies OK file by file', async () => {
    const result = await verifyPack(pack.dir);
    expect(result.lines.filter((l) => l.status !== 'OK')).toEqual([]);
    expect(result.lines.map((l) => l.file).sort()).toEqual(readdirSync(pack.dir).sort());
    expect(result.ok).toBe(true);
  });

  it('fails verification naming the file when one byte of any file changes', async () => {
    for (const name of readdirSync(pack.dir)) {
      const copy = join(dir, `tamper-${name}`);
      cpSync(pack.dir, copy, { recursive: true });
      tamper(join(copy, name));
      const result = await verifyPack(copy);
      expect(result.ok, name).toBe(false);
      expect(result.lines.find((l) => l.status !== 'OK')?.file, name).toBe(name);
      rmSync(copy, { recursive: true });
    }
  });

  it('fails verification for one-byte changes of manifest.json.p7s (first 64 bytes, a dense sample, the last byte) and for an appended byte', async () => {
    const file = join(pack.dir, 'manifest.json.p7s');
    const original = readFileSync(file);
    const offsets = new Set([...Array.from({ length: 64 }, (_, i) => i), 25, 36, original.length - 1]);
    for (let at = 64; at < original.length; at += 23) offsets.add(at);
    const passed: number[] = [];
    try {
      for (const at of offsets) {
        const changed = Buffer.from(original);
        changed[at] = changed[at] === 0x31 ? 0x30 : 0x31; // as `printf '\x31' | dd … conv=notrunc` would
        writeFileSync(file, changed);
        const result = await verifyPack(pack.dir);
        if (result.ok) passed.push(at);
        else expect(result.lines.filter((l) => l.status !== 'OK').map((l) => l.file), `offset ${at}`).toEqual(['manifest.json.p7s']);
      }
      writeFileSync(file, Buffer.concat([original, Buffer.from([0x31])]));
      expect((await verifyPack(pack.dir)).ok).toBe(false);
    } finally {
      writeFileSync(file, original);
    }
    expect(passed).toEqual([]);
    expect((await verifyPack(pack.dir)).ok).toBe(true);
  });

  it('blames only the signature file for a changed certificate byte in it, not the PDF', async () => {
    const file = join(pack.dir, 'manifest.json.p7s');
    const original = readFileSync(file);
    const certAt = original.indexOf(identity.certificates[0] as Buffer);
    expect(certAt).toBeGreaterThan(0);
    try {
      for (const offset of [40, 200, (identity.certificates[0]?.length ?? 0) - 3]) {
        const changed = Buffer.from(original);
        changed[certAt + offset] = (changed[certAt + offset] ?? 0) ^ 0x01;
        writeFileSync(file, changed);
        const result = await verifyPack(pack.dir);
        expect(result.ok).toBe(false);
        expect(result.lines.filter((l) => l.status !== 'OK').map((l) => l.file), `certificate byte ${offset}`).toEqual(['manifest.json.p7s']);
        expect(result.lines.find((l) => l.file === PDF_FILE)).toMatchObject({ status: 'OK', detail: 'PDF signature valid' });
      }
    } finally {
      writeFileSync(file, original);
    }
  });

  it('marks the other files UNCHECKED, not EXTRA, when manifest.json is unreadable', async () => {
    const copy = join(dir, 'corrupt-manifest');
    cpSync(pack.dir, copy, { recursive: true });
    writeFileSync(join(copy, 'manifest.json'), '{ not json');
    const result = await verifyPack(copy);
    expect(result.ok).toBe(false);
    expect(result.lines.filter((l) => l.status === 'EXTRA')).toEqual([]);
    expect(result.lines.find((l) => l.file === 'manifest.json')?.status).toBe('MISMATCH');
    const others = pack.manifest.files.map((f) => f.path);
    expect(result.lines.filter((l) => l.status === 'UNCHECKED').map((l) => l.file).sort()).toEqual(others.sort());
    rmSync(join(copy, 'manifest.json'));
    expect((await verifyPack(copy)).lines.filter((l) => l.status === 'EXTRA')).toEqual([]);
    rmSync(copy, { recursive: true });
  });

  it('reports missing and extra files', async () => {
    const copy = join(dir, 'missing-extra');
    cpSync(pack.dir, copy, { recursive: true });
    rmSync(join(copy, 'findings.csv'));
    writeFileSync(join(copy, 'notes.txt'), 'added later');
    const result = await verifyPack(copy);
    expect(result.ok).toBe(false);
    expect(result.lines.filter((l) => l.status !== 'OK')).toEqual([
      { status: 'MISSING', file: 'findings.csv' },
      { status: 'EXTRA', file: 'notes.txt' },
    ]);
    const tamperedPdf = join(copy, PDF_FILE);
    tamper(tamperedPdf);
    const pdfsig = spawnSync('pdfsig', [tamperedPdf], { encoding: 'utf8' });
    expect(pdfsig.stdout).not.toContain('Signature is Valid.');
    rmSync(copy, { recursive: true });
  });

  it('renders every page with pdftoppm', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(pack.dir, PDF_FILE)], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(10);
    const out = join(dir, 'png');
    mkdirSync(out);
    execFileSync('pdftoppm', ['-png', '-r', '40', join(pack.dir, PDF_FILE), join(out, 'page')]);
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(pages);
  });

  it('keeps hostile text inert in the PDF and renders non-Latin names with embedded fonts', () => {
    const text = execFileSync('pdftotext', ['-layout', join(pack.dir, PDF_FILE), '-'], { encoding: 'utf8' });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('顧客データ');
    expect(text).toContain('[bidi]');
    expect(text).toContain('Art. 12(1)(a)');
    expect(text).toContain('SELF-SIGNED');
    const fonts = execFileSync('pdffonts', [join(pack.dir, PDF_FILE)], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/UnifontEx\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/i);
  });

  it('draws names that mix scripts run by run: each script in a font that has it, right-to-left text in reading order', async () => {
    const raw = readFileSync(join(GOLDEN, 'estate.json'), 'utf8')
      .replace('"name": "顧客データ"', '"name": "顧客データ مدفوعات شهرية"')
      .replace('"name": "orders"', '"name": "orders שכר עבודה"');
    const mixed = await build(join(dir, 'mixed'), { estate: parseEstate(JSON.parse(raw), 'estate.json') });
    const pdf = join(mixed.dir, PDF_FILE);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    // poppler puts right-to-left text back in logical order; a run drawn in the wrong order would read تاعوفدم.
    expect(text).toContain('顧客データ');
    expect(text).toContain('مدفوعات شهرية');
    expect(text).toContain('orders');
    expect(text).toContain('שכר עבודה');
    expect(text).not.toContain('تاعوفدم');
    expect(text).not.toContain('הדובע');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/UnifontEx\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/i);
    expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toContain('Signature is Valid.');
    rmSync(mixed.dir, { recursive: true });
  });

  it('lists every restore job in restore-jobs.csv, so the manifest count is a row count', () => {
    const rows = parseCsv(readFileSync(join(pack.dir, 'restore-jobs.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(pack.manifest.ledger.jobsInPeriod.restore);
    const tests = parseCsv(readFileSync(join(pack.dir, 'restore-tests.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.restore_test === 'true').map((r) => r.restore_job_id).sort()).toEqual(tests.map((t) => t.restore_job_id).sort());
  });

  it('seals a period that has not ended as incomplete: manifest, PDF cover and summary say so', async () => {
    const now = new Date('2026-11-10T12:00:00Z');
    const open = await build(join(dir, 'open'), { period: '2026-11', now });
    expect(open.manifest.period).toMatchObject({ label: '2026-11', coveredUntil: now.toISOString(), complete: false });
    const text = execFileSync('pdftotext', ['-layout', join(open.dir, PDF_FILE), '-'], { encoding: 'utf8' });
    const [cover = '', ...pages] = text.split('\f').map((p) => p.replace(/\s+/g, ' '));
    expect(cover).toContain('INCOMPLETE: covers only up to 2026-11-10T12:00:00.000Z');
    expect(cover).toContain('had not ended when this pack was generated');
    const summary = pages.find((p) => p.includes('Executive summary') && !p.includes('Contents'));
    expect(summary).toContain('INCOMPLETE PERIOD: 2026-11 had not ended');
    expect(readFileSync(join(open.dir, 'VERIFY.md'), 'utf8')).toContain('**Incomplete period.**');
    expect(readFileSync(join(pack.dir, 'VERIFY.md'), 'utf8')).toContain('pack --period 2026-10 --now 2026-11-02T06:00:00.000Z --no-collect');
    expect((await verifyPack(open.dir)).ok).toBe(true);
    rmSync(open.dir, { recursive: true });
  });

  it('says "not evaluated (no history before …)" for a period the ledger never saw, not "not met"', async () => {
    // The golden estate's job lists start on 2026-09-01: August is outside the history.
    const early = await build(join(dir, 'early'), { period: '2026-08' });
    expect(early.manifest.ledger.history).toMatchObject({ from: '2026-09-01T00:00:00.000Z', period: 'none' });
    const dora = parseCsv(readFileSync(join(early.dir, 'dora-controls.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    const status = Object.fromEntries(dora.map((d) => [d.id, d.status]));
    for (const id of ['art12-2-operation', 'art12-2-testing', 'art12-3-segregation', 'art12-7-integrity', 'art11-6-annual', 'rts-25', 'rts-26']) {
      expect(status[id], id).toBe('not evaluated');
    }
    expect(dora.find((d) => d.id === 'art12-2-testing')?.figures).toMatch(/^not evaluated \(no history before 2026-09-01\)/);
    const text = execFileSync('pdftotext', ['-layout', join(early.dir, PDF_FILE), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).not.toContain('Every check could be evaluated');
    expect(text).toContain('holds nothing for this period');
    rmSync(early.dir, { recursive: true });

    // A period that starts before the history and ends inside it is partly covered, and says so.
    const partly = await build(join(dir, 'partly'), { period: '2026-08-15..2026-09-30' });
    expect(partly.manifest.ledger.history.period).toBe('partial');
    const rows = parseCsv(readFileSync(join(partly.dir, 'dora-controls.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.find((d) => d.id === 'art12-2-operation')?.figures).toMatch(/job history covers only part of the period/);
    rmSync(partly.dir, { recursive: true });
  });

  it('holds no event after the period end: an October pack built on 2 November shows nothing of November', () => {
    // The estate was observed on 2 November: a backup job of 1 November and a recovery point of 2 November are in it.
    const end = Date.parse('2026-11-01T00:00:00Z');
    // Every date or time in a text: a time may be the period end itself (the time base), a bare date must be before it.
    const after = (text: string): string[] =>
      [...text.matchAll(/\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?/g)]
        .map((m) => m[0])
        .filter((d) => (d.length === 10 ? Date.parse(d) >= end : Date.parse(`${d.replace(' ', 'T').replace(/Z?$/, '')}Z`) > end));
    for (const name of CSVS) {
      const rows = parseCsv(readFileSync(join(pack.dir, name), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) expect(after(cell), `${name} ${column}`).toEqual([]);
      }
    }
    const backup = parseCsv(readFileSync(join(pack.dir, 'backup-jobs.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    // Created on 31 October, still running at the end of the period: its later outcome is not October's.
    expect(backup.find((j) => j.creation_date === '2026-10-31T23:30:00Z')).toMatchObject({ state: 'RUNNING', completion_date: '' });
    const assets = parseCsv(readFileSync(join(pack.dir, 'assets.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    // orders: its newest recovery point at the end of October is the backup job completed on 1 October.
    expect(assets.find((a) => a.name === 'orders')).toMatchObject({ last_recovery_point_at: '2026-10-01T05:10:00Z', coverage_state: 'STALE' });
    expect(pack.manifest.postureTimeBase).toBe('2026-11-01T00:00:00.000Z');
    // In the PDF, November appears only as provenance (generation, observation, ledger), never as an event.
    const text = execFileSync('pdftotext', ['-layout', join(pack.dir, PDF_FILE), '-'], { encoding: 'utf8' });
    const lines = text.split('\n').filter((l) => after(l).length > 0);
    expect(lines.length).toBeGreaterThan(0);
    // Provenance only: when the pack was generated, when the source was observed, what the ledger holds.
    for (const line of lines) expect(line.trim(), line).toMatch(/^(Generated|Source|Observed at|Job history|Posture time base|in-memory ledger|history ledger)\b|observed 2026-11-02|observation of 2026-11-02|^2026-11-02T06:00:00.000Z without what happened|\(batch \d+, observed 2026-11-02/);
    expect(text).toContain('as of 2026-11-01 00:00 UTC (period end)');
  });

  it('registers every failed job and restore test of the period in exceptions.csv, matching the PDF figures', () => {
    const exceptions = parseCsv(readFileSync(join(pack.dir, 'exceptions.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    const byKind = (kind: string): string[] => exceptions.filter((e) => e.kind === kind).map((e) => `${e.id} ${e.state}`);
    expect(byKind('backup job')).toEqual(['b-002 FAILED', 'b-003 EXPIRED']);
    expect(byKind('copy job')).toEqual(['c-002 FAILED']);
    expect(byKind('restore test')).toEqual(['r-002 COMPLETED']);
    expect(exceptions.find((e) => e.id === 'r-002')?.reason).toContain('validation FAILED');
    const text = execFileSync('pdftotext', [join(pack.dir, PDF_FILE), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('1 failed, 1 expired, 0 aborted, 0 partial');
    expect(text).toContain('Exceptions register (4)');
  });

  it('lists every vault in vaults.csv with its account, Region, type, lock mode, retention and key type', () => {
    const vaults = parseCsv(readFileSync(join(pack.dir, 'vaults.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    const observed = estate.regions.flatMap((r) => (r.backupVaults ?? []).map((v) => v.BackupVaultArn)).sort();
    expect(vaults.map((v) => v.vault_arn).sort()).toEqual(observed);
    expect(vaults.find((v) => v.vault_name === 'primary')).toMatchObject({ account_id: '111111111111', region: 'eu-central-1', vault_type: 'BACKUP_VAULT', lock_mode: 'compliance', min_retention_days: '7' });
    for (const v of vaults) expect(Object.keys(v)).toEqual(expect.arrayContaining(['max_retention_days', 'encryption_key_type']));
    // The PDF sends the reader to the file that lists the vaults.
    const text = execFileSync('pdftotext', [join(pack.dir, PDF_FILE), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('vaults.csv lists every vault');
  });

  it('prints the thresholds and time base of every DORA row in the PDF and in dora-controls.csv', () => {
    const dora = parseCsv(readFileSync(join(pack.dir, 'dora-controls.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(dora.map((d) => d.provision)).toEqual([
      'Art. 12(1)(a)', 'Art. 12(1)(b)', 'Art. 12(2)', 'Art. 12(2)', 'Art. 12(3)', 'Art. 12(4)', 'Art. 12(5)', 'Art. 12(6)', 'Art. 12(7)', 'Art. 11(6)',
      'RTS 2024/1774 Art. 24', 'RTS 2024/1774 Art. 25', 'RTS 2024/1774 Art. 26',
    ]);
    for (const d of dora) expect(d.thresholds, d.id).not.toBe('');
    const text = execFileSync('pdftotext', [join(pack.dir, PDF_FILE), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('How each status is decided');
    expect(text).toContain('never MET from this pack');
  });

  it('maps to RTS Art. 39(2)(g) and 40 only under doraRegime: simplified, and marks Art. 11 and 12 not applicable', async () => {
    const base = defaultPolicy();
    const simplified: LoadedPolicy = { ...base, policy: { ...base.policy, doraRegime: 'simplified' } };
    const out = await build(join(dir, 'simplified'), { policy: simplified });
    const dora = parseCsv(readFileSync(join(out.dir, 'dora-controls.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(dora.filter((d) => d.provision?.startsWith('RTS')).map((d) => d.provision)).toEqual(['RTS 2024/1774 Art. 39(2)(g)', 'RTS 2024/1774 Art. 40']);
    for (const d of dora.filter((x) => x.provision?.startsWith('Art.'))) expect(d.status, d.id).toBe('not applicable');
    expect(dora.find((d) => d.id === 'rts-39-2g')?.status).not.toBe('not applicable');
    rmSync(out.dir, { recursive: true });
  });

  it('refuses a non-empty --out and leaves it untouched', async () => {
    const target = join(dir, 'existing');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'x');
    await expect(build(target)).rejects.toThrow(/exists and is not empty/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(target, 'keep.txt'))).toBe(true);
  });
});
