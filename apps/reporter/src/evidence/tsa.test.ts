/**
 * RFC 3161 signature timestamps against a real responder (`openssl ts -reply` behind an HTTP handler on
 * loopback): the token lands in the SignerInfo's unsigned attributes, openssl and pdfsig still accept the
 * signatures, our verifier reports the TSA's time, and a token that is damaged or stamps something else fails.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDetached, signDetachedStamped, verifyDetached } from './cms.js';
import { bytesOf, children, readNode } from './der.js';
import { loadSigningIdentity, type SigningIdentity } from './identity.js';
import { addSignaturePlaceholder, signPdf, verifyPdfSignature } from './pdfSignature.js';
import { startTsa, type TestTsa } from './testPki.testkit.js';
import { httpTimestamper, tokenOfResponse } from './tsa.js';
import { verifyTimestampToken } from './timestampToken.js';

const CONTENT = Buffer.from('{"format":"vaultscope.pack/v1","files":[]}\n');
let dir: string;
let tsa: TestTsa;
let identity: SigningIdentity;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-tsa-'));
  tsa = await startTsa(dir);
  identity = await loadSigningIdentity({ configDir: join(dir, 'config'), now: new Date(), tsa: tsa.url });
});

afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The token inside a stamped CMS (the last element of the SignerInfo's [1] unsigned attributes). */
function tokenOf(cms: Buffer): { token: Buffer; start: number } {
  let node = readNode(cms);
  // ContentInfo > [0] > SignedData > SignerInfos (last) > SignerInfo > [1] > Attribute > SET > token
  node = children(cms, node)[1] as ReturnType<typeof readNode>;
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  node = children(cms, node).at(-1) as ReturnType<typeof readNode>;
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  node = children(cms, node).at(-1) as ReturnType<typeof readNode>;
  expect(node.tag).toBe(0xa1);
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  node = children(cms, node)[1] as ReturnType<typeof readNode>;
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  return { token: Buffer.from(bytesOf(cms, node)), start: node.start };
}

describe('signature timestamps from a real RFC 3161 responder', () => {
  it('stamps the manifest signature: the token carries the TSA time and covers the signature value', async () => {
    const before = Date.now();
    const cms = await signDetachedStamped(CONTENT, identity, { signingTime: new Date() });
    const result = verifyDetached(cms, CONTENT);
    expect(result.ok, result.reason).toBe(true);
    expect(result.timestamp?.tsa.subject).toContain('CN=Test Time Stamping Authority');
    const genTime = result.timestamp?.genTime.getTime() ?? 0;
    // The TSA's clock is this machine's: the stamp falls between the request and now (whole seconds).
    expect(genTime).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(genTime).toBeLessThanOrEqual(Date.now());
    expect(result.timestamp?.certificates.map((c) => c.subject)).toEqual(expect.arrayContaining([expect.stringContaining('CN=Test TSA Root')]));

    // openssl reads the stamped CMS as a valid signature, and its own `ts -verify` accepts the embedded token
    // for the signature value, against the TSA's CA.
    writeFileSync(join(dir, 'm.json'), CONTENT);
    writeFileSync(join(dir, 'm.p7s'), cms);
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'm.p7s', '-content', 'm.json', '-noverify', '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { token } = tokenOf(cms);
    writeFileSync(join(dir, 'token.der'), token);
    const unstamped = signDetached(CONTENT, identity, { signingTime: new Date() });
    expect(unstamped.length).toBeLessThan(cms.length);
    const signatureValue = signatureValueOf(cms);
    writeFileSync(join(dir, 'sigvalue.bin'), signatureValue);
    const ts = spawnSync('openssl', ['ts', '-verify', '-data', 'sigvalue.bin', '-in', 'token.der', '-token_in', '-CAfile', tsa.caFile], { cwd: dir, encoding: 'utf8' });
    expect(ts.stdout + ts.stderr).toContain('Verification: OK');
  });

  it('rejects a token over other data, a damaged token, and a genuine token lifted onto another signature', async () => {
    const cms = await signDetachedStamped(CONTENT, identity, { signingTime: new Date() });
    const { token, start } = tokenOf(cms);
    expect(verifyTimestampToken(token, Buffer.from('another signature'))).toMatchObject({ ok: false, reason: expect.stringMatching(/message imprint mismatch/) });
    // A byte of the TSTInfo's genTime changed (the TSA signature then no longer covers it).
    const genTimeAt = token.indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    const forged = Buffer.from(cms);
    forged[start + genTimeAt + 3] = (forged[start + genTimeAt + 3] ?? 0) ^ 0x01;
    expect(verifyDetached(forged, CONTENT)).toMatchObject({ ok: false, reason: expect.stringMatching(/^signature timestamp: .*message digest mismatch/) });
    // A genuine token moved onto a new signature (same key, new signing time) does not stamp it.
    const fake = await signDetachedStamped(CONTENT, { ...identity, timestamper: { url: 'x', stamp: async () => token } });
    expect(verifyDetached(fake, CONTENT)).toMatchObject({ ok: false, reason: expect.stringMatching(/message imprint mismatch/) });
  });

  it('fails for every single-byte change of a stamped signature, but the issuer name of the TSA chain\'s top certificate', async () => {
    const cms = await signDetachedStamped(CONTENT, identity, { signingTime: new Date() });
    // The TSA root as included in the token: nothing signs its issuer Name but itself, and once changed it is no
    // longer self-issued, so nothing can check it (--trust-tsa checks the chain against the auditor's own CA).
    const rootDer = Buffer.from(readFileSync(tsa.caFile, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const rootAt = cms.indexOf(rootDer);
    expect(rootAt).toBeGreaterThan(0);
    const tbs = children(rootDer, readNode(rootDer))[0] as ReturnType<typeof readNode>;
    const issuer = children(rootDer, tbs)[3] as ReturnType<typeof readNode>;
    const unchecked = (at: number): boolean => at >= rootAt + issuer.start && at < rootAt + issuer.end;
    const passed: number[] = [];
    for (let at = 0; at < cms.length; at++) {
      if (unchecked(at)) continue;
      const changed = Buffer.from(cms);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      if (verifyDetached(changed, CONTENT).ok) passed.push(at);
    }
    expect(passed).toEqual([]);
  });

  it('stamps the PDF signature (PAdES B-T): pdfsig still validates it, and the token is the CMS unsigned attribute', async () => {
    const doc = new PDFDocument({ info: { CreationDate: new Date() } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.text('evidence');
    addSignaturePlaceholder(doc, { reason: 'test', name: 'Test', location: 'EU', contactInfo: 'x', signingTime: new Date() });
    doc.end();
    await ended;
    const pdf = await signPdf(Buffer.concat(chunks), identity);
    const result = verifyPdfSignature(pdf);
    expect(result.ok, result.reason).toBe(true);
    expect(result.timestamp?.tsa.subject).toContain('Test Time Stamping Authority');
    writeFileSync(join(dir, 'stamped.pdf'), pdf);
    const out = execFileSync('pdfsig', [join(dir, 'stamped.pdf')], { encoding: 'utf8' });
    expect(out).toContain('Signature is Valid.');
  });

  it('pack --tsa through the binary: both signatures stamped, verify reports the TSA time, pdfsig validates the PDF', async () => {
    const estate = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
    const out = join(dir, 'cli-pack');
    const env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'cli-config'), VAULTSCOPE_DATA_DIR: join(dir, 'cli-data') };
    // Asynchronous: the TSA answers from this process's event loop.
    const packed = await run(['pack', '--period', '2026-10', '--source', `snapshot:${estate}`, '--ledger', join(dir, 'cli.sqlite'), '--out', out, '--tsa', tsa.url], env);
    expect(packed.code, packed.stderr).toBe(0);
    expect(packed.stdout).toContain(`both signatures timestamped by ${tsa.url} (RFC 3161)`);
    const fp = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { signer: { fingerprintSha256: string } }).signer.fingerprintSha256;
    const verified = await run(['verify', out, '--expect-signer', fp, '--trust-tsa', tsa.caFile], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout.match(/^timestamp: .* by CN=Test Time Stamping Authority, O=Test TSA; TSA trusted$/gm)).toHaveLength(2);
    expect(execFileSync('pdfsig', [join(out, 'dora-evidence-pack.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid.');
    const unreachable = await run(['pack', '--period', '2026-10', '--source', `snapshot:${estate}`, '--ledger', join(dir, 'cli.sqlite'), '--out', join(dir, 'cli-pack-2'), '--tsa', 'http://127.0.0.1:9/tsr'], env);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--tsa http:\/\/127\.0\.0\.1:9\/tsr: no timestamp \(/)]);
    expect(existsSync(join(dir, 'cli-pack-2'))).toBe(false);
  }, 180_000);

  it('names the option and the URL when the TSA cannot be reached or refuses', async () => {
    const closed = httpTimestamper('http://127.0.0.1:9/tsr');
    await expect(closed.stamp(Buffer.from('x'))).rejects.toThrow(/^--tsa http:\/\/127\.0\.0\.1:9\/tsr: no timestamp \(/);
    expect(() => httpTimestamper('ftp://example.invalid/')).toThrow('--tsa: "ftp://example.invalid/" is not an http(s) URL');
    expect(() => tokenOfResponse(Buffer.from('30053003020102', 'hex'))).toThrow(/PKIStatus 2/);
    expect(tsa.answered()).toBeGreaterThan(0);
  });
});

/** The SignerInfo's signature value (what a signature timestamp stamps). */
function signatureValueOf(cms: Buffer): Buffer {
  let node = readNode(cms);
  node = children(cms, node)[1] as ReturnType<typeof readNode>;
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  node = children(cms, node).at(-1) as ReturnType<typeof readNode>;
  node = children(cms, node)[0] as ReturnType<typeof readNode>;
  const sig = children(cms, node)[5] as ReturnType<typeof readNode>;
  return Buffer.from(cms.subarray(sig.contentStart, sig.end));
}

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Runs the built binary without blocking this process (the TSA lives in it). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
