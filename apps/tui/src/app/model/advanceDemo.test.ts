import { defaultPolicy } from '@vaultscope/sources';
import { evaluate, type Estate, type Posture } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { describe, expect, it } from 'vitest';
import { NOW, tinyEstate } from '../../testing/tinyEstate.js';
import { orgHeader } from '../../views/org/orgRows.js';
import { advanceDemo, DEMO_JOB_EVERY_MS, DEMO_JOB_KEPT_MS } from './advanceDemo.js';
import { buildOrgData } from '../../model/orgData.js';

const { policy } = defaultPolicy();
const ORDERS = 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders';
const CUSTOMERS = 'arn:aws:dynamodb:eu-west-1:222222222222:table/customers';
const PROTECTED = new Set([ORDERS, CUSTOMERS]);
const live = (estate: Estate) => (estate.jobs?.backup ?? []).filter((j) => j.BackupJobId.startsWith('demo-live-'));

describe('advanceDemo', () => {
  it('is deterministic for the same base, start and now', () => {
    const base = tinyEstate();
    expect(advanceDemo(base, NOW, NOW + 95_000, PROTECTED)).toEqual(advanceDemo(base, NOW, NOW + 95_000, PROTECTED));
  });

  it('changes nothing but the capture time and running progress at the start', () => {
    const base = tinyEstate();
    const a = advanceDemo(base, NOW, NOW, PROTECTED);
    expect(a.jobs?.backup).toEqual(base.jobs?.backup?.map((j) => (j.State === 'RUNNING' ? { ...j, PercentDone: '40.0' } : j)));
    expect(a.capturedAt).toBe('2026-11-21T06:00:00Z');
  });

  it('moves every timestamp forward by the time passed, except running jobs', () => {
    const base = tinyEstate();
    const later = advanceDemo(base, NOW, NOW + 3_600_000);
    const done = base.jobs?.backup?.find((j) => j.State === 'COMPLETED');
    const moved = later.jobs?.backup?.find((j) => j.BackupJobId === done?.BackupJobId);
    expect(Date.parse(moved?.CreationDate ?? '') - Date.parse(done?.CreationDate ?? '')).toBe(3_600_000);
    const pr = base.regions.flatMap((o) => o.protectedResources ?? [])[0];
    const prLater = later.regions.flatMap((o) => o.protectedResources ?? [])[0];
    expect(Date.parse(prLater?.LastBackupTime ?? '') - Date.parse(pr?.LastBackupTime ?? '')).toBe(3_600_000);
  });

  it('keeps running jobs progressing; at 100 % they start their next run instead of finishing', () => {
    const base = tinyEstate();
    const running = (t: number) => advanceDemo(base, NOW, t).jobs?.backup?.find((j) => j.BackupJobId === 'job-run-1');
    const early = Number(running(NOW + 60_000)?.PercentDone);
    expect(early).toBeGreaterThan(40);
    expect(Number(running(NOW + 2 * 60_000)?.PercentDone)).toBeGreaterThan(early);
    const much = running(NOW + 60 * 60_000);
    expect(much?.State).toBe('RUNNING');
    expect(Date.parse(much?.CreationDate ?? '')).toBeGreaterThan(NOW);
    expect(Date.parse(much?.CreationDate ?? '')).toBeLessThanOrEqual(NOW + 60 * 60_000);
  });

  it('adds a new job every interval for protected assets only, with stable ids, and lets finished ones fall away', () => {
    const base = tinyEstate();
    const after = live(advanceDemo(base, NOW, NOW + 3 * DEMO_JOB_EVERY_MS + 1, PROTECTED));
    expect(after).toHaveLength(3);
    expect(after.every((j) => PROTECTED.has(j.ResourceArn) && j.State === 'RUNNING')).toBe(true);
    const again = live(advanceDemo(base, NOW, NOW + 4 * DEMO_JOB_EVERY_MS, PROTECTED)).slice(0, 3);
    expect(again.map((j) => j.BackupJobId)).toEqual(after.map((j) => j.BackupJobId));
    expect(after[0]?.CreationDate).toBe(new Date(NOW + DEMO_JOB_EVERY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const hours = live(advanceDemo(base, NOW, NOW + 5 * 3_600_000, PROTECTED));
    expect(hours.some((j) => j.State === 'COMPLETED' && j.CompletionDate)).toBe(true);
    expect(hours.some((j) => j.State === 'RUNNING')).toBe(true);
    // Bounded: only jobs still running or finished within DEMO_JOB_KEPT_MS remain.
    expect(hours.length).toBeLessThanOrEqual((25 * 60_000 + DEMO_JOB_KEPT_MS) / DEMO_JOB_EVERY_MS + 1);
    expect(live(advanceDemo(base, NOW, NOW + 5 * 3_600_000))).toHaveLength(0);
  });

  it('does not mutate the base estate', () => {
    const base = tinyEstate();
    const copy = structuredClone(base);
    advanceDemo(base, NOW, NOW + 3_600_000, PROTECTED);
    expect(base).toEqual(copy);
  });
});

describe('advanceDemo over the demo organization', () => {
  const t0 = Date.parse('2026-11-21T06:00:00Z');
  const base = generateDemoEstate({ seed: 42, now: new Date(t0) });
  const p0 = evaluate(base, policy, new Date(t0));
  const protectedArns = new Set(p0.assets.filter((a) => a.coverage.state === 'PROTECTED').map((a) => a.arn));
  const at = (t: number): Posture => evaluate(advanceDemo(base, t0, t, protectedArns), policy, new Date(t));
  const figures = (p: Posture) => ({
    byCoverage: p.summary.byCoverage,
    coverage: p.summary.coverage,
    bySeverity: p.summary.bySeverity,
    byCheck: p.summary.byCheck,
    restoreTests: p.summary.restoreTests,
    objectives: p.summary.objectives,
    findings: p.findings.map((f) => `${f.severity} ${f.check} ${f.resourceArn ?? f.accountId}`),
  });

  it('keeps coverage, findings and restore tests as generated, minutes and hours later', () => {
    for (const t of [t0 + 5 * 60_000, t0 + 8 * 60_000, t0 + 3_600_000, t0 + 24 * 3_600_000 + 17_000]) {
      expect(figures(at(t)), new Date(t).toISOString()).toEqual(figures(p0));
    }
  });

  it('still shows running jobs progressing and new jobs on the organization screen', () => {
    const header = (t: number): string => orgHeader(buildOrgData(advanceDemo(base, t0, t, protectedArns), at(t), 'demo')).flat().map((s) => s.text).join('');
    const running = (t: number): number => Number(/(\d+) running/.exec(header(t))?.[1]);
    expect(running(t0 + 10 * 60_000)).toBeGreaterThan(running(t0));
    const before = advanceDemo(base, t0, t0 + 60_000, protectedArns).jobs?.backup?.find((j) => j.State === 'RUNNING' && !j.BackupJobId.startsWith('demo-live-'));
    const after = advanceDemo(base, t0, t0 + 120_000, protectedArns).jobs?.backup?.find((j) => j.BackupJobId === before?.BackupJobId);
    expect(Number(after?.PercentDone)).not.toBe(Number(before?.PercentDone));
  });
});
