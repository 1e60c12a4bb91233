/**
 * The chain checks `verify --trust` makes, on certificates made by openssl and node-forge: a signer under an
 * intermediate CA, judged at the signing time (a certificate expired today still proves a signature made while it
 * was valid; one expired at signing time does not), CA flags on issuers, and the signing purpose.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTrustChain, isSelfSigned, keyUsageOf, purposeProblem } from './certificates.js';
import { issue, makeCa, type TestCa } from './testPki.testkit.js';

const DAY = 86_400_000;
let dir: string;
let root: TestCa;
let intermediate: TestCa;

const cert = (name: string): X509Certificate => new X509Certificate(readFileSync(join(dir, `${name}.pem`)));
const anchors = (): { certificates: X509Certificate[]; option: string } => ({ certificates: [cert('root')], option: '--trust root.pem' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-certs-'));
  root = makeCa(dir, 'root', 'Chain Root CA');
  // An intermediate CA issued by the root.
  issue(dir, root, 'intermediate', 'Chain Issuing CA', { keyUsage: { keyCertSign: true }, isCa: true });
  intermediate = { certFile: join(dir, 'intermediate.pem'), certPem: readFileSync(join(dir, 'intermediate.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'intermediate.key'), 'utf8') };
  issue(dir, intermediate, 'leaf', 'Chain Signer');
  issue(dir, intermediate, 'old-leaf', 'Chain Old Signer', { validFrom: new Date(Date.now() - 300 * DAY), validTo: new Date(Date.now() - 100 * DAY) });
  // keyCertSign but basicConstraints CA:FALSE: openssl's issuer match accepts it, our CA check must not.
  issue(dir, root, 'not-ca', 'Not A CA', { keyUsage: { digitalSignature: true, keyCertSign: true } });
  const notCa = { certFile: join(dir, 'not-ca.pem'), certPem: readFileSync(join(dir, 'not-ca.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'not-ca.key'), 'utf8') };
  issue(dir, notCa, 'under-not-ca', 'Issued By A Leaf');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkTrustChain', () => {
  it('follows signer <- intermediate <- root, naming each', () => {
    const result = checkTrustChain(cert('leaf'), [cert('intermediate')], anchors(), new Date(), 'signing');
    expect(result).toEqual({ ok: true, chain: ['CN=Chain Signer, O=Test Bank', 'CN=Chain Issuing CA, O=Test Bank', 'CN=Chain Root CA'] });
  });

  it('fails without the intermediate, naming the certificate whose issuer is missing', () => {
    expect(checkTrustChain(cert('leaf'), [], anchors(), new Date(), 'signing')).toEqual({
      ok: false,
      reason: 'certificate "CN=Chain Signer, O=Test Bank" was not issued by a certificate in --trust root.pem',
    });
  });

  it('judges validity at the signing time: expired now but valid then passes; expired then fails', () => {
    const then = new Date(Date.now() - 200 * DAY);
    // The intermediate and root were made "now" by this test: judge the old signer's own validity only.
    const oldLeaf = cert('old-leaf');
    expect(checkTrustChain(oldLeaf, [], { certificates: [oldLeaf], option: '--trust old.pem' }, then, 'signing')).toMatchObject({ ok: true });
    expect(checkTrustChain(oldLeaf, [], { certificates: [oldLeaf], option: '--trust old.pem' }, new Date(), 'signing')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^certificate "CN=Chain Old Signer, O=Test Bank" had expired at .* \(valid until /),
    });
  });

  it('refuses an issuer that is not a CA', () => {
    expect(checkTrustChain(cert('under-not-ca'), [cert('not-ca')], anchors(), new Date(), 'signing')).toEqual({
      ok: false,
      reason: 'certificate "CN=Not A CA, O=Test Bank" issued "CN=Issued By A Leaf, O=Test Bank" but is not a CA certificate',
    });
  });

  it('checks the purpose first: a TLS server certificate is refused even under a trusted CA', () => {
    issue(dir, root, 'tls', 'tls.example', { extKeyUsage: ['serverAuth'] });
    expect(checkTrustChain(cert('tls'), [], anchors(), new Date(), 'signing')).toMatchObject({ ok: false, reason: expect.stringMatching(/is a TLS certificate/) });
    expect(purposeProblem(cert('leaf'), 'timestamping')).toMatch(/not a time-stamping certificate/);
  });
});

describe('certificate facts', () => {
  it('reads key usage bits from the DER and tells self-signed certificates apart', () => {
    expect(keyUsageOf(cert('leaf'))).toEqual({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect(keyUsageOf(cert('root'))).toEqual({ digitalSignature: false, nonRepudiation: false, keyCertSign: true });
    expect(isSelfSigned(cert('root'))).toBe(true);
    expect(isSelfSigned(cert('intermediate'))).toBe(false);
  });
});
