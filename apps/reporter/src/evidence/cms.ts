/**
 * Detached CMS SignedData (RFC 5652), written and checked with Node's crypto module and our own DER, so both
 * the manifest signature and the PDF's PAdES signature are built the same way and verify offline.
 *
 * Signed attributes: content type, message digest, ESS signing-certificate-v2 (binds the certificate, as
 * CAdES/PAdES require) and, except for PAdES (where the PDF's /M carries the claimed time), signing time.
 */
import { createHash, sign, verify, X509Certificate } from 'node:crypto';
import { bytesOf, children, contentOf, oid, oidText, octets, readNode, seq, setOf, tlv, time, integer, nul, TAG, type DerNode } from './der.js';
import type { SigningIdentity } from './identity.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const HASH_BY_OID: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** Options for one signature. */
export interface CmsSignOptions {
  /** Include a signing-time attribute (omit for PAdES). */
  signingTime?: Date;
}

const attribute = (type: string, value: Buffer): Buffer => seq(oid(type), setOf(value));

/** Issuer name and serial number (DER) from a certificate's TBSCertificate. */
function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const cert = readNode(certDer);
  const [tbs] = children(certDer, cert);
  if (!tbs) throw new Error('certificate without TBSCertificate');
  const fields = children(certDer, tbs);
  const offset = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer) throw new Error('certificate without serial or issuer');
  return { issuer: bytesOf(certDer, issuer), serial: bytesOf(certDer, serial) };
}

/** A detached CMS SignedData (DER) over `content`. */
export function signDetached(content: Buffer, identity: SigningIdentity, options: CmsSignOptions = {}): Buffer {
  const signerDer = identity.certificates[0];
  if (!signerDer) throw new Error('signing identity has no certificate');
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(signerDer).digest();
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    ...(options.signingTime ? [attribute(OID.signingTime, time(options.signingTime))] : []),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq(seq(seq(octets(certHash))))),
  ];
  const signedAttrsSet = setOf(...attrs);
  const ec = identity.privateKey.asymmetricKeyType === 'ec';
  const signature = sign('sha256', signedAttrsSet, identity.privateKey);
  const { issuer, serial } = issuerAndSerial(signerDer);
  const sha256Alg = seq(oid(OID.sha256), nul());
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    sha256Alg,
    // [0] IMPLICIT SET OF Attribute: same content, context tag.
    Buffer.concat([Buffer.from([TAG.CONTEXT_0]), signedAttrsSet.subarray(1)]),
    ec ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.rsaEncryption), nul()),
    octets(signature),
  );
  const signedData = seq(
    integer(1),
    setOf(sha256Alg),
    seq(oid(OID.data)),
    tlv(TAG.CONTEXT_0, ...identity.certificates),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(TAG.CONTEXT_0, signedData));
}

/** What checking a detached signature found. */
export interface CmsVerification {
  ok: boolean;
  /** Why it failed (absent when ok). */
  reason?: string;
  /** The certificate that made the signature, when found. */
  signer?: X509Certificate;
  signingTime?: Date;
}

function parseTime(buf: Buffer, node: DerNode): Date {
  const text = contentOf(buf, node).toString('latin1');
  const full = node.tag === TAG.UTC_TIME ? `${Number(text.slice(0, 2)) >= 50 ? '19' : '20'}${text}` : text;
  return new Date(`${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}T${full.slice(8, 10)}:${full.slice(10, 12)}:${full.slice(12, 14)}Z`);
}

/** Checks a detached CMS signature over `content`: the digest, the signature, and which certificate made it. */
export function verifyDetached(cms: Buffer, content: Buffer): CmsVerification {
  try {
    const info = readNode(cms);
    const [type, wrapped] = children(cms, info);
    if (!type || oidText(cms, type) !== OID.signedData || !wrapped) return { ok: false, reason: 'not a CMS SignedData' };
    const [signedDataNode] = children(cms, wrapped);
    if (!signedDataNode) return { ok: false, reason: 'empty SignedData' };
    const parts = children(cms, signedDataNode);
    const certSet = parts.find((p) => p.tag === TAG.CONTEXT_0);
    const signerInfos = parts.at(-1);
    const certificates = certSet ? children(cms, certSet).map((c) => Buffer.from(bytesOf(cms, c))) : [];
    const [signerInfo, ...more] = signerInfos && signerInfos.tag === TAG.SET ? children(cms, signerInfos) : [];
    if (!signerInfo) return { ok: false, reason: 'no signer' };
    if (more.length) return { ok: false, reason: 'more than one signer' };
    const [, sid, digestAlg, ...rest] = children(cms, signerInfo);
    const signedAttrs = rest[0]?.tag === TAG.CONTEXT_0 ? rest[0] : undefined;
    const signatureNode = rest.at(-1);
    if (!sid || !digestAlg || !signatureNode) return { ok: false, reason: 'malformed SignerInfo' };
    const [digestOid] = children(cms, digestAlg);
    const hash = digestOid ? HASH_BY_OID[oidText(cms, digestOid)] : undefined;
    if (!hash) return { ok: false, reason: 'unsupported digest algorithm' };

    const sidBytes = bytesOf(cms, sid);
    const signerDer = certificates.find((der) => {
      const { issuer, serial } = issuerAndSerial(der);
      return seq(issuer, serial).equals(sidBytes);
    });
    if (!signerDer) return { ok: false, reason: 'signer certificate not included' };
    const signer = new X509Certificate(signerDer);

    const digest = createHash(hash).update(content).digest();
    let signed: Buffer = content;
    let signingTime: Date | undefined;
    if (signedAttrs) {
      let messageDigest: Buffer | undefined;
      for (const attr of children(cms, signedAttrs)) {
        const [attrType, values] = children(cms, attr);
        const [value] = values ? children(cms, values) : [];
        if (!attrType || !value) continue;
        const t = oidText(cms, attrType);
        if (t === OID.messageDigest) messageDigest = Buffer.from(contentOf(cms, value));
        if (t === OID.signingTime) signingTime = parseTime(cms, value);
      }
      if (!messageDigest) return { ok: false, reason: 'no message digest attribute', signer };
      if (!messageDigest.equals(digest)) return { ok: false, reason: 'digest mismatch: the signed content was changed', signer };
      // The signature covers the attributes as a DER SET (tag 0x31), exactly as received.
      signed = Buffer.concat([Buffer.from([TAG.SET]), bytesOf(cms, signedAttrs).subarray(1)]);
    }
    const signature = contentOf(cms, signatureNode);
    if (!verify(hash, signed, signer.publicKey, signature)) return { ok: false, reason: 'signature does not verify', signer };
    return { ok: true, signer, ...(signingTime ? { signingTime } : {}) };
  } catch (error) {
    return { ok: false, reason: `unreadable signature (${(error as Error).message})` };
  }
}
