/**
 * What a certificate is for, and whether a chain of them holds at a given time. Node's X509Certificate gives the
 * extended key usages and the CA flag; the key usage bits it does not expose are read here from the DER.
 */
import type { X509Certificate } from 'node:crypto';
import { children, contentOf, DerError, oidText, readNode, TAG } from './der.js';

export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const KEY_USAGE_OID = '2.5.29.15';

/** The key usage bits a signature check needs (RFC 5280 4.2.1.3); undefined when the extension is absent. */
export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
}

/** Reads the key usage extension from a certificate's DER. */
export function keyUsageOf(cert: X509Certificate): KeyUsage | undefined {
  const der = cert.raw;
  const [tbs] = children(der, readNode(der));
  if (!tbs) throw new DerError('certificate without TBSCertificate');
  const extensions = children(der, tbs).find((n) => n.tag === TAG.CONTEXT_3);
  if (!extensions) return undefined;
  const [list] = children(der, extensions);
  for (const ext of list ? children(der, list) : []) {
    const [id, ...rest] = children(der, ext);
    if (!id || oidText(der, id) !== KEY_USAGE_OID) continue;
    const value = rest.at(-1);
    if (!value) return undefined;
    const octets = contentOf(der, value);
    const bits = contentOf(octets, readNode(octets));
    // bits[0] is the unused-bit count; digitalSignature is bit 0 (0x80), nonRepudiation bit 1, keyCertSign bit 5.
    const first = bits[1] ?? 0;
    return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0, keyCertSign: (first & 0x04) !== 0 };
  }
  return undefined;
}

const subjectOf = (cert: X509Certificate): string => cert.subject.replace(/\n/g, ', ');
const iso = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

/** Why `cert` was not valid at `at` (undefined when it was). */
export function validityProblem(cert: X509Certificate, at: Date): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (at < from) return `certificate "${subjectOf(cert)}" was not yet valid at ${iso(at)} (valid from ${iso(from)})`;
  if (at > to) return `certificate "${subjectOf(cert)}" had expired at ${iso(at)} (valid until ${iso(to)})`;
  return undefined;
}

/** What a certificate must be fit for: signing evidence, or stamping time (a TSA). */
export type Purpose = 'signing' | 'timestamping';

/**
 * Why `cert` is not fit for `purpose` (undefined when it is). Signing needs the digitalSignature or
 * nonRepudiation key usage and must not be a TLS certificate (extended key usages only serverAuth/clientAuth);
 * a TSA certificate must carry the timeStamping extended key usage (RFC 3161 2.3).
 */
export function purposeProblem(cert: X509Certificate, purpose: Purpose): string | undefined {
  const who = `certificate "${subjectOf(cert)}"`;
  let usage: KeyUsage | undefined;
  try {
    usage = keyUsageOf(cert);
  } catch (error) {
    return `${who}: unreadable key usage (${(error as Error).message})`;
  }
  const eku = cert.keyUsage ?? [];
  if (purpose === 'timestamping') {
    return eku.includes(EKU.timeStamping) ? undefined : `${who} is not a time-stamping certificate (no timeStamping extended key usage)`;
  }
  if (!usage) return `${who} has no key usage extension (digitalSignature or nonRepudiation is required)`;
  if (!usage.digitalSignature && !usage.nonRepudiation) return `${who} is not for signatures (key usage has neither digitalSignature nor nonRepudiation)`;
  if (eku.length > 0 && eku.every((e) => e === EKU.serverAuth || e === EKU.clientAuth)) return `${who} is a TLS certificate (extended key usage ${eku.includes(EKU.serverAuth) ? 'serverAuth' : 'clientAuth'} only), not a signing certificate`;
  return undefined;
}

/** The trust anchors an auditor supplied, with the option that named them (for messages). */
export interface TrustAnchors {
  certificates: X509Certificate[];
  option: string;
}

/**
 * Checks that `leaf` chains, through the `included` certificates, to one of `anchors`, with every certificate
 * valid at `at`, each issuer a CA allowed to sign certificates, and the leaf fit for `purpose`. Returns the
 * chain's subjects (leaf first) or the first problem found.
 */
export function checkTrustChain(
  leaf: X509Certificate,
  included: readonly X509Certificate[],
  anchors: TrustAnchors,
  at: Date,
  purpose: Purpose,
): { ok: true; chain: string[] } | { ok: false; reason: string } {
  const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
  const purposeIssue = purposeProblem(leaf, purpose);
  if (purposeIssue) return fail(purposeIssue);
  const chain: string[] = [];
  const isAnchor = (c: X509Certificate): boolean => anchors.certificates.some((a) => a.raw.equals(c.raw));
  let current = leaf;
  const pool = included.filter((c) => !c.raw.equals(leaf.raw));
  for (let depth = 0; depth < 10; depth++) {
    chain.push(subjectOf(current));
    const invalid = validityProblem(current, at);
    if (invalid) return fail(invalid);
    if (isAnchor(current)) return { ok: true, chain };
    if (isSelfSigned(current)) {
      return fail(`certificate "${subjectOf(current)}" is self-signed and not in ${anchors.option}${current === leaf ? '' : ' (chain: ' + chain.join(' <- ') + ')'}`);
    }
    const issuedBy = (c: X509Certificate): boolean => c !== current && current.checkIssued(c) && current.verify(c.publicKey);
    const anchor = anchors.certificates.find(issuedBy);
    const next = anchor ?? pool.find(issuedBy);
    if (!next) {
      return fail(`certificate "${subjectOf(current)}" was not issued by a certificate in ${anchors.option}${current === leaf ? '' : ' (chain: ' + chain.join(' <- ') + ')'}`);
    }
    const usage = keyUsageOf(next);
    if (!next.ca || (usage && !usage.keyCertSign)) return fail(`certificate "${subjectOf(next)}" issued "${subjectOf(current)}" but is not a CA certificate`);
    current = next;
  }
  return fail('certificate chain is longer than 10');
}

/**
 * Whether a certificate signed itself (issuer = subject, and its own key verifies it). Not X509Certificate's
 * checkIssued(self), which also wants keyCertSign, which a self-signed signing certificate rightly lacks.
 */
export const isSelfSigned = (cert: X509Certificate): boolean => cert.issuer === cert.subject && cert.verify(cert.publicKey);

/**
 * The certificates a signature (or a timestamp token) includes must form one chain from its signer (first)
 * upwards, each verified by its issuer and a self-issued top verified by itself: otherwise a changed byte in a
 * certificate no signature binds (the chain above the signer) would pass unnoticed. Order after the signer is
 * free (PKCS#12 bag order).
 */
export function checkIncludedChain(certs: readonly X509Certificate[], where: string): string | undefined {
  const left = new Set(certs.slice(1));
  let current = certs[0];
  while (current) {
    if (current.issuer === current.subject) {
      if (!current.verify(current.publicKey)) return `a self-signed certificate in ${where} does not verify`;
      break;
    }
    const child: X509Certificate = current;
    const issuer = [...left].find((c) => child.checkIssued(c));
    if (!issuer) break;
    if (!child.verify(issuer.publicKey)) return `a certificate in ${where} is not validly signed by its issuer`;
    left.delete(issuer);
    current = issuer;
  }
  return left.size ? `${where} includes a certificate outside its signer\u2019s chain` : undefined;
}

/** A SHA-256 fingerprint as lower-case hex without separators (the form manifests and `verify` print). */
export const fingerprintOf = (cert: X509Certificate): string => cert.fingerprint256.replace(/:/g, '').toLowerCase();

export { subjectOf };
