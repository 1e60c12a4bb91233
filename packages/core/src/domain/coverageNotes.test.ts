import { describe, expect, it } from 'vitest';
import type { Coverage } from '../posture/schema.js';
import { coverageNotes } from './coverageNotes.js';

const base: Coverage = { state: 'PROTECTED', selectedBy: [], copyRegions: [], copyAccounts: [], vaults: [] };

describe('coverageNotes', () => {
  it('says nothing for an ordinary coverage', () => {
    expect(coverageNotes(base)).toEqual([]);
  });

  it('words each AWS-decided verdict once, marking the weaknesses', () => {
    const notes = coverageNotes({
      ...base,
      state: 'OPT_IN_BLOCKED',
      optInRequired: 'FSx',
      coveredThrough: { arn: 'arn:aws:ec2:eu-west-1:1:instance/i-1', resourceType: 'EC2', name: 'web' },
      copiesNotMade: [{ destination: 'arn:aws:backup:eu-central-1:1:backup-vault:dr', reason: 'DynamoDB without AWS Backup advanced features: AWS Backup makes no cross-Region or cross-account copies' }],
      vaults: [
        { name: 'lag', arn: 'arn:aws:backup:eu-west-1:1:backup-vault:lag', lock: 'compliance', airGapped: true, reach: 'copy' },
        { name: 'Default', lock: 'none', airGapped: false, observed: { via: 'backup', jobId: 'b-0', at: '2026-11-20T05:00:00Z', vaultType: 'BACKUP_VAULT', lockState: 'UNLOCKED' } },
        { name: 'elsewhere', lock: 'unknown', airGapped: false, observed: { via: 'backup', jobId: 'b-1', at: '2026-11-20T05:00:00Z', vaultType: 'BACKUP_VAULT', lockState: 'LOCKED' } },
      ],
      restoreTestIneligible: { planName: 'weekly', selectionName: 'all', reason: 'its recovery points sit in Default, excluded by ExcludeVaults [x]', vaults: [] },
    });
    expect(notes.map((n) => [n.concern, n.text])).toEqual([
      [false, 'covered through EC2 instance web: its AMI includes this volume, and its recovery point decides the state'],
      [true, 'a selection reaches it, but FSx is not opted in to AWS Backup in its Region'],
      [true, 'copy to dr (eu-central-1/1) not made: DynamoDB without AWS Backup advanced features: AWS Backup makes no cross-Region or cross-account copies'],
      [true, 'air-gapped vault lag: this type reaches it only by copy, and no copy into it completed in the window'],
      // An observed vault's own configuration speaks for it; the job's attributes only for a vault not observed.
      [false, 'vault elsewhere (not observed): backup job b-1 completed into it 2026-11-20 05:00 (LOCKED, BACKUP_VAULT)'],
      [true, 'restore-testing plan weekly (selection all) can never pick its recovery points: its recovery points sit in Default, excluded by ExcludeVaults [x]'],
    ]);
  });
});
