/**
 * The detached CMS verifier accepts exactly what signDetached writes: every single-byte change of a signature
 * (at every offset, several ways), a byte appended, or bytes cut off must fail, and a changed content must be
 * reported as a digest mismatch (so `verify` blames the manifest, not its signature). In process, so the
 * whole byte sweep stays fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDetached, verifyDetached } from './cms.js';
import { readNode, readWhole, TAG } from './der.js';
import { loadSigningIdentity, type SigningIdentity } from './identity.js';

const NOW = new Date('2026-11-02T06:00:00Z');
const CONTENT = Buffer.from('{"format":"vaultscope.pack/v1","files":[]}\n');
let dir: string;
let identity: SigningIdentity;
let cms: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-cms-'));
  identity = await loadSigningIdentity({ configDir: join(dir, 'config'), now: NOW });
  cms = signDetached(CONTENT, identity, { signingTime: NOW });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every variant of `cms` with one byte changed at `at`: low bit, high bit, all bits, and the byte "1" (0x31). */
function variants(at: number): Buffer[] {
  const original = cms[at] ?? 0;
  return [original ^ 0x01, original ^ 0x80, original ^ 0xff, 0x31]
    .filter((b) => b !== original)
    .map((b) => {
      const copy = Buffer.from(cms);
      copy[at] = b;
      return copy;
    });
}

describe('verifyDetached', () => {
  it('accepts the signature it wrote, with signer and signing time', () => {
    const result = verifyDetached(cms, CONTENT);
    expect(result).toMatchObject({ ok: true, signingTime: NOW });
    expect(result.signer?.subject).toContain('Vaultscope evidence signer');
  });

  it('fails for every single-byte change at every offset of the signature', () => {
    const passed: string[] = [];
    for (let at = 0; at < cms.length; at++) {
      for (const changed of variants(at)) {
        if (verifyDetached(changed, CONTENT).ok) passed.push(`offset ${at}: 0x${(cms[at] ?? 0).toString(16)} -> 0x${(changed[at] ?? 0).toString(16)}`);
      }
    }
    expect(passed).toEqual([]);
  });

  it('fails when bytes are appended or cut off', () => {
    for (const extra of [Buffer.from([0x00]), Buffer.from([0x31]), Buffer.from('\n'), Buffer.from([0x05, 0x00])]) {
      expect(verifyDetached(Buffer.concat([cms, extra]), CONTENT)).toMatchObject({ ok: false, reason: expect.stringMatching(/trailing bytes/) });
    }
    for (const cut of [1, 2, 100]) expect(verifyDetached(cms.subarray(0, cms.length - cut), CONTENT).ok).toBe(false);
  });

  it('reports a changed content as a digest mismatch, with the signer still known', () => {
    const result = verifyDetached(cms, Buffer.from(CONTENT.toString().replace('v1', 'v2')));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^digest mismatch/);
    expect(result.signer).toBeDefined();
  });

  it('does not call a damaged signature a digest mismatch', () => {
    // Whatever byte of the signature changes, the verdict must not blame the (unchanged) content.
    for (let at = 0; at < cms.length; at += 7) {
      for (const changed of variants(at)) expect(verifyDetached(changed, CONTENT).reason ?? '', `offset ${at}`).not.toMatch(/^digest mismatch/);
    }
  });

  it('is accepted by openssl cms (the strict reader does not reject the real thing)', () => {
    const path = join(dir, 'sig.p7s');
    const content = join(dir, 'content.json');
    execFileSync('sh', ['-c', `cat > ${content}`], { input: CONTENT });
    execFileSync('sh', ['-c', `cat > ${path}`], { input: cms });
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path, '-content', content, '-noverify', '-out', '/dev/null'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
  });
});

describe('strict DER reading', () => {
  it('rejects trailing bytes, a wrong outer tag, non-minimal lengths and multi-byte tags', () => {
    expect(() => readWhole(Buffer.concat([cms, Buffer.from([0])]), TAG.SEQUENCE)).toThrow(/trailing bytes/);
    expect(() => readWhole(cms, TAG.SET)).toThrow(/expected tag/);
    expect(() => readNode(Buffer.from([0x04, 0x81, 0x05, 1, 2, 3, 4, 5]))).toThrow(/shortest form/);
    expect(() => readNode(Buffer.from([0x04, 0x82, 0x00, 0x85, ...Buffer.alloc(0x85)]))).toThrow(/shortest form/);
    expect(() => readNode(Buffer.from([0x1f, 0x81, 0x01, 0x00]))).toThrow(/multi-byte/);
    expect(readNode(Buffer.from([0x04, 0x81, 0x80, ...Buffer.alloc(0x80)]))).toMatchObject({ contentStart: 3, end: 0x83 });
  });
});
