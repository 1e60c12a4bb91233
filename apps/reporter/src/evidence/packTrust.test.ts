/**
 * The stated tolerance between a pack's signed generation time and its trusted timestamp, at its edges: the
 * generation time may be up to 60 minutes before the TSA's time (packing takes time) and 5 minutes after it
 * (clock skew); beyond either, the pack is rejected. The signatures themselves are tested elsewhere: here the
 * verification result is built by hand around a real certificate.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from './manifest.js';
import { assessTrust, normalizeFingerprint } from './packTrust.js';
import { makeCa } from './testPki.testkit.js';
import type { PackVerification } from './verifyPack.js';

let dir: string;
let tsaCert: X509Certificate;
const STAMP = new Date('2026-12-01T06:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-pack-trust-'));
  makeCa(dir, 'any', 'Any Certificate');
  tsaCert = new X509Certificate(readFileSync(join(dir, 'any.pem')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function packGeneratedAt(offsetMinutes: number): PackVerification {
  const generatedAt = new Date(STAMP.getTime() + offsetMinutes * 60_000).toISOString();
  return {
    ok: true,
    lines: [],
    manifest: { generatedAt } as PackManifest,
    manifestSignature: {
      ok: true,
      signer: tsaCert,
      certificates: [tsaCert],
      timestamp: { genTime: STAMP, tsa: tsaCert, certificates: [tsaCert], policy: '1.2.3', serialNumber: '01', hashAlgorithm: 'sha256' },
    },
    pdfSignatures: [],
  };
}

describe('generation time against the trusted timestamp', () => {
  it.each([
    [-60, true],
    [-61, false],
    [5, true],
    [6, false],
    [0, true],
  ])('generated %i min from the stamp: accepted %s', (offset, accepted) => {
    const problems = assessTrust(packGeneratedAt(offset), {}).problems;
    if (accepted) expect(problems).toEqual([]);
    else expect(problems).toEqual([expect.stringMatching(new RegExp(`is ${Math.abs(offset)} min ${offset < 0 ? 'before' : 'after'} the trusted timestamp 2026-12-01T06:00:00.000Z \\(tolerance: up to 60 min before it, 5 min after it\\)$`))]);
  });
});

describe('normalizeFingerprint', () => {
  it('accepts colons, spaces and either case; refuses anything but 64 hex digits', () => {
    const hex = 'ab'.repeat(32);
    expect(normalizeFingerprint(hex.toUpperCase().match(/../g)?.join(':') ?? '')).toBe(hex);
    expect(normalizeFingerprint(` ${hex} `)).toBe(hex);
    expect(normalizeFingerprint(hex.slice(2))).toBeUndefined();
    expect(normalizeFingerprint(`${hex.slice(2)}zz`)).toBeUndefined();
  });
});
