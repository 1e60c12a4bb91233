/**
 * The key and certificate that sign a pack: the user's PKCS#12 file (`--sign-p12 FILE --sign-pass-env VAR`), or
 * a self-signed certificate created once in the user's config directory and reused, so consecutive packs carry
 * the same signer. A self-signed signer proves integrity, not identity, and packs say so.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, link } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@vaultscope/core';
import forge from 'node-forge';
import { isSelfSigned, purposeProblem, validityProblem } from './certificates.js';
import { httpTimestamper, type Timestamper } from './tsa.js';
import { crlsFromFile, parseCrl, revocationStatus, type Crl } from './crl.js';

/** A private key with its certificate chain (DER, signer first). */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificates: Buffer[];
  certificate: X509Certificate;
  selfSigned: boolean;
  /** Where it came from, for the pack's provenance (`self-signed` or the P12 file name). */
  origin: string;
  /** The RFC 3161 time-stamping authority that stamps each signature (`--tsa`), if any. */
  timestamper?: Timestamper;
  /** CRLs (DER) of the signer's chain, embedded in each signature for long-term validation (`--crl`). */
  crls?: Buffer[];
}

/** How to obtain the identity. */
export interface IdentityOptions {
  p12?: string;
  /** Name of the environment variable that holds the P12 passphrase. */
  passEnv?: string;
  env?: NodeJS.ProcessEnv;
  /** RFC 3161 TSA URL (`--tsa`). */
  tsa?: string;
  /** CRL files (`--crl`, PEM or DER) for the signer's chain. */
  crlFiles?: string[];
  /** Config directory for the self-signed certificate. */
  configDir: string;
  now: Date;
}

const DAY = 86_400_000;
const SELF_SIGNED_CN = 'Vaultscope evidence signer (self-signed)';

const pemBlocks = (text: string, label: string): string[] =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

const derOfPem = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

/** PEM text of a certificate. */
export function certificatePem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
}

function createSelfSigned(now: Date): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  // Valid from a day before the earlier of the pack clock and the wall clock, so a certificate made under a test's
  // fixed clock is not "not yet valid" to openssl or pdfsig, nor the other way round.
  const start = Math.min(now.getTime(), Date.now()) - DAY;
  cert.validity.notBefore = new Date(start);
  cert.validity.notAfter = new Date(start + 10 * 365 * DAY);
  const name = [
    { name: 'commonName', value: SELF_SIGNED_CN },
    { name: 'organizationName', value: 'Vaultscope' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return `${keyPem.trim()}\n${forge.pki.certificateToPem(cert).trim()}\n`;
}

/** Reads the self-signed identity, creating it once (atomically, so two first runs agree on one key). */
async function selfSigned(configDir: string, now: Date): Promise<SigningIdentity> {
  const dir = join(configDir, 'signing');
  const file = join(dir, 'self-signed.pem');
  let text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.self-signed.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temp, createSelfSigned(now), { mode: 0o600 });
    // link() fails when another process got there first; then its key is the one to use.
    await link(temp, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await rm(temp, { force: true });
    text = await readFile(file, 'utf8');
  }
  const [keyPem] = pemBlocks(text, 'PRIVATE KEY');
  const certs = pemBlocks(text, 'CERTIFICATE').map(derOfPem);
  const [first] = certs;
  if (!keyPem || !first) throw new InputError(`${file}: expected a private key and a certificate; delete it to create a new one`);
  return { privateKey: createPrivateKey(keyPem), certificates: certs, certificate: new X509Certificate(first), selfSigned: true, origin: 'self-signed' };
}

/** Reads key and chain from a PKCS#12 file (RSA keys: node-forge's PKCS#12 support). */
async function fromP12(path: string, passEnv: string | undefined, env: NodeJS.ProcessEnv, now: Date): Promise<SigningIdentity> {
  let passphrase = '';
  if (passEnv) {
    const value = env[passEnv];
    if (value === undefined) throw new InputError(`--sign-pass-env: environment variable ${passEnv} is not set`);
    passphrase = value;
  }
  const der = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`--sign-p12: ${path}: ${error.code === 'ENOENT' ? 'file not found' : (error.code ?? 'cannot read')}`, { cause: error });
  });
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))), false, passphrase);
  } catch (error) {
    throw new InputError(`--sign-p12: ${path}: cannot open PKCS#12 (${(error as Error).message})`, { cause: error });
  }
  const bagsOf = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag ?? ''), ...bagsOf(forge.pki.oids.keyBag ?? '')].find((b) => b.key);
  if (!keyBag?.key) throw new InputError(`--sign-p12: ${path}: no RSA private key found`);
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs = bagsOf(forge.pki.oids.certBag ?? '')
    .filter((b) => b.cert)
    .map((b) => ({
      cert: b.cert as forge.pki.Certificate,
      // certificateToAsn1 reuses the TBSCertificate as parsed, so the bytes (and the issuer's signature) survive.
      der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert as forge.pki.Certificate)).getBytes(), 'binary'),
    }));
  const matches = (c: forge.pki.Certificate): boolean => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) === true && pub.e?.equals(key.e) === true;
  };
  const signer = certs.find((c) => matches(c.cert));
  if (!signer) throw new InputError(`--sign-p12: ${path}: no certificate matches the private key`);
  const chain = [signer.der, ...certs.filter((c) => c !== signer).map((c) => c.der)];
  const certificate = new X509Certificate(signer.der);
  // The checks `verify --trust` makes, made before signing: a pack signed with an expired or wrong-purpose
  // certificate would be evidence no auditor can accept.
  const unfit = validityProblem(certificate, now) ?? purposeProblem(certificate, 'signing');
  if (unfit) throw new InputError(`--sign-p12: ${path}: ${unfit}`);
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificates: chain,
    certificate,
    selfSigned: isSelfSigned(certificate),
    origin: path.split(/[\\/]/).pop() ?? path,
  };
}

/**
 * The CRLs of `--crl` files, checked against the signer's chain at `now`: each must be signed by a certificate of
 * the chain and current (a CRL past its nextUpdate proves nothing about today), and none may revoke the chain —
 * a pack is never signed with a revoked certificate.
 */
async function loadCrls(files: readonly string[], identity: SigningIdentity, now: Date): Promise<Buffer[]> {
  const chain = identity.certificates.map((der) => new X509Certificate(der));
  const all: Buffer[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`--crl: ${file}: ${error.code === 'ENOENT' ? 'file not found' : (error.code ?? 'cannot read')}`, { cause: error });
    });
    for (const der of crlsFromFile(bytes)) {
      let crl: Crl;
      try {
        crl = parseCrl(der);
      } catch (error) {
        throw new InputError(`--crl: ${file}: not a CRL (${(error as Error).message})`, { cause: error });
      }
      const { statuses, problems } = revocationStatus(chain, [crl]);
      if (problems.length) throw new InputError(`--crl: ${file}: ${problems[0]}`);
      if (crl.nextUpdate && crl.nextUpdate < now) {
        throw new InputError(`--crl: ${file}: the CRL's next update was due ${crl.nextUpdate.toISOString()}; supply a current CRL`);
      }
      const revoked = statuses.find((s) => s.revokedAt && s.revokedAt <= now);
      if (revoked) throw new InputError(`--crl: ${file}: certificate "${revoked.certificate}" was revoked at ${revoked.revokedAt?.toISOString()}; refusing to sign with it`);
      all.push(der);
    }
  }
  return all;
}

/** The signing identity for a pack. */
export async function loadSigningIdentity(options: IdentityOptions): Promise<SigningIdentity> {
  const timestamper = options.tsa === undefined ? undefined : httpTimestamper(options.tsa);
  if (!options.p12 && options.passEnv) throw new InputError('--sign-pass-env needs --sign-p12');
  const identity = options.p12 ? await fromP12(options.p12, options.passEnv, options.env ?? process.env, options.now) : await selfSigned(options.configDir, options.now);
  const crls = options.crlFiles?.length ? await loadCrls(options.crlFiles, identity, options.now) : [];
  return { ...identity, ...(timestamper ? { timestamper } : {}), ...(crls.length ? { crls } : {}) };
}

/** SHA-256 fingerprint of the signer certificate, lower-case hex without colons. */
export function fingerprint(identity: { certificate: X509Certificate }): string {
  return identity.certificate.fingerprint256.replace(/:/g, '').toLowerCase();
}
