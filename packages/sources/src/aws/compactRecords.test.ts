/**
 * Compact copies must be invisible to everything downstream: the ledger records each job as its JSON text and the
 * chain hashes that text, so a copy has to serialise byte for byte as the original (same keys, same order, same
 * values), and must not share objects with it.
 */
import { describe, expect, it } from 'vitest';
import { CompactRecords, fastCopy } from './compactRecords.js';

const job = (id: string, created: string) => ({
  AccountId: '222222222222',
  BackupJobId: id,
  BackupVaultArn: 'arn:aws:backup:eu-west-1:222222222222:backup-vault:payments-vault',
  RecoveryPointArn: `arn:aws:backup:eu-west-1:222222222222:recovery-point:${id}`,
  ResourceArn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders',
  CreationDate: created,
  State: 'COMPLETED',
  BackupSizeInBytes: 1024,
  IsEncrypted: true,
  StatusMessage: null,
  CreatedBy: { BackupPlanId: 'plan-1', BackupRuleId: 'rule-1' },
  Tags: ['a', 'b'],
  Region: 'eu-west-1',
});

describe('CompactRecords', () => {
  it('copies records that serialise exactly as the originals, sharing no object with them', () => {
    const records = new CompactRecords();
    const originals = [job('job-1', '2026-11-20T05:00:00.000Z'), job('job-2', '2026-11-21T05:00:00.000Z')];
    const copies = originals.map((o) => records.copy(o));
    expect(copies.map((c) => JSON.stringify(c))).toEqual(originals.map((o) => JSON.stringify(o)));
    expect(copies[0]).not.toBe(originals[0]);
    expect(copies[0]?.CreatedBy).not.toBe(originals[0]?.CreatedBy);
    expect(copies[0]?.Tags).not.toBe(originals[0]?.Tags);
    originals[0]!.CreatedBy.BackupPlanId = 'changed';
    expect(copies[0]?.CreatedBy.BackupPlanId).toBe('plan-1');
  });

  it('keeps scalars and empty containers as they are', () => {
    const records = new CompactRecords();
    for (const value of ['text', 0, 12.5, false, null, [], {}]) expect(records.copy(value)).toEqual(value);
    const when = new Date('2026-11-20T05:00:00Z');
    expect(records.copy({ when }).when).toBe(when);
  });
});

describe('fastCopy', () => {
  it('copies a Region observation that serialises exactly as the original', () => {
    const observation = { accountId: '222222222222', region: 'eu-west-1', assets: [{ arn: 'arn:aws:s3:::b', tags: { owner: 'payments' }, sizeGiB: 1.5 }], backupPlans: [] };
    const copy = fastCopy(observation);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(observation));
    expect(copy.assets[0]).not.toBe(observation.assets[0]);
  });
});
