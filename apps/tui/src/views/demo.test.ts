/**
 * The views over the real demo organization (@vaultscope/sources/demo), which plants hostile strings in names, tags and
 * status messages: every screen must show them inert.
 */
import { defaultPolicy } from '@vaultscope/sources';
import { evaluate, sanitize } from '@vaultscope/core';
import { generateDemoEstate, HOSTILE_STRINGS } from '@vaultscope/sources/demo';
import { describe, expect, it } from 'vitest';
import { buildOrgData } from '../model/orgData.js';
import { ACCOUNT_TABS } from './account/accountView.js';
import { formatPct } from '../text/format.js';
import { accountStats, orgHeader, orgView } from './org/orgRows.js';
import { pulseView } from './pulse/pulseRows.js';
import { viewFor } from './resolve.js';
import type { Screen, ViewModel } from './screen.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const estate = generateDemoEstate({ seed: 42, now: NOW });
const data = buildOrgData(estate, evaluate(estate, defaultPolicy().policy, NOW), 'demo');
const ACTIVE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const text = (view: ViewModel): string => [...view.header.flat().map((s) => s.text), ...view.rows.flatMap((r) => r.cells)].join(' ¦ ');

function everyScreen(): Screen[] {
  const screens: Screen[] = [{ kind: 'org' }, { kind: 'pulse', tab: 0 }, { kind: 'pulse', tab: 3 }, { kind: 'help' }];
  for (const list of ['assets', 'jobs', 'restores', 'findings', 'plans', 'vaults'] as const) screens.push({ kind: 'list', list });
  for (const account of data.accounts) ACCOUNT_TABS.forEach((_, tab) => screens.push({ kind: 'account', accountId: account.Id, tab }));
  for (const asset of data.assets) screens.push({ kind: 'asset', arn: asset.arn });
  for (const job of data.jobs.filter((j) => j.statusMessage).slice(0, 200)) screens.push({ kind: 'job', jobKind: job.kind, jobId: job.id });
  for (const f of data.findings.slice(0, 100)) screens.push({ kind: 'finding', id: f.id });
  for (const p of data.plans) screens.push({ kind: 'plan', accountId: p.accountId, region: p.region, planId: p.plan.BackupPlanId });
  for (const v of data.vaults) screens.push({ kind: 'vault', arn: v.vault.BackupVaultArn });
  return screens;
}

describe('views over the demo organization', () => {
  it('has accounts, assets, jobs and findings to show', () => {
    expect(data.accounts.length).toBeGreaterThan(5);
    expect(data.jobs.length).toBeGreaterThan(1000);
    expect(data.findings.length).toBeGreaterThan(10);
  });

  it('says on the organization screen that discovery was incomplete, and how much', () => {
    const errors = (estate.errors?.length ?? 0) + estate.regions.reduce((n, o) => n + (o.errors?.length ?? 0), 0);
    expect(errors).toBeGreaterThan(0);
    const header = orgHeader(data).map((line) => line.map((s) => s.text).join(''));
    expect(header).toContainEqual(expect.stringMatching(new RegExp(`^discovery incomplete · ${errors} collection errors? in \\d+ accounts?`)));
    const clean = { ...estate, errors: [], regions: estate.regions.map((o) => ({ ...o, errors: [] })) };
    const complete = buildOrgData(clean, evaluate(clean, defaultPolicy().policy, NOW), 'demo');
    expect(orgHeader(complete).map((line) => line.map((s) => s.text).join('')).join('\n')).not.toContain('discovery incomplete');
  });

  it('counts restore tests over the posture window, as the posture (and the reporter) does', () => {
    const summary = data.posture.summary;
    const org = accountStats(data).restoreTests;
    expect({ passed: org.passed, failed: org.failed }).toEqual({ passed: summary.restoreTests.passed, failed: summary.restoreTests.failed });
    expect(org.passRate).toBe(summary.restoreTests.passRate);
    const header = orgHeader(data).map((line) => line.map((s) => s.text).join('')).join('\n');
    expect(header).toContain(`restore tests ${summary.jobs.windowDays} d ${formatPct(summary.restoreTests.passRate)}`);
    // Older tests exist in the estate, and the window leaves them out.
    expect(data.jobRecords.filter((j) => j.restoreTest && j.verdict === 'passed').length).toBeGreaterThan(org.passed);
    let passed = 0;
    for (const a of data.accounts) passed += accountStats(data, a.Id).restoreTests.passed;
    expect(passed).toBe(org.passed);
    expect(orgView(data).columns.map((c) => c.title)).toContain(`RST ${summary.jobs.windowDays}D`);
  });

  it('orders pulse accounts worst first: failures, then success rate, accounts without jobs last', () => {
    for (const tab of [0, 1]) {
      const rows = pulseView(data, tab).rows;
      const bad = rows.map((r) => Number(r.cells[4]) + Number(r.cells[5]) + Number(r.cells[6]));
      expect(bad).toEqual([...bad].sort((a, b) => b - a));
      const idle = rows.map((r) => r.cells[1] === '0');
      expect(idle.indexOf(true)).toBeGreaterThan(0);
      expect(idle.slice(idle.indexOf(true)).every(Boolean)).toBe(true);
    }
  });

  it('sanitizes every hostile string of the demo', () => {
    for (const hostile of HOSTILE_STRINGS) expect(sanitize(`x${hostile}y`)).not.toMatch(ACTIVE);
  });

  it('never puts a control character, escape sequence or bidi override on any screen', () => {
    const screens = everyScreen();
    expect(screens.length).toBeGreaterThan(300);
    let planted = 0;
    for (const screen of screens) {
      const t = text(viewFor(data, screen, 120));
      expect(t, JSON.stringify(screen)).not.toMatch(ACTIVE);
      if (t.includes('<U+202E>') || t.includes('<U+200F>')) planted++;
    }
    // The demo's bidi characters do reach some screens, made visible.
    expect(planted).toBeGreaterThan(0);
  });
});
