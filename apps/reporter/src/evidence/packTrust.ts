/**
 * Who made a pack, and whether the auditor's trust reaches it. A pack that agrees with itself proves only that
 * nothing changed after signing; this adds what the auditor knows independently: the signer's certificate
 * fingerprint (`--expect-signer`) or the organization's CA (`--trust`), the TSA's CA (`--trust-tsa`), and which
 * organization and period the pack must be about (`--expect-org`, `--expect-period`).
 */
import type { X509Certificate } from 'node:crypto';
import { checkTrustChain, fingerprintOf, subjectOf, type TrustAnchors } from './certificates.js';
import { MANIFEST_SIGNATURE_FILE } from './manifest.js';
import type { TimestampInfo } from './timestampToken.js';
import { revocationStatus, type RevocationStatus } from './crl.js';
import type { PackVerification } from './verifyPack.js';

/**
 * How far a signed generation time may be from the TSA's time: the timestamp is taken after the pack is written
 * (a large estate takes minutes), so the generation time may be up to 60 minutes before it; and up to 5 minutes
 * after it (clock skew between the packing host and the TSA).
 */
export const TIMESTAMP_TOLERANCE = { generatedBeforeMinutes: 60, generatedAfterMinutes: 5 } as const;

/** What the auditor expects. */
export interface TrustExpectations {
  /** SHA-256 fingerprint of the signer certificate (hex; colons and case ignored). */
  expectSigner?: string;
  trust?: TrustAnchors;
  /** Anchors for the TSA certificates (defaults to `trust`). */
  trustTsa?: TrustAnchors;
  /** Organization id or name. */
  expectOrg?: string;
  /** Period as `from`/`to` instants (what `--period` parses to). */
  expectPeriod?: { label: string; from: string; to: string };
}

/** One timestamp found in the pack. */
export interface PackTimestamp {
  file: string;
  info: TimestampInfo;
  /** Undefined when no anchor was given for TSAs; otherwise whether the TSA's chain reached one. */
  trusted?: boolean;
}

/** The verdict on who made the pack. */
export interface PackTrust {
  /** What the signer was checked against; `none` means integrity only. */
  basis: 'fingerprint' | 'ca' | 'fingerprint+ca' | 'none';
  /** Everything that makes the pack unacceptable beyond the per-file lines. */
  problems: string[];
  /** The signer's chain up to the trusted CA, when `--trust` reached one. */
  chain?: string[];
  timestamps: PackTimestamp[];
  /** What the CRLs embedded in the manifest signature say of the signer's chain (absent: none embedded). */
  revocation?: RevocationStatus[];
  /** The time certificates were judged at: the manifest's timestamp, else its claimed signing time. */
  judgedAt?: { at: Date; source: 'timestamp' | 'claimed signing time' | 'claimed generation time' };
}

/** Normalizes a fingerprint as typed (colons, spaces, case); undefined when it is not 64 hex digits. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

const minutes = (ms: number): string => `${Math.round(Math.abs(ms) / 60_000)} min`;

/** Judges a verified pack against the auditor's expectations. */
export function assessTrust(result: PackVerification, expect: TrustExpectations): PackTrust {
  const problems: string[] = [];
  const manifest = result.manifest;
  const manifestCheck = result.manifestSignature;
  const signer = manifestCheck?.signer;
  const chainCerts: X509Certificate[] = manifestCheck?.certificates ?? [];

  // The PDF travels alone too: it must be signed by the very certificate that signed the manifest.
  for (const { file, check } of result.pdfSignatures) {
    if (signer && check.signer && fingerprintOf(check.signer) !== fingerprintOf(signer)) {
      problems.push(`${file} and ${MANIFEST_SIGNATURE_FILE} are signed by different certificates (PDF: ${subjectOf(check.signer)}, SHA-256 ${fingerprintOf(check.signer)}; manifest: ${subjectOf(signer)}, SHA-256 ${fingerprintOf(signer)})`);
    }
  }

  const stamp = manifestCheck?.timestamp;
  const judgedAt: PackTrust['judgedAt'] = stamp
    ? { at: stamp.genTime, source: 'timestamp' }
    : manifestCheck?.signingTime
      ? { at: manifestCheck.signingTime, source: 'claimed signing time' }
      : manifest?.generatedAt
        ? { at: new Date(manifest.generatedAt), source: 'claimed generation time' }
        : undefined;

  let chain: string[] | undefined;
  if (expect.expectSigner !== undefined) {
    if (!signer) problems.push('no valid manifest signature, so the signer cannot be compared with --expect-signer');
    else if (fingerprintOf(signer) !== expect.expectSigner) {
      problems.push(`signer ${subjectOf(signer)} has SHA-256 fingerprint ${fingerprintOf(signer)}, not the expected ${expect.expectSigner} (--expect-signer)`);
    }
  }
  if (expect.trust) {
    if (!signer || !judgedAt) problems.push(`no valid manifest signature, so the signer cannot be checked against ${expect.trust.option}`);
    else {
      const check = checkTrustChain(signer, chainCerts, expect.trust, judgedAt.at, 'signing');
      if (check.ok) chain = check.chain;
      else problems.push(`signer not trusted: ${check.reason}`);
    }
  }

  // Revocation data (pack --crl): each CRL must come from the signer's chain, and none may revoke a certificate of
  // it at or before the time the signature is judged at (a later revocation does not undo an earlier signature).
  let revocation: RevocationStatus[] | undefined;
  const signatures = [
    ...(manifestCheck ? [{ file: MANIFEST_SIGNATURE_FILE, check: manifestCheck }] : []),
    ...result.pdfSignatures,
  ];
  for (const { file, check } of signatures) {
    if (!check.crls?.length || !check.certificates) continue;
    const { statuses, problems: crlProblems } = revocationStatus(check.certificates, check.crls);
    for (const p of crlProblems) problems.push(`revocation data in ${file}: ${p}`);
    for (const s of statuses) {
      if (s.revokedAt && judgedAt && s.revokedAt <= judgedAt.at) {
        problems.push(`certificate "${s.certificate}" was revoked at ${s.revokedAt.toISOString()}, before the signature of ${file} (${judgedAt.at.toISOString()}, ${judgedAt.source})`);
      }
    }
    if (file === MANIFEST_SIGNATURE_FILE) revocation = statuses;
  }

  const timestamps: PackTimestamp[] = [];
  const tsaAnchors = expect.trustTsa ?? expect.trust;
  const stamped = [
    ...(stamp ? [{ file: MANIFEST_SIGNATURE_FILE, info: stamp }] : []),
    ...result.pdfSignatures.flatMap(({ file, check }) => (check.timestamp ? [{ file, info: check.timestamp }] : [])),
  ];
  for (const { file, info } of stamped) {
    if (!tsaAnchors) {
      timestamps.push({ file, info });
      continue;
    }
    const check = checkTrustChain(info.tsa, info.certificates, tsaAnchors, info.genTime, 'timestamping');
    timestamps.push({ file, info, trusted: check.ok });
    if (!check.ok) problems.push(`timestamp of ${file}: TSA not trusted: ${check.reason}`);
  }
  if (stamp && manifest?.generatedAt) {
    const drift = stamp.genTime.getTime() - Date.parse(manifest.generatedAt);
    // drift > 0: generated before the stamp.
    if (drift > TIMESTAMP_TOLERANCE.generatedBeforeMinutes * 60_000 || drift < -TIMESTAMP_TOLERANCE.generatedAfterMinutes * 60_000) {
      problems.push(
        `the claimed generation time ${manifest.generatedAt} is ${minutes(drift)} ${drift > 0 ? 'before' : 'after'} the trusted timestamp ${stamp.genTime.toISOString()} (tolerance: up to ${TIMESTAMP_TOLERANCE.generatedBeforeMinutes} min before it, ${TIMESTAMP_TOLERANCE.generatedAfterMinutes} min after it)`,
      );
    }
  }

  if (expect.expectOrg !== undefined) {
    const org = manifest?.organization ?? {};
    if (org.id !== expect.expectOrg && org.name !== expect.expectOrg) {
      problems.push(`the pack is about organization ${org.name ?? '?'} (${org.id ?? 'no id'}), not ${expect.expectOrg} (--expect-org)`);
    }
  }
  if (expect.expectPeriod) {
    const p = manifest?.period;
    if (!p || p.from !== expect.expectPeriod.from || p.to !== expect.expectPeriod.to) {
      problems.push(`the pack covers period ${p ? `${p.label} (${p.firstDay} to ${p.lastDay})` : '?'}, not ${expect.expectPeriod.label} (--expect-period)`);
    }
  }

  const basis = expect.expectSigner !== undefined && expect.trust ? 'fingerprint+ca' : expect.expectSigner !== undefined ? 'fingerprint' : expect.trust ? 'ca' : 'none';
  return { basis, problems, ...(chain ? { chain } : {}), timestamps, ...(revocation ? { revocation } : {}), ...(judgedAt ? { judgedAt } : {}) };
}
