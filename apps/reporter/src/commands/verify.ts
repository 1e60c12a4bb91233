/**
 * `verify DIR`: checks a pack offline — every file's hash, the manifest's CMS signature, the PDF signature and
 * their timestamps — then who made it: against the signer fingerprint (`--expect-signer`) or the organization's
 * CA (`--trust`) the auditor holds independently of the pack. Exit 0: verified and trusted; 1: a check failed;
 * 2: bad usage; 3: intact, but the signer was checked against nothing (integrity only).
 */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '@vaultscope/core';
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import type { TrustAnchors } from '../evidence/certificates.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { assessTrust, normalizeFingerprint, type PackTrust, type TrustExpectations } from '../evidence/packTrust.js';
import { formatLine, verifyPack, type PackVerification } from '../evidence/verifyPack.js';
import { parsePeriod } from '../pack/model/period.js';

/** The exit status of a pack that is intact but whose signer nobody vouched for (documented in docs/packs.md). */
export const EXIT_INTEGRITY_ONLY = 3;

interface VerifyOptions {
  expectSigner?: string;
  trust?: string;
  trustTsa?: string;
  expectOrg?: string;
  expectPeriod?: string;
}

/** Reads the certificates of a CA file (PEM, one or more, or a single DER certificate). */
async function readAnchors(path: string, option: string): Promise<TrustAnchors> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${option}: ${path}: ${error.code === 'ENOENT' ? 'file not found' : (error.code ?? 'cannot read')}`, { cause: error });
  });
  const pems = bytes.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    const certificates = pems ? pems.map((pem) => new X509Certificate(pem)) : [new X509Certificate(bytes)];
    return { certificates, option: `${option} ${path}` };
  } catch (error) {
    throw new InputError(`${option}: ${path}: not a PEM or DER certificate file (${(error as Error).message})`, { cause: error });
  }
}

async function expectations(options: VerifyOptions): Promise<TrustExpectations> {
  const out: TrustExpectations = {};
  if (options.expectSigner !== undefined) {
    const fp = normalizeFingerprint(options.expectSigner);
    if (!fp) throw new InputError(`--expect-signer: "${options.expectSigner}" is not a SHA-256 fingerprint (64 hex digits, colons allowed)`);
    out.expectSigner = fp;
  }
  if (options.trust !== undefined) out.trust = await readAnchors(options.trust, '--trust');
  if (options.trustTsa !== undefined) out.trustTsa = await readAnchors(options.trustTsa, '--trust-tsa');
  if (options.expectOrg !== undefined) out.expectOrg = options.expectOrg;
  if (options.expectPeriod !== undefined) {
    try {
      const p = parsePeriod(options.expectPeriod);
      out.expectPeriod = { label: p.label, from: p.from, to: p.to };
    } catch (error) {
      throw new InputError((error as Error).message.replace(/^--period/, '--expect-period'), { cause: error });
    }
  }
  return out;
}

const BASIS: Record<PackTrust['basis'], string> = {
  fingerprint: 'signer fingerprint checked against --expect-signer',
  ca: 'signer certificate chain checked against --trust',
  'fingerprint+ca': 'signer fingerprint checked against --expect-signer, its certificate chain against --trust',
  none: 'NONE: integrity only (the signer was not checked against --expect-signer or --trust)',
};

/** What the pack says it is, and on what basis that is believed: one labelled line each. */
function summary(result: PackVerification, trust: PackTrust): string[] {
  const m = result.manifest;
  const signer = result.signer;
  const org = m ? [m.organization.name, m.organization.id ? `(${m.organization.id})` : undefined].filter(Boolean).join(' ') || 'not identified' : '?';
  const period = m ? `${m.period.label} (${m.period.firstDay} to ${m.period.lastDay}), ${m.period.complete ? 'complete' : `INCOMPLETE: covers it only up to ${m.period.coveredUntil}`}` : '?';
  const lines = [
    `organization: ${org}`,
    `period:       ${period}`,
    `generated:    ${m?.generatedAt ?? '?'} (claimed by the signer)`,
    `signer:       ${signer ? `${signer.subject}${signer.selfSigned && !signer.subject.includes('(self-signed)') ? ' (self-signed)' : ''}, SHA-256 ${signer.fingerprint}` : 'unknown'}`,
  ];
  for (const t of trust.timestamps) {
    const anchor = t.trusted === undefined ? 'TSA not checked against a trust anchor (give --trust-tsa)' : t.trusted ? 'TSA trusted' : 'TSA NOT trusted';
    lines.push(`timestamp:    ${t.info.genTime.toISOString()} on ${t.file}, by ${t.info.tsa.subject.replace(/\n/g, ', ')}; ${anchor}`);
  }
  if (trust.timestamps.length === 0) lines.push('timestamp:    none (the signing time is the signer\u2019s own claim)');
  if (!trust.revocation) lines.push('revocation:   no revocation data in the pack (made without --crl): the signer\u2019s revocation was not checked');
  for (const r of trust.revocation ?? []) {
    const crl = r.crl ? `CRL of ${r.crl.issuer}, this update ${r.crl.thisUpdate.toISOString()}${r.crl.nextUpdate ? `, next update ${r.crl.nextUpdate.toISOString()}` : ''}` : '';
    lines.push(`revocation:   ${r.certificate}: ${!r.crl ? 'no CRL for it in the pack' : r.revokedAt ? `REVOKED at ${r.revokedAt.toISOString()} (${crl})` : `not revoked (${crl})`}`);
  }
  lines.push(`trust basis:  ${BASIS[trust.basis]}${trust.chain ? ` [${trust.chain.join(' <- ')}]` : ''}`);
  return lines;
}

/** `verify DIR [--expect-signer SHA256] [--trust CAFILE] [--trust-tsa CAFILE] [--expect-org ORG] [--expect-period P]`. */
export function registerVerifyCommand(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description(
      `verify a pack: one line per file, what it is, who signed it and on what trust basis; exit 0 verified and trusted, 1 a check failed, ${EXIT_INTEGRITY_ONLY} intact but integrity only (no --expect-signer/--trust)`,
    )
    .argument('<dir>', 'pack directory')
    .option('--expect-signer <sha256>', 'SHA-256 fingerprint of the certificate that must have signed the pack (hex, colons allowed)')
    .option('--trust <cafile>', 'your organization\u2019s CA certificates (PEM): the signer must chain to one, valid at signing time, fit for signing')
    .option('--trust-tsa <cafile>', 'CA certificates for the time-stamping authority (default: --trust)')
    .option('--expect-org <org>', 'the organization id or name the pack must be about')
    .option('--expect-period <period>', 'the period the pack must cover (YYYY-MM or FROM..TO, as for pack --period)')
    .action(async (dir: string, options: VerifyOptions) => {
      const expect = await expectations(options);
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) throw new InputError(`${dir}: not a directory`);
      const result = await verifyPack(dir);
      const trust = assessTrust(result, expect);
      // File names of EXTRA files are whatever is in the directory: print them terminal-safe.
      writeLines(ctx.stdout, [...result.lines.map(formatLine), ...summary(result, trust), ...trust.problems.map((p) => `REJECTED ${p}`)]);
      const problems = result.lines.filter((l) => l.status !== 'OK').length + trust.problems.length;
      if (problems > 0) throw new VerificationFailedError(`${dir}: pack does NOT verify (${problems} problem${problems === 1 ? '' : 's'})`);
      if (trust.basis === 'none') {
        writeLines(ctx.stdout, [`pack intact: ${result.lines.length} files, signatures valid; INTEGRITY ONLY: who signed it was not checked`]);
        throw new VerificationFailedError(
          `${dir}: integrity only: the signer was not checked (give --expect-signer SHA256 or --trust CAFILE); exit ${EXIT_INTEGRITY_ONLY}`,
          { exitCode: EXIT_INTEGRITY_ONLY },
        );
      }
      writeLines(ctx.stdout, [`pack verified and trusted: ${result.lines.length} files; ${BASIS[trust.basis]}`]);
    });
}
