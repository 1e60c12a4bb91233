/**
 * The estate as of a time base: nothing after the cutoff survives, jobs that finished after it were running at it.
 */
import { parseEstate } from '@vaultscope/sources';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estateAsOf, timeBaseAt, timeBaseLabel } from './asOf.js';

const estate = parseEstate(JSON.parse(readFileSync(fileURLToPath(new URL('../__golden__/estate.json', import.meta.url)), 'utf8')), 'estate.json');
const CUTOFF = '2026-11-01T00:00:00.000Z';

describe('estateAsOf', () => {
  it('leaves out jobs created at or after the cutoff and outcomes reached after it', () => {
    const { estate: at, removed } = estateAsOf(estate, CUTOFF);
    expect(at.jobs?.backup?.map((j) => j.CreationDate).every((d) => Date.parse(d) < Date.parse(CUTOFF))).toBe(true);
    expect(at.jobs?.backup?.some((j) => j.CreationDate === '2026-11-01T00:00:00Z')).toBe(false);
    expect(removed.jobs).toBe(1);
    expect(at.capturedAt).toBe(CUTOFF);
  });

  it('drops recovery-point times after the cutoff, so the newest recovery point is the newest job completed before it', () => {
    const { estate: at, removed, laterRecoveryPoints } = estateAsOf(estate, CUTOFF);
    const orders = at.regions.flatMap((r) => r.protectedResources ?? []).find((p) => p.ResourceArn.endsWith('table/orders'));
    expect(orders?.LastBackupTime).toBeUndefined();
    expect(removed.recoveryPointTimes).toBe(1);
    expect([...laterRecoveryPoints]).toEqual(['arn:aws:dynamodb:eu-central-1:111111111111:table/orders']);
  });

  it('turns a job that completed after the cutoff into one still running at it', () => {
    const { estate: at } = estateAsOf(estate, '2026-10-01T05:05:00Z');
    const job = at.jobs?.backup?.find((j) => j.CreationDate === '2026-10-01T05:00:00Z');
    expect(job).toMatchObject({ State: 'RUNNING' });
    expect(job?.CompletionDate).toBeUndefined();
  });

  it('returns the estate unchanged when it was observed before the cutoff', () => {
    expect(estateAsOf(estate, '2026-12-01T00:00:00.000Z').estate).toBe(estate);
  });
});

describe('timeBaseAt', () => {
  it('is the period end for an estate observed after it, else the observation', () => {
    expect(timeBaseAt(CUTOFF, '2026-11-02T06:00:00Z')).toEqual({ at: CUTOFF, kind: 'period-end' });
    expect(timeBaseAt('2026-11-10T12:00:00.000Z', '2026-11-10T06:00:00Z', false)).toEqual({ at: '2026-11-10T06:00:00.000Z', kind: 'observation' });
    // A running period observed at the generation time is judged as observed, not "as of the period end".
    expect(timeBaseAt('2026-11-10T12:00:00.000Z', '2026-11-10T12:00:00Z', false)).toEqual({ at: '2026-11-10T12:00:00.000Z', kind: 'observation' });
    expect(timeBaseLabel({ at: CUTOFF, kind: 'period-end' })).toBe('as of 2026-11-01 00:00 UTC (period end)');
  });
});
