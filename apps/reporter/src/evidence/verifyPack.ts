/**
 * Offline verification of a pack directory: the manifest's CMS signature, every listed file's SHA-256 and size,
 * the PDF's own signature, and no file that the manifest does not list. Each problem is reported against the file
 * that has it: a damaged signature does not make the PDF look foreign, and an unreadable manifest leaves the
 * other files UNCHECKED rather than EXTRA.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintOf, isSelfSigned } from './certificates.js';
import { verifyDetached, type CmsVerification } from './cms.js';
import { hashFile, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, PACK_FORMAT, type PackManifest } from './manifest.js';
import { verifyPdfSignature, type PdfVerification } from './pdfSignature.js';

/** UNCHECKED: present, but there is no readable manifest to check it against. */
export type VerifyStatus = 'OK' | 'MISMATCH' | 'MISSING' | 'EXTRA' | 'UNCHECKED';

/** One line of the report. */
export interface VerifyLine {
  status: VerifyStatus;
  file: string;
  detail?: string;
}

/** The verdict over a pack. */
export interface PackVerification {
  ok: boolean;
  lines: VerifyLine[];
  manifest?: PackManifest;
  signer?: { subject: string; fingerprint: string; selfSigned: boolean };
  /** The manifest signature as checked (signer, chain, claimed time, timestamp), when there was one. */
  manifestSignature?: CmsVerification;
  /** The PDF signature as checked, by file name. */
  pdfSignatures: { file: string; check: PdfVerification }[];
}

const isPlainName = (name: string): boolean => name.length > 0 && !/[\\/]/.test(name) && name !== '.' && name !== '..';

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Verifies the pack in `dir`. */
export async function verifyPack(dir: string): Promise<PackVerification> {
  const lines: VerifyLine[] = [];
  const present = new Set(await readdir(dir));
  const manifestBytes = await readOptional(join(dir, MANIFEST_FILE));
  const signature = await readOptional(join(dir, MANIFEST_SIGNATURE_FILE));
  if (!manifestBytes) {
    lines.push({ status: 'MISSING', file: MANIFEST_FILE, detail: 'not a pack, or the manifest was removed' });
    if (!signature) lines.push({ status: 'MISSING', file: MANIFEST_SIGNATURE_FILE });
    for (const name of [...present].filter((n) => n !== MANIFEST_SIGNATURE_FILE).sort()) lines.push({ status: 'UNCHECKED', file: name, detail: 'no manifest to check it against' });
    return { ok: false, lines, pdfSignatures: [] };
  }

  let manifest: PackManifest | undefined;
  try {
    const parsed = JSON.parse(manifestBytes.toString('utf8')) as PackManifest;
    if (parsed.format === PACK_FORMAT && Array.isArray(parsed.files)) manifest = parsed;
  } catch {
    manifest = undefined;
  }

  let signer: PackVerification['signer'];
  let manifestSignature: CmsVerification | undefined;
  const pdfSignatures: PackVerification['pdfSignatures'] = [];
  if (!signature) {
    lines.push({ status: manifest ? 'OK' : 'MISMATCH', file: MANIFEST_FILE, detail: manifest ? 'readable, but unsigned' : `not a ${PACK_FORMAT} manifest` });
    lines.push({ status: 'MISSING', file: MANIFEST_SIGNATURE_FILE });
  } else {
    const check = verifyDetached(signature, manifestBytes);
    manifestSignature = check;
    if (check.signer) signer = { subject: check.signer.subject.replace(/\n/g, ', '), fingerprint: fingerprintOf(check.signer), selfSigned: isSelfSigned(check.signer) };
    const digestMismatch = check.reason?.startsWith('digest mismatch');
    const namedSigner = manifest?.signer?.fingerprintSha256;
    if (check.ok && manifest && namedSigner && signer && namedSigner !== signer.fingerprint) {
      lines.push({ status: 'OK', file: MANIFEST_FILE });
      lines.push({ status: 'MISMATCH', file: MANIFEST_SIGNATURE_FILE, detail: 'signed by a different certificate than the manifest names' });
    } else if (check.ok) {
      lines.push(manifest ? { status: 'OK', file: MANIFEST_FILE, detail: 'signature covers it' } : { status: 'MISMATCH', file: MANIFEST_FILE, detail: `not a ${PACK_FORMAT} manifest` });
      lines.push({ status: 'OK', file: MANIFEST_SIGNATURE_FILE, detail: `CMS signature valid, signed by ${signer?.subject ?? 'unknown'}` });
    } else if (digestMismatch) {
      lines.push({ status: 'MISMATCH', file: MANIFEST_FILE, detail: 'changed after signing (CMS digest mismatch)' });
      lines.push({ status: 'OK', file: MANIFEST_SIGNATURE_FILE, detail: 'signature intact, but over a different manifest' });
    } else {
      lines.push({ status: manifest ? 'OK' : 'MISMATCH', file: MANIFEST_FILE, ...(manifest ? {} : { detail: `not a ${PACK_FORMAT} manifest` }) });
      lines.push({ status: 'MISMATCH', file: MANIFEST_SIGNATURE_FILE, detail: check.reason ?? 'invalid signature' });
    }
  }

  const listed = new Set<string>();
  for (const entry of manifest?.files ?? []) {
    if (!isPlainName(entry.path)) {
      lines.push({ status: 'MISMATCH', file: entry.path, detail: 'the manifest names a path outside the pack' });
      continue;
    }
    listed.add(entry.path);
    if (!present.has(entry.path)) {
      lines.push({ status: 'MISSING', file: entry.path });
      continue;
    }
    const actual = await hashFile(join(dir, entry.path)).catch(() => undefined);
    if (!actual) {
      lines.push({ status: 'MISMATCH', file: entry.path, detail: 'not a readable file' });
    } else if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
      lines.push({ status: 'MISMATCH', file: entry.path, detail: `SHA-256 ${actual.sha256.slice(0, 16)}…, manifest says ${String(entry.sha256).slice(0, 16)}…` });
    } else if (entry.path.endsWith('.pdf')) {
      const pdf = verifyPdfSignature(await readFile(join(dir, entry.path)));
      pdfSignatures.push({ file: entry.path, check: pdf });
      // Compared with the signer the manifest names, not with whatever certificate the .p7s holds: a damaged
      // .p7s is that file's problem, not the PDF's.
      const named = manifest?.signer?.fingerprintSha256;
      const sameSigner = !named || !pdf.signer || fingerprintOf(pdf.signer) === named;
      lines.push(
        pdf.ok && sameSigner
          ? { status: 'OK', file: entry.path, detail: 'PDF signature valid' }
          : { status: 'MISMATCH', file: entry.path, detail: `PDF signature: ${pdf.ok ? 'made by a different certificate' : pdf.reason}` },
      );
    } else {
      lines.push({ status: 'OK', file: entry.path });
    }
  }
  for (const name of [...present].sort()) {
    if (listed.has(name) || name === MANIFEST_FILE || name === MANIFEST_SIGNATURE_FILE) continue;
    lines.push(manifest ? { status: 'EXTRA', file: name } : { status: 'UNCHECKED', file: name, detail: 'the manifest is unreadable, so nothing could be checked against it' });
  }
  return {
    ok: lines.every((l) => l.status === 'OK'),
    lines,
    ...(manifest ? { manifest } : {}),
    ...(signer ? { signer } : {}),
    ...(manifestSignature ? { manifestSignature } : {}),
    pdfSignatures,
  };
}

/** One printed line: `OK       assets.csv`. */
export function formatLine(line: VerifyLine): string {
  return `${line.status.padEnd(8)} ${line.file}${line.detail ? `  (${line.detail})` : ''}`;
}
