import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatHours, formatPct, formatShortTime, formatSpan } from './format.js';

describe('format', () => {
  it('says how long ago compactly', () => {
    const now = Date.parse('2026-11-21T06:00:00Z');
    expect(formatAge('2026-11-21T05:59:48Z', now)).toBe('12s ago');
    expect(formatAge('2026-11-21T05:10:00Z', now)).toBe('50m ago');
    expect(formatAge('2026-11-18T06:00:00Z', now)).toBe('3d ago');
    expect(formatAge(undefined, now)).toBe('');
    expect(formatSpan(3 * 3_600_000)).toBe('3h');
  });

  it('formats rates, sizes, durations and times', () => {
    expect(formatPct(null)).toBe('—');
    expect(formatPct(0.5)).toBe('50%');
    expect(formatPct(0.999)).toBe('99%');
    expect(formatBytes(1_200_000_000)).toBe('1.2 GB');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(4)).toBe('4 h');
    expect(formatShortTime('2026-11-21T05:10:00Z')).toBe('11-21 05:10');
  });
});
