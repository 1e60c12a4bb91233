import { describe, expect, it } from 'vitest';
import { ISO_TIMESTAMP, isCanonicalUtc, isValidCanonicalUtc } from './canonicalTimestamp.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const samples = [
  '2026-11-21T06:00:00Z', '2026-11-21T06:00:00.000Z', '2026-11-21T06:00:00.123456789Z', '2026-11-21T06:00:00.1234567890Z',
  '2026-11-21T06:00Z', '2026-11-21T06:00:00+00:00', '2026-11-21T06:00:00z', '2026-11-21t06:00:00Z', '2026-11-21T06:00:00.Z',
  '2026-13-21T06:00:00Z', '2026-00-21T06:00:00Z', '2026-11-32T06:00:00Z', '2026-11-00T06:00:00Z', '2026-11-21T24:00:00Z',
  '2026-11-21T23:60:00Z', '2026-11-21T23:59:60Z', '2026-11-21T23:59:59Z', '2026-11-21 06:00:00Z', '2026-11-21T06:00:0aZ',
  '2026/11/21T06:00:00Z', '2026-11-21T06:00:00.12a4Z', '', 'Z', '2026-11-21T06:00:00ZZ', '+2026-11-21T06:00:00Z',
];

describe('canonical timestamps', () => {
  it('isCanonicalUtc is the canonical-form regex', () => {
    for (const s of samples) expect(isCanonicalUtc(s), s).toBe(CANONICAL.test(s));
  });

  it('isValidCanonicalUtc accepts only what the schema pattern accepts', () => {
    for (const s of samples) if (isValidCanonicalUtc(s)) expect(ISO_TIMESTAMP.test(s), s).toBe(true);
    expect(isValidCanonicalUtc('2026-11-21T06:00:00.000Z')).toBe(true);
  });
});
