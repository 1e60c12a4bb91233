/**
 * Detached CMS SignedData (RFC 5652), written and checked with Node's crypto module and our own DER, so both
 * the manifest signature and the PDF's PAdES signature are built the same way and verify offline.
 *
 * Signed attributes: content type, message digest, ESS signing-certificate-v2 (binds the certificate, as
 * CAdES/PAdES require) and, except for PAdES (where the PDF's /M carries the claimed time), signing time.
 *
 * With CRLs (`--crl`), the SignedData carries them in its `crls` field (revocation data for long-term validation;
 * `openssl cms -verify -crl_check` uses them); each must be signed by a certificate of the included chain.
 *
 * With a timestamper (`--tsa`), the SignerInfo also carries an RFC 3161 token over the signature value as the
 * unsigned attribute id-aa-signatureTimeStampToken (CAdES-T / PAdES B-T); the token is checked on its own terms.
 *
 * Verification accepts only what signDetached writes: it reads every field it relies on, rebuilds the whole
 * structure with the same encoder and requires the received bytes to be identical, so no byte of a signature
 * file can change (or be appended) without the check failing. A timestamp token is read as strictly (see
 * timestampToken.ts); the one part nothing can check is the issuer name of the top certificate a chain includes
 * without its issuer, which only `--trust`/`--trust-tsa` judge, against the auditor's own CA.
 */
import { createHash, sign, verify, X509Certificate } from 'node:crypto';
import { bytesOf, children, childrenTagged, contentOf, DerError, oid, oidText, octets, readNode, readTime, readWhole, seq, setOf, tlv, time, integer, nul, TAG, type DerNode } from './der.js';
import type { SigningIdentity } from './identity.js';
import { verifyTimestampToken, type TimestampInfo } from './timestampToken.js';
import { checkIncludedChain } from './certificates.js';
import { parseCrl, revocationStatus, type Crl } from './crl.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;


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

/** The signed attributes as a DER SET (what the signature covers). */
function signedAttributes(contentDigest: Buffer, signerDer: Buffer, signingTime: Date | undefined): Buffer {
  const certHash = createHash('sha256').update(signerDer).digest();
  return setOf(
    attribute(OID.contentType, oid(OID.data)),
    ...(signingTime ? [attribute(OID.signingTime, time(signingTime))] : []),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, seq(seq(seq(octets(certHash))))),
  );
}

/** Everything a SignedData is made of; one encoder for signing and for the verifier's byte-identity check. */
interface SignedDataParts {
  certificates: readonly Buffer[];
  signerDer: Buffer;
  /** The signed attributes as a DER SET. */
  signedAttrs: Buffer;
  signature: Buffer;
  ec: boolean;
  /** The SignerInfo's [1] unsignedAttrs element (the timestamp), as written or received. */
  unsignedAttrs?: Buffer;
  /** CRLs (DER) for the SignedData's [1] crls (revocation data for long-term validation). */
  crls?: readonly Buffer[];
}

function encodeSignedData(p: SignedDataParts): Buffer {
  const { issuer, serial } = issuerAndSerial(p.signerDer);
  const sha256Alg = seq(oid(OID.sha256), nul());
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    sha256Alg,
    // [0] IMPLICIT SET OF Attribute: same content, context tag.
    Buffer.concat([Buffer.from([TAG.CONTEXT_0]), p.signedAttrs.subarray(1)]),
    p.ec ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.rsaEncryption), nul()),
    octets(p.signature),
    ...(p.unsignedAttrs ? [p.unsignedAttrs] : []),
  );
  // crls [1] IMPLICIT RevocationInfoChoices: a SET OF, so in DER order.
  const crls = p.crls?.length ? [tlv(TAG.CONTEXT_1, ...[...p.crls].sort(Buffer.compare))] : [];
  const signedData = seq(integer(1), setOf(sha256Alg), seq(oid(OID.data)), tlv(TAG.CONTEXT_0, ...p.certificates), ...crls, setOf(signerInfo));
  return seq(oid(OID.signedData), tlv(TAG.CONTEXT_0, signedData));
}

function signedParts(content: Buffer, identity: SigningIdentity, options: CmsSignOptions): SignedDataParts {
  const signerDer = identity.certificates[0];
  if (!signerDer) throw new Error('signing identity has no certificate');
  const signedAttrs = signedAttributes(createHash('sha256').update(content).digest(), signerDer, options.signingTime);
  const signature = sign('sha256', signedAttrs, identity.privateKey);
  return {
    certificates: identity.certificates,
    signerDer,
    signedAttrs,
    signature,
    ec: identity.privateKey.asymmetricKeyType === 'ec',
    ...(identity.crls?.length ? { crls: identity.crls } : {}),
  };
}

/** A detached CMS SignedData (DER) over `content`, without a timestamp. */
export function signDetached(content: Buffer, identity: SigningIdentity, options: CmsSignOptions = {}): Buffer {
  return encodeSignedData(signedParts(content, identity, options));
}

/**
 * A detached CMS SignedData over `content`, timestamped by the identity's TSA when it has one (the token covers
 * the signature value, so it proves the signature existed at the TSA's time).
 */
export async function signDetachedStamped(content: Buffer, identity: SigningIdentity, options: CmsSignOptions = {}): Promise<Buffer> {
  const parts = signedParts(content, identity, options);
  if (!identity.timestamper) return encodeSignedData(parts);
  const token = await identity.timestamper.stamp(parts.signature);
  return encodeSignedData({ ...parts, unsignedAttrs: tlv(TAG.CONTEXT_1, attribute(OID.signatureTimeStampToken, token)) });
}

/** What checking a detached signature found. */
export interface CmsVerification {
  ok: boolean;
  /** Why it failed (absent when ok). */
  reason?: string;
  /** The certificate that made the signature, when found. */
  signer?: X509Certificate;
  /** Every certificate the signature carries (signer first when found). */
  certificates?: X509Certificate[];
  /** The claimed signing time (a signed attribute: the signer's own clock). */
  signingTime?: Date;
  /** The RFC 3161 signature timestamp, when the signature carries one and it checked out. */
  timestamp?: TimestampInfo;
  /** The CRLs the signature carries (revocation data, `pack --crl`). */
  crls?: Crl[];
}

/** The signed attributes we write, read strictly: each exactly once, one value each, nothing else. */
function readAttributes(cms: Buffer, node: DerNode): { messageDigest: Buffer; signingTime?: Date } {
  const seen = new Map<string, DerNode>();
  for (const attr of children(cms, node)) {
    const [attrType, values] = childrenTagged(cms, attr, [TAG.OID, TAG.SET], 'attribute');
    const [value, ...more] = children(cms, values as DerNode);
    const type = oidText(cms, attrType as DerNode);
    if (!value || more.length) throw new DerError(`attribute ${type} must have exactly one value`);
    if (seen.has(type)) throw new DerError(`attribute ${type} appears twice`);
    if (![OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].includes(type as never)) throw new DerError(`unexpected attribute ${type}`);
    seen.set(type, value);
  }
  const contentType = seen.get(OID.contentType);
  const digest = seen.get(OID.messageDigest);
  if (!contentType || !bytesOf(cms, contentType).equals(oid(OID.data))) throw new DerError('content type is not id-data');
  if (!digest || digest.tag !== TAG.OCTET_STRING) throw new DerError('no message digest attribute');
  if (!seen.has(OID.signingCertificateV2)) throw new DerError('no signing-certificate-v2 attribute');
  const time = seen.get(OID.signingTime);
  return { messageDigest: Buffer.from(contentOf(cms, digest)), ...(time ? { signingTime: readTime(cms, time) } : {}) };
}

const fail = (reason: string, signer?: X509Certificate): CmsVerification => ({ ok: false, reason, ...(signer ? { signer } : {}) });

/** The timestamp token in a SignerInfo's unsigned attributes: exactly one id-aa-signatureTimeStampToken. */
function timestampTokenOf(cms: Buffer, node: DerNode): Buffer {
  const [attr, ...more] = children(cms, node);
  if (!attr || more.length || attr.tag !== TAG.SEQUENCE) throw new DerError('unsigned attributes other than one signature timestamp');
  const [type, values] = childrenTagged(cms, attr, [TAG.OID, TAG.SET], 'unsigned attribute');
  if (oidText(cms, type as DerNode) !== OID.signatureTimeStampToken) throw new DerError(`unexpected unsigned attribute ${oidText(cms, type as DerNode)}`);
  const [token, ...extra] = children(cms, values as DerNode);
  if (!token || extra.length || token.tag !== TAG.SEQUENCE) throw new DerError('the signature timestamp attribute must hold one token');
  return Buffer.from(bytesOf(cms, token));
}

/**
 * Checks a detached CMS signature over `content`: structure, signer, signature, certificate binding, that the
 * bytes are exactly what signDetached writes, and last the content digest — so "digest mismatch" means the
 * signature itself is sound and the content changed.
 */
export function verifyDetached(cms: Buffer, content: Buffer): CmsVerification {
  try {
    const [type, wrapped] = childrenTagged(cms, readWhole(cms, TAG.SEQUENCE), [TAG.OID, TAG.CONTEXT_0], 'ContentInfo') as [DerNode, DerNode];
    if (oidText(cms, type) !== OID.signedData) return fail('not a CMS SignedData');
    const [signedDataNode] = childrenTagged(cms, wrapped, [TAG.SEQUENCE], 'ContentInfo content') as [DerNode];
    const withCrls = children(cms, signedDataNode)[4]?.tag === TAG.CONTEXT_1;
    const dataTags = withCrls ? [TAG.INTEGER, TAG.SET, TAG.SEQUENCE, TAG.CONTEXT_0, TAG.CONTEXT_1, TAG.SET] : [TAG.INTEGER, TAG.SET, TAG.SEQUENCE, TAG.CONTEXT_0, TAG.SET];
    const dataNodes = childrenTagged(cms, signedDataNode, dataTags, 'SignedData') as DerNode[];
    const [, , , certSet] = dataNodes;
    const signerInfos = dataNodes.at(-1);
    const crlDers = withCrls ? children(cms, dataNodes[4] as DerNode).map((c) => Buffer.from(bytesOf(cms, c))) : [];
    const crls = crlDers.map(parseCrl);
    const [signerInfo] = childrenTagged(cms, signerInfos as DerNode, [TAG.SEQUENCE], 'SignerInfos (exactly one signer)') as [DerNode];
    const infoTags = [TAG.INTEGER, TAG.SEQUENCE, TAG.SEQUENCE, TAG.CONTEXT_0, TAG.SEQUENCE, TAG.OCTET_STRING];
    const stamped = children(cms, signerInfo).length === infoTags.length + 1;
    const [, sid, , attrsNode, , signatureNode, unsignedNode] = childrenTagged(
      cms, signerInfo, stamped ? [...infoTags, TAG.CONTEXT_1] : infoTags, 'SignerInfo',
    ) as DerNode[];
    const certificates = children(cms, certSet as DerNode).map((c) => Buffer.from(bytesOf(cms, c)));
    const sidBytes = bytesOf(cms, sid as DerNode);
    const signerDer = certificates.find((der) => {
      const { issuer, serial } = issuerAndSerial(der);
      return seq(issuer, serial).equals(sidBytes);
    });
    if (!signerDer) return fail('signer certificate not included');
    const signer = new X509Certificate(signerDer);

    const attrs = readAttributes(cms, attrsNode as DerNode);
    // The signature covers the attributes as a DER SET (tag 0x31), exactly as received.
    const signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), bytesOf(cms, attrsNode as DerNode).subarray(1)]);
    const signature = Buffer.from(contentOf(cms, signatureNode as DerNode));
    if (!verify('sha256', signedAttrs, signer.publicKey, signature)) return fail('signature does not verify', signer);
    // The signed attributes must be exactly ours: binds the signer certificate (its hash) and the content type.
    if (!signedAttributes(attrs.messageDigest, signerDer, attrs.signingTime).equals(signedAttrs)) {
      return fail('signed attributes are not the expected ones (signer certificate or attribute changed)', signer);
    }
    const ec = signer.publicKey.asymmetricKeyType === 'ec';
    const unsignedAttrs = unsignedNode ? Buffer.from(bytesOf(cms, unsignedNode)) : undefined;
    if (!encodeSignedData({ certificates, signerDer, signedAttrs, signature, ec, ...(unsignedAttrs ? { unsignedAttrs } : {}), ...(crlDers.length ? { crls: crlDers } : {}) }).equals(cms)) {
      return fail('unexpected CMS structure (an algorithm, version or certificate field was changed)', signer);
    }
    const chain = [signer, ...certificates.filter((der) => der !== signerDer).map((der) => new X509Certificate(der))];
    const chainProblem = checkIncludedChain(chain, 'the signature');
    if (chainProblem) return fail(chainProblem, signer);
    // Revocation data travels unsigned beside the chain: each CRL must be signed by a certificate of that chain.
    const crlProblem = revocationStatus(chain, crls).problems[0];
    if (crlProblem) return fail(crlProblem, signer);
    let timestamp: TimestampInfo | undefined;
    if (unsignedNode) {
      const stampCheck = verifyTimestampToken(timestampTokenOf(cms, unsignedNode), signature);
      if (!stampCheck.ok) return fail(`signature timestamp: ${stampCheck.reason}`, signer);
      timestamp = stampCheck.info;
    }
    const found = {
      signer,
      certificates: chain,
      ...(attrs.signingTime ? { signingTime: attrs.signingTime } : {}),
      ...(timestamp ? { timestamp } : {}),
      ...(crls.length ? { crls } : {}),
    };
    if (!attrs.messageDigest.equals(createHash('sha256').update(content).digest())) {
      return { ...found, ok: false, reason: 'digest mismatch: the signed content was changed' };
    }
    return { ok: true, ...found };
  } catch (error) {
    return fail(`unreadable signature (${(error as Error).message})`);
  }
}
