/**
 * Signing identities: the self-signed certificate made once per config directory, and a PKCS#12 file from an
 * organization's CA (made here with openssl's defaults), whose chain openssl then verifies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDetached, verifyDetached } from './cms.js';
import { certificatePem, fingerprint, loadSigningIdentity } from './identity.js';
import { signPdf, verifyPdfSignature, addSignaturePlaceholder } from './pdfSignature.js';
import PDFDocument from 'pdfkit';
import { issue, makeCa } from './testPki.testkit.js';

const NOW = new Date('2026-11-02T06:00:00Z');
let dir: string;

const openssl = (...args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-identity-'));
  // A small CA and a signer certificate it issued, exported as OpenSSL 3 writes PKCS#12 by default (AES-256, PBKDF2).
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Test Bank Root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-subj', '/CN=Test Bank Evidence Signer/O=Test Bank');
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n');
  openssl('x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'signer.pem', '-days', '30', '-extfile', 'ext.cnf');
  openssl('pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.pem', '-certfile', 'ca.pem', '-out', 'signer.p12', '-passout', 'pass:s3cret pass');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('self-signed identity', () => {
  it('is created once per config directory and reused', async () => {
    const config = join(dir, 'config');
    const first = await loadSigningIdentity({ configDir: config, now: NOW });
    const second = await loadSigningIdentity({ configDir: config, now: NOW });
    expect(first.selfSigned).toBe(true);
    expect(fingerprint(second)).toBe(fingerprint(first));
    expect(first.certificate.subject).toContain('Vaultscope evidence signer (self-signed)');
    const pem = readFileSync(join(config, 'signing', 'self-signed.pem'), 'utf8');
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
  });
});

describe('PKCS#12 identity', () => {
  const env = { SIGN_PASS: 's3cret pass' };

  it('reads key and chain from an OpenSSL 3 PKCS#12 file', async () => {
    const id = await loadSigningIdentity({ p12: join(dir, 'signer.p12'), passEnv: 'SIGN_PASS', env, configDir: join(dir, 'unused'), now: new Date() });
    expect(id.selfSigned).toBe(false);
    expect(id.certificates).toHaveLength(2);
    expect(id.certificate.subject).toContain('CN=Test Bank Evidence Signer');
    expect(id.origin).toBe('signer.p12');
  });

  it('signs a manifest that openssl verifies against the CA', async () => {
    const id = await loadSigningIdentity({ p12: join(dir, 'signer.p12'), passEnv: 'SIGN_PASS', env, configDir: join(dir, 'unused'), now: new Date() });
    const content = Buffer.from('{"format":"vaultscope.pack/v1"}\n');
    writeFileSync(join(dir, 'manifest.json'), content);
    writeFileSync(join(dir, 'manifest.json.p7s'), signDetached(content, id, { signingTime: NOW }));
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'manifest.json.p7s', '-content', 'manifest.json', '-CAfile', 'ca.pem', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(verifyDetached(readFileSync(join(dir, 'manifest.json.p7s')), content)).toMatchObject({ ok: true, signingTime: NOW });
    expect(verifyDetached(readFileSync(join(dir, 'manifest.json.p7s')), Buffer.from('changed'))).toMatchObject({ ok: false, reason: expect.stringMatching(/digest mismatch/) });
    expect(certificatePem(id.certificates[0] ?? Buffer.alloc(0))).toBe(readFileSync(join(dir, 'signer.pem'), 'utf8').replace(/\r/g, ''));
  });

  it('signs a PDF that pdfsig validates and names', async () => {
    const id = await loadSigningIdentity({ p12: join(dir, 'signer.p12'), passEnv: 'SIGN_PASS', env, configDir: join(dir, 'unused'), now: new Date() });
    const doc = new PDFDocument({ info: { CreationDate: NOW } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.text('evidence');
    addSignaturePlaceholder(doc, { reason: 'test', name: 'Test Bank', location: 'EU', contactInfo: 'x', signingTime: NOW });
    doc.end();
    await ended;
    const pdf = await signPdf(Buffer.concat(chunks), id);
    writeFileSync(join(dir, 'signed.pdf'), pdf);
    const out = execFileSync('pdfsig', [join(dir, 'signed.pdf')], { encoding: 'utf8' });
    expect(out).toContain('Signer Certificate Common Name: Test Bank Evidence Signer');
    expect(out).toContain('Signature is Valid.');
    expect(verifyPdfSignature(pdf)).toMatchObject({ ok: true, coversWholeFile: true });
    expect(verifyPdfSignature(Buffer.concat([pdf, Buffer.from('\n% appended\n')]))).toMatchObject({ ok: false, reason: 'bytes were appended after the signature' });
  });

  it('gives one-line user errors for a wrong passphrase, an unset variable or a missing file', async () => {
    const base = { configDir: join(dir, 'unused'), now: new Date() };
    await expect(loadSigningIdentity({ ...base, p12: join(dir, 'signer.p12'), passEnv: 'SIGN_PASS', env: { SIGN_PASS: 'wrong' } })).rejects.toThrow(/--sign-p12: .*cannot open PKCS#12/);
    await expect(loadSigningIdentity({ ...base, p12: join(dir, 'signer.p12'), passEnv: 'NOPE', env: {} })).rejects.toThrow('--sign-pass-env: environment variable NOPE is not set');
    await expect(loadSigningIdentity({ ...base, p12: join(dir, 'missing.p12') })).rejects.toThrow(/file not found/);
    await expect(loadSigningIdentity({ ...base, passEnv: 'SIGN_PASS' })).rejects.toThrow('--sign-pass-env needs --sign-p12');
  });

  it('refuses an expired, not yet valid, TLS-only or non-signing certificate, naming the P12 and why', async () => {
    const ca = makeCa(dir, 'refuse-ca', 'Refuse Test CA');
    const day = 86_400_000;
    const cases = [
      ['expired', { validFrom: new Date(Date.now() - 400 * day), validTo: new Date(Date.now() - day) }, /had expired at .* \(valid until /],
      ['future', { validFrom: new Date(Date.now() + 10 * day) }, /was not yet valid at /],
      ['tls', { extKeyUsage: ['serverAuth'] }, /is a TLS certificate \(extended key usage serverAuth only\), not a signing certificate/],
      ['encipher', { keyUsage: { digitalSignature: false, nonRepudiation: false, keyCertSign: false } }, /is not for signatures \(key usage has neither digitalSignature nor nonRepudiation\)/],
    ] as const;
    for (const [name, options, message] of cases) {
      const p12 = issue(dir, ca, `refuse-${name}`, `Refused ${name}`, options);
      await expect(loadSigningIdentity({ p12, passEnv: 'SIGN_PASS', env: { SIGN_PASS: 'test pass' }, configDir: join(dir, 'unused'), now: new Date() }), name).rejects.toThrow(
        new RegExp(`^--sign-p12: .*refuse-${name}\\.p12: certificate "CN=Refused ${name}, O=Test Bank" ${message.source}`),
      );
    }
  });
});
