/**
 * RFC 3161 time-stamp tokens: read one (a CMS SignedData over a TSTInfo, written by someone else's TSA, so read
 * leniently in layout but strictly in what it proves) and check it: the TSA's signature over its signed
 * attributes, the message digest of the TSTInfo, the ESS binding of the TSA certificate, the timeStamping
 * purpose, and that the message imprint is the hash of what was stamped (for a CMS signature timestamp, the
 * signature value: RFC 3161 appendix A). The layout is the one RFC 3161 and RFC 5652 give a token, with nothing
 * unsigned beyond the certificates (which must form the TSA's chain): no CRLs, no unsigned attributes, so no byte of
 * a stamped signature file can change without the check failing.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { checkIncludedChain, purposeProblem, subjectOf, validityProblem } from './certificates.js';
import { bytesOf, children, contentOf, DerError, oidText, readNode, readTime, readWhole, TAG, type DerNode } from './der.js';

export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/** Digest algorithm OIDs and their Node names. */
export const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms a TSA uses, with the digest they imply (undefined: take the SignerInfo's digest). */
const SIGNATURE_ALGORITHMS: Record<string, string | undefined> = {
  '1.2.840.113549.1.1.1': undefined,
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** What a valid token says. */
export interface TimestampInfo {
  /** The time the TSA vouches for. */
  genTime: Date;
  /** The TSA's certificate (the token's signer). */
  tsa: X509Certificate;
  /** Every certificate the token carries (the TSA's chain, when the TSA sent it). */
  certificates: X509Certificate[];
  policy: string;
  serialNumber: string;
  /** Hex nonce, when the request carried one. */
  nonce?: string;
  hashAlgorithm: string;
}

/** The TSTInfo fields the checks use. */
interface TstInfo {
  policy: string;
  imprintAlgorithm: string;
  imprint: Buffer;
  serialNumber: string;
  genTime: Date;
  nonce?: string;
}

function algorithmOid(buf: Buffer, node: DerNode): string {
  const [id, params, ...more] = children(buf, node);
  if (!id || id.tag !== TAG.OID || more.length || (params && (params.tag !== TAG.NULL || params.end !== params.contentStart))) {
    throw new DerError('malformed AlgorithmIdentifier');
  }
  return oidText(buf, id);
}

/** The only integer value of a small INTEGER element (versions). */
const smallInteger = (buf: Buffer, node: DerNode): number => (node.tag === TAG.INTEGER && node.end - node.contentStart === 1 ? (buf[node.contentStart] ?? -1) : -1);

const hexOfInteger = (buf: Buffer, node: DerNode): string => contentOf(buf, node).toString('hex').replace(/^(00)+(?=.)/, '');

function readTstInfo(der: Buffer): TstInfo {
  const root = readWhole(der, TAG.SEQUENCE);
  const [version, policy, imprint, serial, genTime, ...rest] = children(der, root);
  if (version?.tag !== TAG.INTEGER || policy?.tag !== TAG.OID || imprint?.tag !== TAG.SEQUENCE || serial?.tag !== TAG.INTEGER || !genTime) {
    throw new DerError('malformed TSTInfo');
  }
  const [alg, hash] = children(der, imprint);
  if (!alg || hash?.tag !== TAG.OCTET_STRING) throw new DerError('malformed message imprint');
  const imprintAlgorithm = HASHES[algorithmOid(der, alg)];
  if (!imprintAlgorithm) throw new DerError(`unsupported imprint hash ${algorithmOid(der, alg)}`);
  // Optional after genTime: accuracy (SEQUENCE), ordering (BOOLEAN), nonce (INTEGER), tsa [0], extensions [1].
  const nonce = rest.find((n) => n.tag === TAG.INTEGER);
  return {
    policy: oidText(der, policy),
    imprintAlgorithm,
    imprint: Buffer.from(contentOf(der, hash)),
    serialNumber: hexOfInteger(der, serial),
    genTime: readTime(der, genTime),
    ...(nonce ? { nonce: hexOfInteger(der, nonce) } : {}),
  };
}

/** The signed attributes of the token's SignerInfo, by type (each must appear once with one value). */
function attributesOf(buf: Buffer, node: DerNode): Map<string, DerNode> {
  const out = new Map<string, DerNode>();
  for (const attr of children(buf, node)) {
    const [type, values] = children(buf, attr);
    if (type?.tag !== TAG.OID || values?.tag !== TAG.SET) throw new DerError('malformed attribute');
    const [value, ...more] = children(buf, values);
    const name = oidText(buf, type);
    if (!value || more.length || out.has(name)) throw new DerError(`attribute ${name} must appear once with one value`);
    out.set(name, value);
  }
  return out;
}

/** The certificate hash an ESS signing-certificate attribute (v1: SHA-1, v2: SHA-256 unless named) binds. */
function essCertHash(buf: Buffer, value: DerNode, v2: boolean): { hash: Buffer; algorithm: string } {
  const [certs] = children(buf, value);
  const [first] = certs ? children(buf, certs) : [];
  if (!first) throw new DerError('empty signing-certificate attribute');
  const [a, b] = children(buf, first);
  if (v2 && a?.tag === TAG.SEQUENCE && b?.tag === TAG.OCTET_STRING) {
    const algorithm = HASHES[algorithmOid(buf, a)];
    if (!algorithm) throw new DerError('unsupported signing-certificate hash');
    return { hash: Buffer.from(contentOf(buf, b)), algorithm };
  }
  if (a?.tag !== TAG.OCTET_STRING) throw new DerError('malformed signing-certificate attribute');
  return { hash: Buffer.from(contentOf(buf, a)), algorithm: v2 ? 'sha256' : 'sha1' };
}

/** Finds the certificate a SignerInfo's sid names: issuerAndSerialNumber, or [0] subjectKeyIdentifier. */
function findSigner(buf: Buffer, sid: DerNode, certs: X509Certificate[]): X509Certificate | undefined {
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial, ...more] = children(buf, sid);
    if (issuer?.tag !== TAG.SEQUENCE || serial?.tag !== TAG.INTEGER || more.length) return undefined;
    const wanted = hexOfInteger(buf, serial).toUpperCase();
    return certs.find((c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase() === wanted && bytesOf(buf, issuer).equals(issuerBytes(c)));
  }
  if (sid.tag !== TAG.CONTEXT_0_PRIMITIVE) return undefined;
  const ski = Buffer.from(contentOf(buf, sid));
  return certs.find((c) => subjectKeyIdentifier(c)?.equals(ski));
}

const SKI_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0e]);

/** The subject key identifier extension's value, if the certificate has one. */
function subjectKeyIdentifier(cert: X509Certificate): Buffer | undefined {
  const der = cert.raw;
  const at = der.indexOf(SKI_OID);
  if (at < 0) return undefined;
  let node = readNode(der, at + SKI_OID.length);
  if (node.tag === TAG.BOOLEAN) node = readNode(der, node.end);
  if (node.tag !== TAG.OCTET_STRING) return undefined;
  const inner = contentOf(der, node);
  return Buffer.from(contentOf(inner, readNode(inner)));
}

/** The issuer Name (DER) of a certificate, to match an issuerAndSerialNumber. */
function issuerBytes(cert: X509Certificate): Buffer {
  const der = cert.raw;
  const [tbs] = children(der, readNode(der));
  const fields = tbs ? children(der, tbs) : [];
  const offset = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
  const issuer = fields[offset + 2];
  if (!issuer) throw new DerError('certificate without issuer');
  return Buffer.from(bytesOf(der, issuer));
}

/** Result of checking a token. */
export type TimestampCheck = { ok: true; info: TimestampInfo } | { ok: false; reason: string };

/**
 * Checks `token` (a DER ContentInfo) as a timestamp over `stamped` (for a signature timestamp: the signature
 * value), and, when given, that it answers the request with `nonce` (hex).
 */
export function verifyTimestampToken(token: Buffer, stamped: Buffer, nonce?: string): TimestampCheck {
  const fail = (reason: string): TimestampCheck => ({ ok: false, reason });
  try {
    const [type, wrapped, ...extraInfo] = children(token, readWhole(token, TAG.SEQUENCE));
    if (type?.tag !== TAG.OID || oidText(token, type) !== OID_SIGNED_DATA || wrapped?.tag !== TAG.CONTEXT_0 || extraInfo.length) return fail('not a CMS SignedData');
    const [signedData, ...extraData] = children(token, wrapped);
    if (signedData?.tag !== TAG.SEQUENCE || extraData.length) return fail('not a CMS SignedData');
    const parts = children(token, signedData);
    const layout = parts.map((n) => n.tag).join(',');
    const expected = [TAG.INTEGER, TAG.SET, TAG.SEQUENCE, ...(parts.length === 5 ? [TAG.CONTEXT_0] : []), TAG.SET].join(',');
    if (layout !== expected) return fail(parts.some((n) => n.tag === TAG.CONTEXT_1) ? 'CRLs inside the token are not supported' : 'malformed SignedData');
    const [version, digestAlgorithms, encap] = parts as [DerNode, DerNode, DerNode];
    const certSet = parts.length === 5 ? parts[3] : undefined;
    const signerInfos = parts.at(-1) as DerNode;
    // RFC 5652 5.1: version 3 when the content type is not id-data.
    if (smallInteger(token, version) !== 3) return fail('SignedData version is not 3');
    const [eType, eWrapped, ...extraEncap] = children(token, encap);
    if (eType?.tag !== TAG.OID || oidText(token, eType) !== OID_TST_INFO || eWrapped?.tag !== TAG.CONTEXT_0 || extraEncap.length) return fail('the token does not hold a TSTInfo');
    const [eOctets, ...extraOctets] = children(token, eWrapped);
    if (eOctets?.tag !== TAG.OCTET_STRING || extraOctets.length) return fail('the token does not hold a TSTInfo');
    const tstDer = Buffer.from(contentOf(token, eOctets));
    const tst = readTstInfo(tstDer);

    const certNodes = certSet ? children(token, certSet) : [];
    if (certNodes.some((n) => n.tag !== TAG.SEQUENCE)) return fail('the token holds something other than X.509 certificates');
    const certificates = certNodes.map((n) => new X509Certificate(bytesOf(token, n)));
    const infos = children(token, signerInfos);
    if (infos.length !== 1 || infos[0]?.tag !== TAG.SEQUENCE) return fail('a token has exactly one signer');
    const [infoVersion, sid, digestAlg, attrs, sigAlg, signature, ...unsigned] = children(token, infos[0] as DerNode);
    if (!infoVersion || !sid || digestAlg?.tag !== TAG.SEQUENCE || attrs?.tag !== TAG.CONTEXT_0 || sigAlg?.tag !== TAG.SEQUENCE || signature?.tag !== TAG.OCTET_STRING) {
      return fail('malformed SignerInfo (signed attributes are required)');
    }
    if (unsigned.length) return fail('unsigned attributes inside the token are not supported');
    // RFC 5652 5.3: version 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier.
    if (smallInteger(token, infoVersion) !== (sid.tag === TAG.SEQUENCE ? 1 : 3)) return fail('SignerInfo version does not match its signer identifier');
    const declared = children(token, digestAlgorithms);
    if (declared.length !== 1 || !bytesOf(token, declared[0] as DerNode).equals(bytesOf(token, digestAlg))) return fail('digestAlgorithms does not list exactly the signer\u2019s digest');
    const tsa = findSigner(token, sid, certificates);
    if (!tsa) return fail('the TSA certificate is not included in the token');
    const chainProblem = checkIncludedChain([tsa, ...certificates.filter((c) => c !== tsa)], 'the token');
    if (chainProblem) return fail(chainProblem);
    const digestName = HASHES[algorithmOid(token, digestAlg)];
    const sigOid = algorithmOid(token, sigAlg);
    if (!digestName || !(sigOid in SIGNATURE_ALGORITHMS)) return fail(`unsupported algorithm ${digestName ? sigOid : algorithmOid(token, digestAlg)}`);

    const attributes = attributesOf(token, attrs);
    const contentType = attributes.get(OID_CONTENT_TYPE);
    if (!contentType || oidText(token, contentType) !== OID_TST_INFO) return fail('content-type attribute is not id-ct-TSTInfo');
    const digest = attributes.get(OID_MESSAGE_DIGEST);
    if (!digest || !contentOf(token, digest).equals(createHash(digestName).update(tstDer).digest())) return fail('the TSA signature does not cover this TSTInfo (message digest mismatch)');
    const essV2 = attributes.get(OID_SIGNING_CERTIFICATE_V2);
    const ess = essV2 ?? attributes.get(OID_SIGNING_CERTIFICATE);
    if (!ess) return fail('no ESS signing-certificate attribute binds the TSA certificate');
    const bound = essCertHash(token, ess, essV2 !== undefined);
    if (!bound.hash.equals(createHash(bound.algorithm).update(tsa.raw).digest())) return fail('the ESS signing-certificate attribute names another certificate');

    const signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), bytesOf(token, attrs).subarray(1)]);
    const hashForSignature = SIGNATURE_ALGORITHMS[sigOid] ?? digestName;
    if (!verify(hashForSignature, signedAttrs, tsa.publicKey, contentOf(token, signature))) return fail(`the TSA signature does not verify (${subjectOf(tsa)})`);
    const purpose = purposeProblem(tsa, 'timestamping');
    if (purpose) return fail(purpose);
    const validity = validityProblem(tsa, tst.genTime);
    if (validity) return fail(`TSA ${validity}`);
    if (!createHash(tst.imprintAlgorithm).update(stamped).digest().equals(tst.imprint)) return fail('the timestamp is over other data (message imprint mismatch)');
    if (nonce !== undefined && tst.nonce !== nonce) return fail('the TSA answered another request (nonce mismatch)');
    return {
      ok: true,
      info: {
        genTime: tst.genTime,
        tsa,
        certificates,
        policy: tst.policy,
        serialNumber: tst.serialNumber,
        ...(tst.nonce ? { nonce: tst.nonce } : {}),
        hashAlgorithm: tst.imprintAlgorithm,
      },
    };
  } catch (error) {
    return fail(`unreadable timestamp token (${(error as Error).message})`);
  }
}
