import { ESTATE_FORMAT, type BackupJob, type Estate } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import { mergeEstateJobs, newestJobTime, pollSince } from './mergeJobs.js';

const job = (id: string, created: string, state: string, completed?: string): BackupJob => ({
  AccountId: '111122223333',
  BackupJobId: id,
  ResourceArn: 'arn:aws:dynamodb:eu-central-1:111122223333:table/orders',
  ResourceType: 'DynamoDB',
  CreationDate: created,
  State: state,
  ...(completed ? { CompletionDate: completed } : {}),
});

const estate = (capturedAt: string, backup: BackupJob[]): Estate => ({
  format: ESTATE_FORMAT,
  capturedAt,
  source: 'aws',
  accounts: [],
  regions: [],
  jobs: { since: '2026-10-22T00:00:00Z', backup, restore: [] },
});

describe('mergeEstateJobs', () => {
  it('keeps known jobs, lets a job seen again replace its older self, adds new ones and drops expired ones', () => {
    const previous = estate('2026-11-21T06:00:00Z', [
      job('job-old', '2026-11-10T01:00:00Z', 'COMPLETED', '2026-11-10T01:10:00Z'),
      job('job-ok', '2026-11-20T01:00:00Z', 'COMPLETED', '2026-11-20T01:10:00Z'),
      job('job-run', '2026-11-21T05:50:00Z', 'RUNNING'),
    ]);
    const next = estate('2026-11-21T06:05:00Z', [job('job-run', '2026-11-21T05:50:00Z', 'COMPLETED', '2026-11-21T06:04:00Z'), job('job-new', '2026-11-21T06:03:00Z', 'RUNNING')]);
    const merged = mergeEstateJobs(previous, next, '2026-11-18T00:00:00Z');
    expect(merged.jobs?.backup?.map((j) => j.BackupJobId).sort()).toEqual(['job-new', 'job-ok', 'job-run']);
    expect(merged.jobs?.backup?.find((j) => j.BackupJobId === 'job-run')?.State).toBe('COMPLETED');
    expect(merged.jobs?.restore).toHaveLength(0);
    expect(merged.capturedAt).toBe('2026-11-21T06:05:00Z');
    expect(newestJobTime(merged)).toBe('2026-11-21T06:03:00Z');
  });
});

describe('pollSince', () => {
  const now = Date.parse('2026-11-21T06:00:00Z');
  it('asks again from a day before the newest job, or from the oldest unfinished one, never before the window', () => {
    expect(pollSince(estate('2026-11-21T06:00:00Z', []), now)).toBeUndefined();
    const finished = estate('2026-11-21T06:00:00Z', [job('a', '2026-11-21T05:00:00Z', 'COMPLETED', '2026-11-21T05:10:00Z')]);
    expect(pollSince(finished, now)?.toISOString()).toBe('2026-11-20T05:00:00.000Z');
    const running = estate('2026-11-21T06:00:00Z', [job('a', '2026-11-21T05:00:00Z', 'COMPLETED', '2026-11-21T05:10:00Z'), job('b', '2026-11-18T02:00:00Z', 'RUNNING')]);
    expect(pollSince(running, now)?.toISOString()).toBe('2026-11-18T02:00:00.000Z');
    const ancient = estate('2026-11-21T06:00:00Z', [job('a', '2026-11-21T05:00:00Z', 'COMPLETED', '2026-11-21T05:10:00Z'), job('b', '2026-09-01T02:00:00Z', 'RUNNING')]);
    expect(pollSince(ancient, now)?.toISOString()).toBe('2026-10-22T06:00:00.000Z');
  });
});
