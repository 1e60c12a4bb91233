/**
 * The observation records of sharded collections, without a store: each Region's organization-wide job listing is a
 * record of its own, holding that listing's errors, so that shards spreading the listings by Region add up to one
 * collection — the union's estate has every listing error a one-process collection's has — and a Region whose
 * listing stopped is named as observed too long ago, as an account is.
 */
import type { CollectionError, Estate } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import { estateFromObservations, JOB_LISTING_KEY_PREFIX, observationsOf, ORGANIZATION_KEY, type AccountObservation } from '@vaultscope/ledger';

const A = '111111111111';
const B = '222222222222';
const CAPTURED = '2026-12-01T06:00:00.000Z';

const account = (Id: string) => ({ Id, Name: `account ${Id}` });
const region = (accountId: string, name: string) => ({ accountId, region: name, assets: [] });
/** A record of account B's that failed the check in eu-west-1's organization-wide listing. */
const misfit: CollectionError = { service: 'backup', operation: 'ListBackupJobs', code: 'ResponseShapeMismatch', message: 'BackupJobId: expected string', accountId: B, region: 'eu-west-1' };
/** us-east-1's organization-wide copy job list was refused, so its shard listed its own accounts' copy jobs only. */
const incomplete: CollectionError = { service: 'backup', operation: 'ListCopyJobs', code: 'ShardedJobListIncomplete', message: 'the organization-wide copy job list of us-east-1 …', region: 'us-east-1' };
const organizationError: CollectionError = { service: 'organizations', operation: 'ListTagsForResource', code: 'AccessDeniedException', message: 'denied' };

const estate = (accounts: string[], errors: CollectionError[]): Estate => ({
  format: 'vaultscope.estate/v1',
  capturedAt: CAPTURED,
  source: 'aws',
  accounts: accounts.map(account),
  regions: accounts.flatMap((id) => [region(id, 'eu-west-1'), region(id, 'us-east-1')]),
  jobs: { backup: [], copy: [], restore: [], since: '2026-11-01T06:00:00.000Z' },
  ...(errors.length ? { errors } : {}),
});

const sortErrors = (errors: readonly CollectionError[] | undefined) => [...(errors ?? [])].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('observations of sharded collections', () => {
  it('records each Region’s listing with its errors; two shards’ records read as one collection’s', () => {
    const whole = [...observationsOf(estate([A, B], [organizationError, misfit, incomplete]), { organization: true, jobRegions: ['us-east-1', 'eu-west-1'] })];
    expect(whole.map((o) => o.key)).toEqual([A, B, `${JOB_LISTING_KEY_PREFIX}eu-west-1`, `${JOB_LISTING_KEY_PREFIX}us-east-1`, ORGANIZATION_KEY]);
    // B's misfit is eu-west-1's listing's, not B's observation's; the organization's own error stays in its record.
    expect(whole.find((o) => o.key === B)?.errors).toBeUndefined();
    expect(whole.find((o) => o.key === `${JOB_LISTING_KEY_PREFIX}eu-west-1`)).toEqual({ key: `${JOB_LISTING_KEY_PREFIX}eu-west-1`, capturedAt: CAPTURED, jobsRegion: 'eu-west-1', errors: [misfit] });
    expect(whole.find((o) => o.key === ORGANIZATION_KEY)?.errors).toEqual([organizationError]);

    // Shard 1 observes A and lists eu-west-1 (where it met B's misfit); shard 2 observes B and lists us-east-1.
    const first = [...observationsOf(estate([A], [organizationError, misfit]), { organization: true, jobRegions: ['eu-west-1'] })];
    const second = [...observationsOf(estate([B], [organizationError, incomplete]), { organization: false, jobRegions: ['us-east-1'] })];
    expect(second.map((o) => o.key)).toEqual([B, `${JOB_LISTING_KEY_PREFIX}us-east-1`]);

    const read = (records: AccountObservation[]) => estateFromObservations(records, { location: 'test', now: new Date(CAPTURED), maxAgeHours: 36 }).estate;
    const union = read([...first, ...second]);
    expect(union).toEqual({ ...read(whole), errors: union.errors });
    expect(sortErrors(union.errors)).toEqual(sortErrors(read(whole).errors));
    expect(sortErrors(union.errors)).toEqual(sortErrors([organizationError, misfit, incomplete]));
  });

  it('names a Region whose organization-wide listing is older than the stated age', () => {
    const records = [...observationsOf(estate([A], []), { organization: true, jobRegions: ['eu-west-1'] })];
    const later = { ...records[0] as AccountObservation, capturedAt: '2026-12-03T06:00:00.000Z' };
    const { estate: read, stale } = estateFromObservations([later, ...records.slice(1)], { location: 'test', now: new Date('2026-12-03T07:00:00Z'), maxAgeHours: 36 });
    expect(stale).toEqual([]);
    expect(read.errors).toEqual([
      {
        service: 'vaultscope',
        operation: 'collect',
        region: 'eu-west-1',
        code: 'ObservationTooOld',
        message: 'the organization-wide job lists of eu-west-1 were last listed at 2026-12-01T06:00:00.000Z, more than 36 h before 2026-12-03T07:00:00.000Z: the shard listing them has not collected since',
      },
    ]);
  });
});
