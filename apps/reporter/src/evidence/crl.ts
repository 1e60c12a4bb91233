/**
 * Certificate revocation lists (RFC 5280 §5) for long-term validation: the CRLs a user supplies with `--crl`
 * (Vaultscope is offline and fetches none) are checked against the signer's chain, refused when they revoke it,
 * embedded in each CMS signature (SignedData `crls`), and read back by `verify`.
 */
import { verify as verifySignature, type X509Certificate } from 'node:crypto';
import { bytesOf, children, contentOf, DerError, oidText, readTime, readWhole, TAG, type DerNode } from './der.js';
import { subjectOf } from './certificates.js';

/** Signature algorithms a CRL may use, by OID, as Node's digest names. */
const DIGEST_OF: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** One parsed CRL. */
export interface Crl {
  der: Buffer;
  /** The issuer Name as DER (compared byte for byte with a certificate's subject). */
  issuer: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revoked serial numbers (lower-case hex of the INTEGER's content) and when. */
  revoked: Map<string, Date>;
  tbs: Buffer;
  digest: string;
  signature: Buffer;
}

/** The DER Name of a certificate's subject and its serial number (hex of the INTEGER content). */
function subjectAndSerial(cert: X509Certificate): { subject: Buffer; serial: string } {
  const der = cert.raw;
  const [tbs] = children(der, readWhole(der, TAG.SEQUENCE));
  const fields = children(der, tbs as DerNode);
  const offset = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
  const serial = fields[offset];
  const subject = fields[offset + 4];
  if (!serial || !subject) throw new DerError('certificate without serial or subject');
  return { subject: Buffer.from(bytesOf(der, subject)), serial: contentOf(der, serial).toString('hex') };
}

/** Parses one DER CRL (throws DerError on anything else). */
export function parseCrl(der: Buffer): Crl {
  const [tbsNode, algNode, sigNode] = children(der, readWhole(der, TAG.SEQUENCE));
  if (!tbsNode || !algNode || sigNode?.tag !== TAG.BIT_STRING) throw new DerError('not a CertificateList');
  const [algOid] = children(der, algNode);
  const algorithm = algOid ? oidText(der, algOid) : '';
  const digest = DIGEST_OF[algorithm];
  if (!digest) throw new DerError(`unsupported CRL signature algorithm ${algorithm}`);
  const fields = children(der, tbsNode);
  let i = fields[0]?.tag === TAG.INTEGER ? 1 : 0; // version (v2) is optional
  i++; // signature AlgorithmIdentifier
  const issuer = fields[i++];
  const thisUpdate = fields[i++];
  if (!issuer || !thisUpdate) throw new DerError('CRL without issuer or thisUpdate');
  const isTime = (n: DerNode | undefined): n is DerNode => n?.tag === TAG.UTC_TIME || n?.tag === TAG.GENERALIZED_TIME;
  const next = fields[i];
  const nextUpdate = isTime(next) ? readTime(der, next) : undefined;
  if (nextUpdate) i++;
  const revoked = new Map<string, Date>();
  const list = fields[i];
  if (list?.tag === TAG.SEQUENCE) {
    for (const entry of children(der, list)) {
      const [serial, date] = children(der, entry);
      if (serial?.tag !== TAG.INTEGER || !isTime(date)) throw new DerError('malformed revoked certificate entry');
      revoked.set(contentOf(der, serial).toString('hex'), readTime(der, date));
    }
  }
  const bits = contentOf(der, sigNode);
  return {
    der,
    issuer: Buffer.from(bytesOf(der, issuer)),
    thisUpdate: readTime(der, thisUpdate),
    ...(nextUpdate ? { nextUpdate } : {}),
    revoked,
    tbs: Buffer.from(bytesOf(der, tbsNode)),
    digest,
    // A BIT STRING's first content byte counts the unused bits (0 for a signature).
    signature: Buffer.from(bits.subarray(1)),
  };
}

/** The certificate of `chain` that issued and signed `crl`, if any. */
export function crlIssuer(crl: Crl, chain: readonly X509Certificate[]): X509Certificate | undefined {
  return chain.find((c) => subjectAndSerial(c).subject.equals(crl.issuer) && verifySignature(crl.digest, crl.tbs, c.publicKey, crl.signature));
}

/** What the CRLs say about one certificate of the chain. */
export interface RevocationStatus {
  certificate: string;
  /** The CRL that covers it (its issuer's), when one was supplied. */
  crl?: { issuer: string; thisUpdate: Date; nextUpdate?: Date };
  /** When it was revoked, if the CRL lists it. */
  revokedAt?: Date;
}

/**
 * The revocation status of every non-self-signed certificate of `chain` (signer first) from `crls`; a CRL that no
 * certificate of the chain signed is a problem (it proves nothing about this signer).
 */
export function revocationStatus(chain: readonly X509Certificate[], crls: readonly Crl[]): { statuses: RevocationStatus[]; problems: string[] } {
  const problems: string[] = [];
  const byIssuer = new Map<X509Certificate, Crl>();
  for (const crl of crls) {
    const issuer = crlIssuer(crl, chain);
    if (!issuer) {
      problems.push('a CRL was not issued by a certificate of the signer\u2019s chain (or its signature does not verify)');
      continue;
    }
    const held = byIssuer.get(issuer);
    // The newest CRL of an issuer speaks for it.
    if (!held || held.thisUpdate < crl.thisUpdate) byIssuer.set(issuer, crl);
  }
  const statuses = chain
    .filter((c) => c.issuer !== c.subject)
    .map((cert): RevocationStatus => {
      const issuer = chain.find((c) => c !== cert && cert.checkIssued(c) && cert.verify(c.publicKey));
      const crl = issuer ? byIssuer.get(issuer) : undefined;
      if (!crl || !issuer) return { certificate: subjectOf(cert) };
      const revokedAt = crl.revoked.get(subjectAndSerial(cert).serial);
      return {
        certificate: subjectOf(cert),
        crl: { issuer: subjectOf(issuer), thisUpdate: crl.thisUpdate, ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}) },
        ...(revokedAt ? { revokedAt } : {}),
      };
    });
  return { statuses, problems };
}

/** DER CRLs from a file's bytes: PEM (`X509 CRL` blocks, one or more) or a single DER CRL. */
export function crlsFromFile(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN X509 CRL-----')) {
    return (text.match(/-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g) ?? []).map((pem) =>
      Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
    );
  }
  return [bytes];
}
