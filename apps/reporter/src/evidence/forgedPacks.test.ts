/**
 * The auditor's adversarial packs (issue 10), checked through the real `vaultscope-report verify`:
 *
 * - genuine: the organization's certificate (issued by its CA) signs, a real RFC 3161 TSA stamps both signatures;
 * - forged A: rebuilt from a doctored estate (failed backup jobs removed) under a fresh self-signed key;
 * - forged B: the genuine pack with findings.csv edited (a critical finding made low), the manifest re-hashed, re-signed by another key and
 *   naming that key (B2: still naming the genuine signer);
 * - back-dated: a genuine signer and TSA, but a generation time (`--now`) a month before the timestamp.
 *
 * A and B pass a bare integrity check only in the sense that A is self-consistent: `verify` then exits 3 (integrity
 * only), never 0; `--expect-signer` and `--trust` reject both, naming why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import type { Estate } from '@vaultscope/core';
import { collectionFromEstate, openLedger, SqliteLedgerStore } from '@vaultscope/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, PDF_FILE } from '../pack/buildPack.js';
import { parsePeriod } from '../pack/model/period.js';
import { signDetached } from './cms.js';
import { certificatePem, fingerprint, loadSigningIdentity, type SigningIdentity } from './identity.js';
import { hashFile, type PackManifest } from './manifest.js';
import { issue, makeCa, startTsa, type TestCa, type TestTsa } from './testPki.testkit.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../pack/__golden__/', import.meta.url));
const PASS = { SIGN_PASS: 'test pass' };

let dir: string;
let tsa: TestTsa;
let ca: TestCa;
let orgIdentity: SigningIdentity;
let genuineFingerprint: string;
let estate: Estate;

async function build(out: string, identity: SigningIdentity, source: Estate, now = new Date()): Promise<void> {
  const ledger = openLedger(':memory:');
  ledger.recordCollection(collectionFromEstate(source, { collectedAt: source.capturedAt, source: 'snapshot:estate.json' }));
  try {
    await buildPack({
      estate: source,
      policy: defaultPolicy(),
      sourceSpec: 'snapshot:estate.json',
      period: parsePeriod('2026-10'),
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

function verify(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'verify', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const pack = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-forged-'));
  tsa = await startTsa(dir);
  ca = makeCa(dir, 'org-ca', 'Golden Bank Root CA');
  const p12 = issue(dir, ca, 'org-signer', 'Golden Bank Evidence Signer', { extKeyUsage: ['emailProtection'] });
  orgIdentity = await loadSigningIdentity({ p12, passEnv: 'SIGN_PASS', env: PASS, configDir: join(dir, 'unused'), now: new Date(), tsa: tsa.url });
  genuineFingerprint = fingerprint(orgIdentity);
  estate = parseEstate(JSON.parse(readFileSync(join(GOLDEN, 'estate.json'), 'utf8')), 'estate.json');

  await build(pack('genuine'), orgIdentity, estate);

  // Forged A: the failed backup jobs removed from the estate, packed under a brand-new self-signed key.
  const doctored = structuredClone(estate);
  const jobs = doctored.jobs as { backup: { State?: string }[] };
  const before = jobs.backup.length;
  jobs.backup = jobs.backup.filter((j) => j.State !== 'FAILED');
  expect(jobs.backup.length).toBeLessThan(before);
  const forger = await loadSigningIdentity({ configDir: join(dir, 'forger-config'), now: new Date() });
  await build(pack('forged-a'), forger, doctored);

  // Forged B: genuine pack, one CSV cell edited, the manifest re-hashed and re-signed by the forger's key.
  for (const [name, renameSigner] of [['forged-b', true], ['forged-b2', false]] as const) {
    cpSync(pack('genuine'), pack(name), { recursive: true });
    const csv = join(pack(name), 'findings.csv');
    const original = readFileSync(csv, 'utf8');
    writeFileSync(csv, original.replace(',critical,', ',low,'));
    expect(readFileSync(csv, 'utf8')).not.toBe(original);
    const manifest = JSON.parse(readFileSync(join(pack(name), 'manifest.json'), 'utf8')) as PackManifest;
    for (const file of manifest.files) Object.assign(file, await hashFile(join(pack(name), file.path)));
    if (renameSigner) {
      manifest.signer = { ...manifest.signer, subject: forger.certificate.subject, fingerprintSha256: fingerprint(forger), selfSigned: true };
      writeFileSync(join(pack(name), 'signer.pem'), certificatePem(forger.certificates[0] ?? Buffer.alloc(0)));
      const signerEntry = manifest.files.find((f) => f.path === 'signer.pem');
      if (signerEntry) Object.assign(signerEntry, await hashFile(join(pack(name), 'signer.pem')));
    }
    const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(pack(name), 'manifest.json'), text);
    writeFileSync(join(pack(name), 'manifest.json.p7s'), signDetached(text, forger, { signingTime: new Date() }));
  }

  // Back-dated: the genuine signer and TSA, but a generation time a month before the TSA's time.
  await build(pack('backdated'), orgIdentity, estate, new Date(Date.now() - 30 * 86_400_000));
}, 240_000);

afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the genuine pack', () => {
  it('without a trust anchor: intact, says plainly it checked integrity only, names the signer, exits 3', () => {
    const r = verify(pack('genuine'));
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toContain('organization: payments-prod (o-golden1234)');
    expect(r.stdout).toMatch(/period: +2026-10 \(2026-10-01 to 2026-10-31\), complete/);
    expect(r.stdout).toContain(`signer:       CN=Golden Bank Evidence Signer, O=Test Bank, SHA-256 ${genuineFingerprint}`);
    expect(r.stdout).toContain('trust basis:  NONE: integrity only');
    expect(r.stdout).toMatch(/timestamp: +\S+ on manifest\.json\.p7s, by CN=Test Time Stamping Authority, O=Test TSA; TSA not checked/);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/integrity only: the signer was not checked .*; exit 3$/)]);
  });

  it('with --trust (org CA) and --trust-tsa: verified and trusted, with both timestamps trusted and the chain named', () => {
    const r = verify(pack('genuine'), '--trust', ca.certFile, '--trust-tsa', tsa.caFile, '--expect-org', 'o-golden1234', '--expect-period', '2026-10');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/timestamp: +\S+ on manifest\.json\.p7s, .*; TSA trusted/);
    expect(r.stdout).toMatch(new RegExp(`timestamp: +\\S+ on ${PDF_FILE.replace(/\./g, '\\.')}, .*; TSA trusted`));
    expect(r.stdout).toContain('trust basis:  signer certificate chain checked against --trust [CN=Golden Bank Evidence Signer, O=Test Bank <- CN=Golden Bank Root CA]');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^pack verified and trusted: \d+ files/);
  });

  it('with --expect-signer (colon form): trusted by fingerprint', () => {
    const colon = (genuineFingerprint.toUpperCase().match(/../g) ?? []).join(':');
    const r = verify(pack('genuine'), '--expect-signer', colon);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('trust basis:  signer fingerprint checked against --expect-signer');
  });

  it('with --trust but a TSA from another CA: the timestamp is rejected, naming the TSA', () => {
    const r = verify(pack('genuine'), '--trust', ca.certFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REJECTED timestamp of manifest\.json\.p7s: TSA not trusted: certificate "CN=Test TSA Root" is self-signed and not in --trust .*org-ca\.pem \(chain: CN=Test Time Stamping Authority, O=Test TSA <- CN=Test TSA Root\)/);
  });

  it('substituted for another period or organization: rejected by --expect-period / --expect-org', () => {
    const period = verify(pack('genuine'), '--expect-signer', genuineFingerprint, '--expect-period', '2026-09');
    expect(period.code).toBe(1);
    expect(period.stdout).toContain('REJECTED the pack covers period 2026-10 (2026-10-01 to 2026-10-31), not 2026-09 (--expect-period)');
    const org = verify(pack('genuine'), '--expect-signer', genuineFingerprint, '--expect-org', 'o-otherbank99');
    expect(org.code).toBe(1);
    expect(org.stdout).toContain('not o-otherbank99 (--expect-org)');
  });

  it('pdfsig validates the timestamped PDF signature; the token in it verifies with openssl ts against the TSA CA', () => {
    const pdf = join(pack('genuine'), PDF_FILE);
    const out = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
  });

  it('rejects bad options with one line and exit 2', () => {
    for (const [args, message] of [
      [['--expect-signer', 'abc'], /--expect-signer: "abc" is not a SHA-256 fingerprint/],
      [['--trust', join(dir, 'nope.pem')], /--trust: .*nope\.pem: file not found/],
      [['--trust', join(pack('genuine'), 'VERIFY.md')], /--trust: .*not a PEM or DER certificate file/],
      [['--expect-period', '2026-13'], /--expect-period: "2026-13" is not a month/],
    ] as const) {
      const r = verify(pack('genuine'), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  });
});

/** Runs VERIFY.md's openssl commands (step 1) as written, with the auditor's CA file and fingerprint filled in. */
function opensslSteps(name: string): { byCa: ReturnType<typeof spawnSync>; byFingerprint: string } {
  const doc = readFileSync(join(pack('genuine'), 'VERIFY.md'), 'utf8');
  const commands = doc.split('\n').filter((l) => /^ {7}openssl cms -verify/.test(l)).map((l) => l.trim());
  expect(commands).toHaveLength(2);
  const [byCa = '', byFingerprint = ''] = commands;
  expect(byCa).not.toContain('signer.pem');
  const caRun = spawnSync('sh', ['-c', byCa.replace('YOUR-CA.pem', ca.certFile)], { cwd: pack(name), encoding: 'utf8' });
  const fpRun = spawnSync('sh', ['-c', byFingerprint], { cwd: pack(name), encoding: 'utf8' });
  return { byCa: caRun, byFingerprint: fpRun.stdout.replace(/:/g, '').toLowerCase() };
}

describe("VERIFY.md's standard-tool commands (the auditor's CA and fingerprint, never the pack's own certificate)", () => {
  it('accept the genuine pack', () => {
    const { byCa, byFingerprint } = opensslSteps('genuine');
    expect(byCa.status, String(byCa.stderr)).toBe(0);
    expect(String(byCa.stderr)).toContain('CMS Verification successful');
    expect(byFingerprint).toContain(`sha256 fingerprint=${genuineFingerprint}`);
  });

  it('reject forged A and forged B by CA, and show them a foreign fingerprint', () => {
    for (const name of ['forged-a', 'forged-b']) {
      const { byCa, byFingerprint } = opensslSteps(name);
      expect(byCa.status, name).not.toBe(0);
      expect(String(byCa.stderr), name).toMatch(/self.signed certificate|unable to get local issuer/);
      expect(byFingerprint, name).toMatch(/sha256 fingerprint=[0-9a-f]{64}/);
      expect(byFingerprint, name).not.toContain(genuineFingerprint);
    }
  });
});

/** VERIFY.md's step 4 (the signature timestamps with openssl, since pdfsig does not show them), as written. */
function timestampStep(name: string, tsaCa: string): ReturnType<typeof spawnSync> {
  const doc = readFileSync(join(pack('genuine'), 'VERIFY.md'), 'utf8');
  const step = /^4\. The trusted signature timestamps[\s\S]*?\n\n((?: {7}.*\n)+)/m.exec(doc)?.[1];
  expect(step, 'VERIFY.md step 4').toBeDefined();
  return spawnSync('sh', ['-c', (step ?? '').replace(/^ {7}/gm, '').replace('YOUR-TSA-CA.pem', tsaCa)], { cwd: pack(name), encoding: 'utf8' });
}

describe("VERIFY.md's timestamp commands (openssl; pdfsig 22.12 shows only the claimed /M)", () => {
  it('show the TSA time of both signatures and verify each token against the TSA CA, writing nothing into the pack', () => {
    const before = readdirSync(pack('genuine')).sort();
    const r = timestampStep('genuine', tsa.caFile);
    expect(r.status, String(r.stderr)).toBe(0);
    const out = String(r.stdout);
    expect(out.match(/^Verification: OK$/gm)).toHaveLength(2);
    expect(out).toMatch(/^manifest\.json\.p7s:\nTime stamp: \w{3} +\d+ \d\d:\d\d:\d\d \d{4} GMT\nTSA: DirName:\/CN=Test Time Stamping Authority\/O=Test TSA\nVerification: OK$/m);
    expect(out).toMatch(/^dora-evidence-pack\.pdf\.sig0:\nTime stamp: .* GMT\nTSA: .*Test Time Stamping Authority/m);
    expect(readdirSync(pack('genuine')).sort()).toEqual(before);
    // Against another CA (the organization's), the same tokens do not verify.
    const foreign = timestampStep('genuine', ca.certFile);
    expect(String(foreign.stdout)).not.toContain('Verification: OK');
    expect(String(foreign.stdout).match(/^Verification: FAILED$/gm)).toHaveLength(2);
  });

  it('pdfsig validates the timestamped PDF signature and shows the claimed /M as its signing time, not the TSA time', () => {
    const manifest = JSON.parse(readFileSync(join(pack('genuine'), 'manifest.json'), 'utf8')) as PackManifest;
    const out = execFileSync('pdfsig', [join(pack('genuine'), PDF_FILE)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    const generated = new Date(manifest.generatedAt);
    const shown = generated.toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) (\S+) GMT$/, '$2 $1 $3 $4');
    expect(out).toContain(`Signing Time: ${shown}`);
  });
});

describe('forged A: a doctored estate packed under a fresh self-signed key', () => {
  it('is self-consistent, so a bare verify can only say "integrity only" (exit 3), never "trusted"', () => {
    const r = verify(pack('forged-a'));
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('(self-signed)');
  });

  it('fails --expect-signer, naming both fingerprints', () => {
    const r = verify(pack('forged-a'), '--expect-signer', genuineFingerprint);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`REJECTED signer CN=Vaultscope evidence signer \\(self-signed\\), O=Vaultscope has SHA-256 fingerprint [0-9a-f]{64}, not the expected ${genuineFingerprint}`));
    expect(r.stderr).toMatch(/pack does NOT verify \(1 problem\)/);
  });

  it('fails --trust: not issued by the organization CA', () => {
    const r = verify(pack('forged-a'), '--trust', ca.certFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REJECTED signer not trusted: certificate "CN=Vaultscope evidence signer \(self-signed\), O=Vaultscope" is self-signed and not in --trust /);
  });
});

describe('forged B: the genuine pack with an edited CSV and a manifest re-signed by another key', () => {
  it('fails even without options: the PDF and the manifest are signed by different certificates', () => {
    const r = verify(pack('forged-b'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`MISMATCH ${PDF_FILE.replace(/\./g, '\\.')} +\\(PDF signature: made by a different certificate`));
    expect(r.stdout).toMatch(/REJECTED dora-evidence-pack\.pdf and manifest\.json\.p7s are signed by different certificates \(PDF: CN=Golden Bank Evidence Signer/);
  });

  it('fails --expect-signer and --trust, naming the signer', () => {
    const bySigner = verify(pack('forged-b'), '--expect-signer', genuineFingerprint);
    expect(bySigner.code).toBe(1);
    expect(bySigner.stdout).toContain(`not the expected ${genuineFingerprint} (--expect-signer)`);
    const byCa = verify(pack('forged-b'), '--trust', ca.certFile, '--trust-tsa', tsa.caFile);
    expect(byCa.code).toBe(1);
    expect(byCa.stdout).toMatch(/REJECTED signer not trusted: certificate "CN=Vaultscope evidence signer \(self-signed\)/);
  });

  it('B2 (manifest still names the genuine signer): the signature file is blamed', () => {
    const r = verify(pack('forged-b2'), '--expect-signer', genuineFingerprint);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH manifest\.json\.p7s +\(signed by a different certificate than the manifest names\)/);
  });
});

describe('a back-dated pack', () => {
  it('is flagged: its claimed generation time is a month before the trusted timestamp', () => {
    const r = verify(pack('backdated'), '--trust', ca.certFile, '--trust-tsa', tsa.caFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REJECTED the claimed generation time \S+ is 43\d\d\d min before the trusted timestamp \S+ \(tolerance: up to 60 min before it, 5 min after it\)/);
  });
});
