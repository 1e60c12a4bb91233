/**
 * The demo's history is stable (issue 15): a job is derived from what it is (account, resource, rule, slot), so
 * two observations of the demo agree on every job they both see, and re-collecting is idempotent as it is for AWS.
 */
import { isInProgress, isUnsuccessful, jobOutcome, type BackupJob, type CopyJob, type Estate, type RestoreJob } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from './generateDemoEstate.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type AnyJob = BackupJob | CopyJob | RestoreJob;
const idOf = (j: AnyJob): string => ('BackupJobId' in j ? (j as BackupJob).BackupJobId : 'CopyJobId' in j ? (j as CopyJob).CopyJobId : (j as RestoreJob).RestoreJobId);
const stateOf = (j: AnyJob): string => ('RestoreJobId' in j ? (j as RestoreJob).Status : (j as BackupJob).State);
const jobsOf = (e: Estate): AnyJob[] => [...(e.jobs?.backup ?? []), ...(e.jobs?.copy ?? []), ...(e.jobs?.restore ?? [])];

describe('the demo history across observations', () => {
  const t1 = Date.parse('2026-12-03T18:33:00Z');
  const t2 = t1 + HOUR + 2 * 60_000; // 19:35
  const first = generateDemoEstate({ now: new Date(t1) });
  const second = generateDemoEstate({ now: new Date(t2) });
  const later = new Map(jobsOf(second).map((j) => [idOf(j), j]));

  it('gives every job a unique id', () => {
    for (const e of [first, second]) {
      const ids = jobsOf(e).map(idOf);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('keeps the id and times of every job both observations see; a final job is the same record', () => {
    let compared = 0;
    let finalized = 0;
    for (const job of jobsOf(first)) {
      const again = later.get(idOf(job));
      // Only the sub-daily runs that aged out of their listing window between the two observations are missing.
      if (!again) {
        expect(job.CreatedBy?.BackupRuleCron).toMatch(/^cron\(0 (\*|0\/4) /);
        expect(Date.parse(job.CreationDate)).toBeLessThan(t2 - 2 * DAY);
        continue;
      }
      compared++;
      expect(again.CreationDate).toBe(job.CreationDate);
      if (job.CompletionDate !== undefined) expect(again).toEqual(job);
      else if (again.CompletionDate !== undefined) finalized++;
    }
    expect(compared).toBeGreaterThan(30_000);
    // Jobs running at 18:33 are final at 19:35, under the same id.
    expect(finalized).toBeGreaterThan(0);
  });

  it('shows a past failed job at the same time at 18:33 and 19:35', () => {
    // Daily and weekly runs (sub-daily ones are listed for the recent days only, see subDailySpans).
    const subDaily = /^cron\(0 (\*|0\/4) /;
    const failed = first.jobs?.backup?.filter((j) => j.State === 'FAILED' && Date.parse(j.CreationDate) < t1 - DAY && !subDaily.test(j.CreatedBy?.BackupRuleCron ?? '')) ?? [];
    expect(failed.length).toBeGreaterThan(10);
    for (const job of failed) expect(later.get(job.BackupJobId)).toEqual(job);
  });

  it('has new jobs at 19:35, on the rules’ own schedules', () => {
    const known = new Set(jobsOf(first).map(idOf));
    const fresh = (second.jobs?.backup ?? []).filter((j) => !known.has(j.BackupJobId));
    expect(fresh.length).toBeGreaterThan(60);
    for (const job of fresh) {
      expect(Date.parse(job.CreationDate)).toBeGreaterThan(t1);
      // A scheduled job is created at its slot: on the hour for the demo's rules.
      if (job.CreatedBy?.BackupRuleCron) expect(job.CreationDate.slice(14)).toBe('00:00.000Z');
    }
  });

  it('lists the hourly runs of the last two days and of the two days before the month began, every slot', () => {
    const hourly = (first.jobs?.backup ?? []).filter((j) => j.CreatedBy?.BackupRuleCron === 'cron(0 * ? * * *)');
    const byAsset = new Map<string, Set<string>>();
    for (const j of hourly) byAsset.set(j.ResourceArn, (byAsset.get(j.ResourceArn) ?? new Set()).add(j.CreationDate.slice(0, 13)));
    expect(byAsset.size).toBeGreaterThan(20);
    const slots = [...byAsset.values()].sort((a, b) => b.size - a.size)[0] ?? new Set<string>();
    const hours = (from: number, to: number): string[] => {
      const out: string[] = [];
      for (let t = from; t <= to; t += HOUR) out.push(new Date(t).toISOString().slice(0, 13));
      return out;
    };
    // November's end: a pack of November judges its period end (RPO) from these runs.
    for (const h of hours(Date.parse('2026-11-29T00:00:00Z'), Date.parse('2026-11-30T23:00:00Z'))) expect(slots.has(h), h).toBe(true);
    for (const h of hours(Date.parse('2026-12-01T19:00:00Z'), Date.parse('2026-12-03T18:00:00Z'))) expect(slots.has(h), h).toBe(true);
    expect(slots.has('2026-12-01T12')).toBe(false);
  });
});

describe('the demo at any capture time', () => {
  // Spread over the year, on and off the hour, before and after the stories' epoch.
  const instants = ['2026-07-14T00:00:00Z', '2026-11-21T06:00:00Z', '2027-02-28T13:07:41Z', '2027-09-01T23:59:59Z'];
  it.each(instants)('has jobs in flight and failures in the evaluation window at %s', (iso) => {
    const now = Date.parse(iso);
    const e = generateDemoEstate({ now: new Date(now) });
    const inFlight = jobsOf(e).filter((j) => isInProgress(jobOutcome(stateOf(j))));
    expect(inFlight.length).toBeGreaterThan(0);
    const window = now - 30 * DAY;
    const failedBackups = (e.jobs?.backup ?? []).filter((j) => Date.parse(j.CreationDate) >= window && isUnsuccessful(jobOutcome(j.State)));
    expect(failedBackups.length).toBeGreaterThan(0);
    const failedCopies = (e.jobs?.copy ?? []).filter((j) => Date.parse(j.CreationDate) >= window && j.State === 'FAILED');
    expect(failedCopies.length).toBeGreaterThan(0);
    const failedTests = (e.jobs?.restore ?? []).filter((j) => Date.parse(j.CreationDate) >= window && (j.Status === 'FAILED' || j.ValidationStatus === 'FAILED'));
    expect(failedTests.length).toBeGreaterThan(0);
  });
});
