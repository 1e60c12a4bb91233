/**
 * The pack's job figures use core's outcomes (issue 12): PARTIAL and ABORTED are counted as partial and aborted,
 * never as failed; both are unsuccessful, so they are in the daily chart's failed bar, in the failure reasons and in
 * the exception register. States per AWS Backup API reference BackupJob / CopyJob
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupJob.html).
 */
import { describe, expect, it } from 'vitest';
import type { BackupJob, CopyJob } from '@vaultscope/core';
import { ExceptionCollector } from './exceptions.js';
import type { PackPeriod } from './period.js';
import { BackupStatsCollector, CopyStatsCollector } from './stats.js';

const period = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' } as PackPeriod;
const backup = (id: string, State: string, MessageCategory?: string): BackupJob =>
  ({
    AccountId: '222222222222',
    BackupJobId: id,
    ResourceArn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders',
    BackupVaultArn: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:prod',
    CreationDate: '2026-11-01T05:00:00Z',
    State,
    ...(MessageCategory ? { MessageCategory } : {}),
  }) as BackupJob;

describe('backup job figures', () => {
  const jobs = [
    backup('ok', 'COMPLETED', 'SUCCESS'),
    backup('issues', 'COMPLETED', 'InvalidParameters'),
    backup('partial', 'PARTIAL'),
    backup('aborted', 'ABORTED', 'ABORTED'),
    backup('expired', 'EXPIRED'),
    backup('failed', 'FAILED', 'AccessDenied'),
    backup('running', 'RUNNING'),
  ];
  const stats = new BackupStatsCollector();
  const exceptions = new ExceptionCollector();
  for (const j of jobs) {
    stats.add(j);
    exceptions.backup(j);
  }
  const r = stats.result(period);

  it('counts each outcome on its own, and the unsuccessful ones against the success rate', () => {
    expect(r.counts).toEqual({ total: 7, completed: 2, completedWithIssues: 1, failed: 1, expired: 1, aborted: 1, partial: 1, running: 1 });
    expect(r.successRate).toBe(2 / 6);
  });

  it('draws partial and aborted in the failed bar of the daily chart, running in the other', () => {
    expect(r.daily).toEqual([{ day: '2026-11-01', completed: 2, failed: 4, other: 1 }]);
  });

  it('lists partial and aborted among the failure reasons and the exceptions, completed-with-issues only among the reasons', () => {
    expect(r.failureReasons.map((f) => f.reason.split(/[ :]/)[0]).sort()).toEqual(['ABORTED', 'COMPLETED', 'EXPIRED', 'FAILED', 'PARTIAL']);
    expect(exceptions.result().map((e) => e.state).sort()).toEqual(['ABORTED', 'EXPIRED', 'FAILED', 'PARTIAL']);
  });
});

describe('copy job figures', () => {
  it('counts a PARTIAL copy as unsuccessful for its destination', () => {
    const c = new CopyStatsCollector();
    const copy = (id: string, State: string): CopyJob =>
      ({
        AccountId: '222222222222',
        CopyJobId: id,
        ResourceArn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders',
        SourceBackupVaultArn: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:prod',
        DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:333333333333:backup-vault:dr',
        DestinationVaultLockState: 'LOCKED',
        CreationDate: '2026-11-01T05:00:00Z',
        State,
      }) as CopyJob;
    c.add(copy('a', 'COMPLETED'));
    c.add(copy('b', 'PARTIAL'));
    const r = c.result(period);
    expect(r.destinations).toEqual([{ accountId: '333333333333', region: 'eu-central-1', completed: 1, failed: 1 }]);
    expect(r.counts.partial).toBe(1);
    expect(r.toLockedVault).toBe(1);
    expect(r.crossAccount).toBe(1);
  });
});
