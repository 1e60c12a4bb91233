/**
 * `manifest.json`: what a pack is (organization, period, provenance, signer) and every file in it with its
 * SHA-256 and size. The manifest is what the detached CMS signature covers, so it binds every file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export const PACK_FORMAT = 'vaultscope.pack/v1';
export const PACK_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIGNATURE_FILE = 'manifest.json.p7s';
/** Files a pack holds that the manifest cannot list (itself and its signature). */
export const UNLISTED_FILES = [MANIFEST_FILE, MANIFEST_SIGNATURE_FILE] as const;

/** One file of the pack. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  mediaType: string;
}

/** The manifest document. */
export interface PackManifest {
  format: typeof PACK_FORMAT;
  packFormatVersion: number;
  organization: { id?: string; name?: string };
  /**
   * `coveredUntil`: the end of the period, or the generation time when the period had not ended; `complete` says
   * which (an incomplete pack is a snapshot of a running period, not the period's evidence).
   */
  period: { label: string; from: string; to: string; firstDay: string; lastDay: string; coveredUntil: string; complete: boolean };
  generatedAt: string;
  generator: { name: string; version: string };
  sources: { spec: string; capturedAt: string; jobsSince?: string }[];
  policy: { origin: string; sha256: string };
  ledger: {
    storage: 'file' | 'memory';
    chainVerified: boolean;
    batches: number;
    /** Sequence number of the oldest batch held (above 1 after retention removed older ones). */
    firstSeq?: number;
    firstCollectedAt?: string;
    head?: { seq: number; collectedAt: string; sha256: string };
    jobsInPeriod: { backup: number; copy: number; restore: number };
    /** The span of job history the ledger holds, and whether it covers the period fully, partly or not at all. */
    history: { from?: string; until?: string; period: 'full' | 'partial' | 'none' };
  };
  signer: {
    subject: string;
    issuer: string;
    serialNumber: string;
    fingerprintSha256: string;
    selfSigned: boolean;
    validFrom: string;
    validTo: string;
  };
  /** The instant the pack's posture figures (coverage, RPO attainment, stale recovery points, findings) describe. */
  postureTimeBase?: string;
  files: ManifestFile[];
}

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8; header=present',
  '.pem': 'application/x-pem-file',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
};

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Manifest entries for files of a directory, sorted by name so the manifest is stable. */
export async function describeFiles(dir: string, names: readonly string[]): Promise<ManifestFile[]> {
  const entries: ManifestFile[] = [];
  for (const path of [...names].sort()) {
    const info = await stat(join(dir, path));
    if (!info.isFile()) continue;
    const { sha256, bytes } = await hashFile(join(dir, path));
    const ext = path.slice(path.lastIndexOf('.'));
    entries.push({ path, sha256, bytes, mediaType: MEDIA_TYPES[ext] ?? 'application/octet-stream' });
  }
  return entries;
}

/** The manifest as written: pretty JSON with a final newline. */
export function manifestText(manifest: PackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
