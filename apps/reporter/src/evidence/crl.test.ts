/**
 * Revocation data (`pack --crl`): real CRLs made by `openssl ca -gencrl` for a test CA. They are checked before
 * signing (from the signer's chain, current, not revoking it), embedded in both CMS signatures (SignedData
 * `crls`, which `openssl cms -verify -crl_check` uses) and reported by `verify`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import { collectionFromEstate, openLedger, SqliteLedgerStore } from '@vaultscope/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, PDF_FILE } from '../pack/buildPack.js';
import { parsePeriod } from '../pack/model/period.js';
import { signDetached, verifyDetached } from './cms.js';
import { crlsFromFile, revocationStatus } from './crl.js';
import { loadSigningIdentity, type SigningIdentity } from './identity.js';
import { verifyPdfSignature } from './pdfSignature.js';
import { issue, makeCa, makeCrl, type TestCa } from './testPki.testkit.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ESTATE = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
const PASS = { SIGN_PASS: 'test pass' };
const CONTENT = Buffer.from('{"files":[]}\n');
const SIGNER = 'CN=Evidence Signer, O=Test Bank';

let dir: string;
let ca: TestCa;
let p12: string;
const crl: Record<'good' | 'revoking' | 'foreign' | 'stale', string> = { good: '', revoking: '', foreign: '', stale: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-crl-'));
  ca = makeCa(dir, 'org-ca', 'Org Root');
  makeCa(dir, 'other-ca', 'Other Root');
  p12 = issue(dir, ca, 'signer', 'Evidence Signer');
  crl.good = makeCrl(dir, 'org-ca', 'good');
  crl.revoking = makeCrl(dir, 'org-ca', 'revoking', { revoke: ['signer.pem'] });
  crl.foreign = makeCrl(dir, 'other-ca', 'foreign');
  crl.stale = makeCrl(dir, 'org-ca', 'stale', { hours: 1 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const identityWith = (crlFiles: string[], now = new Date()): Promise<SigningIdentity> =>
  loadSigningIdentity({ p12, passEnv: 'SIGN_PASS', env: PASS, configDir: join(dir, 'unused'), now, crlFiles });

const cli = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const env = { ...process.env, ...PASS, VAULTSCOPE_CONFIG_DIR: join(dir, 'cfg'), VAULTSCOPE_DATA_DIR: join(dir, 'data') };
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('CRLs embedded in the CMS signature', () => {
  it('are carried in SignedData crls, read back, and used by openssl cms -verify -crl_check', async () => {
    const identity = await identityWith([crl.good]);
    expect(identity.crls).toHaveLength(1);
    const cms = signDetached(CONTENT, identity, { signingTime: new Date() });
    const result = verifyDetached(cms, CONTENT);
    expect(result.ok, result.reason).toBe(true);
    expect(result.crls).toHaveLength(1);
    const { statuses, problems } = revocationStatus(result.certificates ?? [], result.crls ?? []);
    expect(problems).toEqual([]);
    expect(statuses).toEqual([{ certificate: SIGNER, crl: { issuer: 'CN=Org Root', thisUpdate: expect.any(Date), nextUpdate: expect.any(Date) } }]);

    writeFileSync(join(dir, 'm.json'), CONTENT);
    const opensslVerify = (file: string): ReturnType<typeof spawnSync> =>
      spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', 'm.json', '-CAfile', ca.certFile, '-purpose', 'any', '-crl_check', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    writeFileSync(join(dir, 'with-crl.p7s'), cms);
    const withCrl = opensslVerify('with-crl.p7s');
    expect(withCrl.status, String(withCrl.stderr)).toBe(0);
    // Without the embedded CRL openssl has none to check against: the CRL in the signature is what it used.
    writeFileSync(join(dir, 'without-crl.p7s'), signDetached(CONTENT, { ...identity, crls: [] }, { signingTime: new Date() }));
    const withoutCrl = opensslVerify('without-crl.p7s');
    expect(withoutCrl.status).not.toBe(0);
    expect(String(withoutCrl.stderr)).toMatch(/unable to get certificate CRL/);
  });

  it('a revoking CRL (added by hand, not through --crl) verifies as a signature but names the revocation', async () => {
    const identity = await identityWith([]);
    const revokingDer = crlsFromFile(readFileSync(crl.revoking));
    const result = verifyDetached(signDetached(CONTENT, { ...identity, crls: revokingDer }, { signingTime: new Date() }), CONTENT);
    expect(result.ok, result.reason).toBe(true);
    const [status] = revocationStatus(result.certificates ?? [], result.crls ?? []).statuses;
    expect(status?.revokedAt).toBeInstanceOf(Date);
  });

  it('fails the signature when an embedded CRL was changed or comes from outside the chain', async () => {
    const identity = await identityWith([crl.good]);
    const cms = signDetached(CONTENT, identity, { signingTime: new Date() });
    const [der] = identity.crls ?? [];
    const at = cms.indexOf(der ?? Buffer.alloc(1));
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(cms);
    const flip = at + (der?.length ?? 0) - 10; // inside the CRL's signature
    changed[flip] = (changed[flip] ?? 0) ^ 0x01;
    expect(verifyDetached(changed, CONTENT)).toMatchObject({ ok: false, reason: expect.stringMatching(/CRL was not issued by a certificate of the signer.s chain/) });
    const foreign = crlsFromFile(readFileSync(crl.foreign));
    expect(verifyDetached(signDetached(CONTENT, { ...identity, crls: foreign }), CONTENT)).toMatchObject({ ok: false, reason: expect.stringMatching(/CRL was not issued/) });
  });
});

describe('--crl is checked before signing', () => {
  it('refuses a CRL that revokes the signer, one from another CA, a stale one, and a file that is not a CRL', async () => {
    await expect(identityWith([crl.revoking])).rejects.toThrow(new RegExp(`^--crl: .*revoking\\.crl\\.pem: certificate "${SIGNER}" was revoked at \\S+; refusing to sign with it$`));
    await expect(identityWith([crl.foreign])).rejects.toThrow(/^--crl: .*foreign\.crl\.pem: a CRL was not issued by a certificate of the signer.s chain/);
    await expect(identityWith([crl.stale], new Date(Date.now() + 2 * 3_600_000))).rejects.toThrow(/^--crl: .*stale\.crl\.pem: the CRL's next update was due \S+; supply a current CRL$/);
    await expect(identityWith([join(dir, 'org-ca.pem')])).rejects.toThrow(/^--crl: .*org-ca\.pem: not a CRL \(/);
    await expect(identityWith([join(dir, 'missing.pem')])).rejects.toThrow(/^--crl: .*missing\.pem: file not found$/);
  });
});

describe('pack --crl through the binary', () => {
  it('embeds the CRL in both signatures; verify reports the signer not revoked; pdfsig still validates', () => {
    const out = join(dir, 'pack');
    const packed = cli('pack', '--period', '2026-10', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'l.sqlite'), '--out', out, '--sign-p12', p12, '--sign-pass-env', 'SIGN_PASS', '--crl', crl.good);
    expect(packed.code, packed.stderr).toBe(0);
    expect(packed.stdout).toContain('revocation data embedded in both signatures: 1 CRL file');
    const verified = cli('verify', out, '--trust', ca.certFile);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^revocation: {3}CN=Evidence Signer, O=Test Bank: not revoked \(CRL of CN=Org Root, this update \S+, next update \S+\)$/m);
    expect(verifyPdfSignature(readFileSync(join(out, PDF_FILE))).crls).toHaveLength(1);
    const pdfsig = spawnSync('pdfsig', [join(out, PDF_FILE)], { encoding: 'utf8' });
    expect(pdfsig.stdout).toContain('Signature is Valid.');

    const bad = cli('pack', '--period', '2026-10', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'l.sqlite'), '--out', join(dir, 'pack-2'), '--sign-p12', p12, '--sign-pass-env', 'SIGN_PASS', '--crl', crl.revoking);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--crl: .*refusing to sign with it$/)]);
    expect(verified.stdout).not.toContain('no revocation data');
  }, 120_000);

  it('verify rejects a pack whose embedded CRL revoked the signer before it signed, and says when a pack has no revocation data', async () => {
    const identity = await identityWith([]);
    const estate = parseEstate(JSON.parse(readFileSync(ESTATE, 'utf8')), 'estate.json');
    const build = async (out: string, crls: Buffer[]): Promise<void> => {
      const ledger = openLedger(':memory:');
      ledger.recordCollection(collectionFromEstate(estate, { collectedAt: estate.capturedAt, source: 'snapshot:estate.json' }));
      try {
        await buildPack({
          estate,
          policy: defaultPolicy(),
          sourceSpec: 'snapshot:estate.json',
          period: parsePeriod('2026-10'),
          now: new Date(),
          ledger: new SqliteLedgerStore(ledger),
          ledgerStorage: 'memory',
          identity: { ...identity, crls },
          outDir: out,
          generator: { name: 'vaultscope-report', version: 'test' },
        });
      } finally {
        ledger.close();
      }
    };
    await build(join(dir, 'revoked-pack'), crlsFromFile(readFileSync(crl.revoking)));
    const revoked = cli('verify', join(dir, 'revoked-pack'), '--trust', ca.certFile);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toMatch(new RegExp(`^REJECTED certificate "${SIGNER}" was revoked at \\S+, before the signature of manifest\\.json\\.p7s`, 'm'));
    expect(revoked.stdout).toMatch(/^revocation: {3}CN=Evidence Signer, O=Test Bank: REVOKED at /m);

    await build(join(dir, 'plain-pack'), []);
    const plain = cli('verify', join(dir, 'plain-pack'), '--trust', ca.certFile);
    expect(plain.code, plain.stdout).toBe(0);
    expect(plain.stdout).toMatch(/^revocation: {3}no revocation data in the pack \(made without --crl\)/m);
  }, 120_000);
});
