import { describe, expect, it } from 'vitest';
import { freshness } from './freshness.js';
import type { RefreshStatus } from '../model/refresher.js';

const T = Date.parse('2026-11-21T06:00:00Z');
const ok: RefreshStatus = { loading: false, failures: 0, intervalMs: 5000, skipped: 0, lastSuccessAt: T };
const words = (segments: { text: string }[]): string => segments.map((s) => s.text).join('');

describe('freshness', () => {
  it('says how long ago the data was captured', () => {
    const f = freshness(ok, '2026-11-21T05:59:48Z', 'demo', T);
    expect(words(f.title)).toBe('demo · captured 12s ago ');
    expect(f.stale).toBe(false);
    expect(f.problem).toBeUndefined();
  });

  it('marks data stale when the last refresh failed, and says what happens next', () => {
    const f = freshness({ ...ok, error: 'ThrottlingException', failures: 2, nextAt: T + 40_000 }, '2026-11-21T05:50:00Z', 'aws', T);
    expect(words(f.title)).toContain('STALE');
    expect(f.problem?.text).toBe('refresh failed (2×): ThrottlingException · retry in 40s · showing last good data');
  });

  it('marks data stale when refreshing has fallen behind', () => {
    const f = freshness({ ...ok, lastSuccessAt: T - 60_000 }, '2026-11-21T05:59:00Z', 'demo', T);
    expect(f.stale).toBe(true);
    expect(f.problem?.text).toBe('last refresh 1m ago');
  });

  it('says loading before the first data, and what failed when there is none', () => {
    expect(words(freshness({ ...ok, loading: true, lastSuccessAt: undefined } as RefreshStatus, undefined, 'aws', T).title)).toContain('loading');
    expect(freshness({ ...ok, error: 'AccessDenied' }, undefined, 'aws', T).problem?.text).toContain('load failed: AccessDenied');
  });
});
