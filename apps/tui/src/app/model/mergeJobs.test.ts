import { describe, expect, it } from 'vitest';
import type { Estate } from '@vaultscope/core';
import { tinyEstate } from '../../testing/tinyEstate.js';
import { mergeEstateJobs, newestJobTime } from './mergeJobs.js';

describe('mergeEstateJobs', () => {
  it('keeps known jobs, lets a job seen again replace its older self, adds new ones and drops expired ones', () => {
    const previous = tinyEstate();
    const running = previous.jobs?.backup?.find((j) => j.BackupJobId === 'job-run-1');
    const next: Estate = {
      ...previous,
      capturedAt: '2026-11-21T06:05:00Z',
      jobs: {
        backup: [
          { ...running!, State: 'COMPLETED', CompletionDate: '2026-11-21T06:04:00Z' },
          { ...running!, BackupJobId: 'job-new', CreationDate: '2026-11-21T06:03:00Z' },
        ],
        restore: [],
      },
    };
    const merged = mergeEstateJobs(previous, next, '2026-11-18T00:00:00Z');
    const ids = merged.jobs?.backup?.map((j) => j.BackupJobId).sort();
    expect(ids).toEqual(['job-exp-1', 'job-fail-1', 'job-new', 'job-ok-1', 'job-run-1']);
    expect(merged.jobs?.backup?.find((j) => j.BackupJobId === 'job-run-1')?.State).toBe('COMPLETED');
    expect(merged.jobs?.restore).toHaveLength(2);
    expect(merged.capturedAt).toBe('2026-11-21T06:05:00Z');
    expect(newestJobTime(merged)).toBe('2026-11-21T06:03:00Z');
  });
});
