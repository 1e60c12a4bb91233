import { describe, expect, it } from 'vitest';
import { NOW, tinyEstate, tinyOrgData } from '../testing/tinyEstate.js';
import { accountView, ACCOUNT_TABS } from './account/accountView.js';
import { assetXray } from './asset/assetXray.js';
import { findingDetail } from './detail/findingDetail.js';
import { planDetail, vaultDetail } from './detail/planDetail.js';
import { jobDetail } from './job/jobDetail.js';
import { listView } from './lists/listView.js';
import { orgRows, orgView } from './org/orgRows.js';
import { failureReason, pulseView } from './pulse/pulseRows.js';
import { shownRows, viewFor } from './resolve.js';
import type { Screen, ViewModel } from './screen.js';

const data = tinyOrgData();
const ORDERS = 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders';
const text = (view: ViewModel): string => [...view.header.map((l) => l.map((s) => s.text).join('')), ...view.rows.map((r) => r.cells.join(' | '))].join(' ⏎ ');

describe('organization rows', () => {
  it('has one row per account, worst first, with the figures the operator needs', () => {
    const rows = orgRows(data);
    expect(rows.map((r) => r.id)).toEqual(['222222222222', '333333333333', '444444444444']);
    const [pay] = rows;
    expect(pay?.cells).toEqual(['payments-prod', '222222222222', 'Root/Workloads/Prod', '3', '50%', '1/0', '1/1/0', '50%', 'CRIT backup.not-in-plan']);
    expect(pay?.fault).toBe(true);
    expect(pay?.target).toEqual({ kind: 'account', accountId: '222222222222', tab: 0 });
  });

  it('states organization totals in the header', () => {
    const header = text(orgView(data));
    expect(header).toContain('3 accounts · 5 assets · coverage 33% of 3 required');
    expect(header).toContain('1 failed');
    expect(header).toContain('1 expired');
    expect(header).toContain('1 running');
  });
});

describe('PARTIAL and ABORTED (core jobOutcome, issue 12)', () => {
  // One PARTIAL and one ABORTED backup job of payments-prod in the last hour, on top of the tiny estate.
  const estate = tinyEstate();
  const at = new Date(NOW - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const job = (id: string, State: string) => ({
    AccountId: '222222222222',
    Region: 'eu-west-1',
    BackupJobId: id,
    ResourceArn: ORDERS,
    ResourceType: 'DynamoDB',
    BackupVaultName: 'prod-vault',
    CreationDate: at,
    CompletionDate: at,
    State,
  });
  estate.jobs?.backup?.push(job('job-partial-1', 'PARTIAL'), job('job-aborted-1', 'ABORTED'));
  const more = tinyOrgData(estate);

  it('pulse counts them in their own columns, never as FAILED, and against the success rate', () => {
    const pay = pulseView(more, 0).rows.find((r) => r.id === '222222222222');
    // TOTAL OK ISSUES FAILED EXPIRED ABORTED PARTIAL RUNNING SUCCESS
    expect(pay?.cells.slice(1)).toEqual(['5', '1', '0', '1', '0', '1', '1', '1', '25%']);
    expect(pay?.fault).toBe(true);
  });

  it('the organization row puts them in the one slot for jobs that ended badly (OK/F/X)', () => {
    const pay = orgRows(more).find((r) => r.id === '222222222222');
    expect(pay?.cells[6]).toBe('1/3/0');
  });

  it('job lists show them as faults, in the bad tone', () => {
    const rows = listView(more, 'jobs', { accountId: '222222222222' }).rows.filter((r) => r.id === 'backup:job-partial-1' || r.id === 'backup:job-aborted-1');
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.fault).toBe(true);
      expect(r.cellTones?.[2]).toBe('bad');
    }
  });
});

describe('account tabs', () => {
  it('offers Assets · Jobs · Restore tests · Findings · Plans & vaults', () => {
    const names = ACCOUNT_TABS.map((_, tab) => accountView(data, '222222222222', tab));
    expect(names.map((v) => v.tabs?.active)).toEqual([0, 1, 2, 3, 4]);
    expect(names[0]?.rows.map((r) => r.cells[0])).toEqual(['customers', 'orders', 'cache-sessions']);
    expect(names[1]?.rows.map((r) => r.cells[2])).toEqual(['RUNNING', 'COMPLETED', 'FAILED']);
    expect(names[2]?.rows.map((r) => r.cells[3])).toEqual(['passed', 'failed']);
    expect(names[3]?.rows.length).toBeGreaterThan(0);
    expect(names[4]?.rows.map((r) => `${r.cells[0]} ${r.cells[1]} ${r.cells[3]}`)).toEqual(['plan prod-hourly 1 asset', 'vault prod-vault compliance']);
    expect(names[4]?.rows[0]?.cells[4]).toMatch(/^1 rule: /);
    // SEV is wide enough for every label (MEDIUM is the longest).
    expect(names[3]?.columns[0]).toMatchObject({ title: 'SEV', width: 6 });
  });
});

describe('asset xray of a volume backed up through its EC2 instance', () => {
  it("names the instance's selection and says why, in core's words", () => {
    const estate = tinyEstate();
    const pay = estate.regions[0]!;
    const instance = 'arn:aws:ec2:eu-west-1:222222222222:instance/i-0web';
    const volume = 'arn:aws:ec2:eu-west-1:222222222222:volume/vol-0data';
    pay.assets!.push(
      { arn: instance, resourceType: 'EC2', name: 'web', tags: { DataClassification: 'critical', backup: 'daily' }, attributes: { attachedVolumeIds: ['vol-0data'] } },
      { arn: volume, resourceType: 'EBS', name: 'web-data', tags: { DataClassification: 'critical' }, attributes: { attachedInstanceId: 'i-0web' } },
    );
    pay.protectedResources!.push({ ResourceArn: instance, ResourceType: 'EC2', LastBackupTime: '2026-11-21T05:30:00Z' });
    const xray = text(assetXray(tinyOrgData(estate), volume));
    expect(xray).toContain('plan prod-hourly · selection tagged-daily · ListOfTags backup=daily · through instance i-0web');
    expect(xray).toContain('Why');
    expect(xray).toContain('covered through EC2 instance web: its AMI includes this volume, and its recovery point decides the state');
    expect(xray).toContain('PROTECTED');
  });
});

describe('asset xray', () => {
  const xray = text(assetXray(data, ORDERS));
  it('explains classification, coverage, vault, recovery point against the RPO', () => {
    expect(xray).toContain('critical · RTO 1 h · RPO 1 h · backup required');
    expect(xray).toContain('decided by: tag DataClassification=critical');
    expect(xray).toContain('plan prod-hourly · selection tagged-daily · ListOfTags backup=daily');
    expect(xray).toContain('rule hourly · cron(0 * ? * * *) · → prod-vault · keep 2555 d');
    expect(xray).toContain('vault prod-vault · lock compliance');
    expect(xray).toMatch(/last recovery point 2026-11-21 05:30:00Z · 30m ago · RPO 1 h · within RPO/);
  });
  it('lists recent jobs, restore tests against the RTO, and findings with remediation', () => {
    expect(xray).toMatch(/FAILED .*AccessDenied: Access denied/);
    expect(xray).toMatch(/passed .*30 min \/ RTO 1 h · within RTO/);
    expect(xray).toMatch(/failed .*3 h \/ RTO 1 h · exceeds RTO by 2 h/);
    expect(xray).toContain('fix: aws ');
  });
  it('drills to jobs, findings and the plan', () => {
    const targets = assetXray(data, ORDERS).rows.flatMap((r) => (r.target ? [r.target.kind] : []));
    expect(new Set(targets)).toEqual(new Set(['plan', 'vault', 'job', 'finding']));
  });
});

describe('job detail', () => {
  it('shows every field, status message and message category included', () => {
    const failed = text(jobDetail(data, 'backup', 'job-fail-1'));
    for (const field of ['BackupJobId', 'State', 'StatusMessage', 'MessageCategory', 'ResourceArn', 'CreationDate', 'CompletionDate', 'BackupVaultName']) {
      expect(failed).toContain(field);
    }
    expect(failed).toMatch(/MessageCategory +AccessDenied/);
    const ok = text(jobDetail(data, 'backup', 'job-ok-1'));
    expect(ok).toMatch(/StatusMessage +\(none\)/);
  });
  it('says when a job has gone', () => {
    expect(jobDetail(data, 'copy', 'nope').empty).toMatch(/no longer/);
  });
});

describe('pulse', () => {
  it('counts jobs by state per account and drills to them', () => {
    const view = pulseView(data, 0);
    const pay = view.rows.find((r) => r.id === '222222222222');
    // TOTAL OK ISSUES FAILED EXPIRED ABORTED PARTIAL RUNNING: PARTIAL and ABORTED have their own columns (core's outcomes).
    expect(pay?.cells.slice(1, 9)).toEqual(['3', '1', '0', '1', '0', '0', '0', '1']);
    expect(pay?.target).toMatchObject({ kind: 'list', list: 'jobs', scope: { accountId: '222222222222' } });
  });
  it('groups failure reasons with ids masked, across accounts, drillable', () => {
    const view = pulseView(data, 3);
    expect(view.rows.map((r) => r.cells[3])).toEqual(['AccessDenied: Access denied to <arn>', 'EXPIRED: Backup job expired before it could start within its start window.']);
    const drill = view.rows[0]?.target as Extract<Screen, { kind: 'list' }>;
    const jobs = listView(data, 'jobs', drill.scope);
    expect(jobs.rows.map((r) => r.id)).toEqual(['backup:job-fail-1']);
  });
  it('masks per-job details so one cause is one group', () => {
    const base = { kind: 'backup', id: 'x', accountId: '1', region: 'r', state: 'FAILED', outcome: 'failed', resourceArn: '', resourceType: '', resourceName: '', createdAt: '', restoreTest: false, raw: {} } as never;
    const a = failureReason({ ...(base as object), statusMessage: 'Job 1234567 failed for arn:aws:s3:::a' } as never);
    const b = failureReason({ ...(base as object), statusMessage: 'Job 7654321 failed for arn:aws:s3:::b' } as never);
    expect(a).toBe(b);
    const c = failureReason({ ...(base as object), resourceName: 'bucket-one', statusMessage: 'Versioning is not enabled on bucket-one.' } as never);
    const d = failureReason({ ...(base as object), resourceName: 'bucket-two', statusMessage: 'Versioning is not enabled on bucket-two.' } as never);
    expect(c).toBe('FAILED: Versioning is not enabled on <resource>.');
    expect(d).toBe(c);
  });
});

describe('details and lists', () => {
  it('finding detail has message, remediation and DORA references', () => {
    const f = data.findings.find((x) => x.check === 'backup.not-in-plan');
    const t = text(findingDetail(data, f?.id ?? ''));
    expect(t).toContain('Remediation');
    expect(t).toContain('DORA Art. 12(1)(a)');
  });
  it('plan detail lists rules, selections and the assets selected', () => {
    const t = text(planDetail(data, '222222222222', 'eu-west-1', 'plan-daily'));
    expect(t).toContain('Rule hourly');
    expect(t).toContain('Selection tagged-daily');
    expect(t).toMatch(/orders · DynamoDB · critical/);
  });
  it('vault detail shows its lock and its assets', () => {
    const t = text(vaultDetail(data, 'arn:aws:backup:eu-west-1:222222222222:backup-vault:prod-vault'));
    expect(t).toContain('lock compliance');
    expect(t).toContain('orders');
  });
  it('organization-wide lists cover every account', () => {
    expect(listView(data, 'assets').rows).toHaveLength(5);
    expect(listView(data, 'jobs').rows).toHaveLength(7);
    expect(listView(data, 'restores').rows).toHaveLength(2);
    expect(listView(data, 'plans').rows).toHaveLength(1);
    expect(listView(data, 'vaults').rows).toHaveLength(2);
    expect(listView(data, 'findings').rows).toHaveLength(data.findings.length);
  });
});

describe(':frameworks', () => {
  it('lists each NIST 800-53 r5 rule with its verdict and counts, and drills to the resources that fail it', () => {
    const view = listView(data, 'frameworks');
    const row = view.rows.find((r) => r.id === 'nist-800-53-r5/dynamodb-in-backup-plan');
    // orders is selected by the tagged plan; customers, cache-sessions, ledger and scratch are in no plan. Every table counts,
    // whatever its class, even the two a BackupRequired=false tag lets off the policy.
    expect(row?.cells.slice(0, 5)).toEqual(['dynamodb-in-backup-plan', 'FAIL', '1', '4', '0']);
    expect(row?.cells[5]).toContain('CP-9(a)');
    expect(row?.fault).toBe(true);
    expect(row?.target).toMatchObject({ kind: 'list', list: 'assets', scope: { label: 'dynamodb-in-backup-plan · failing' } });
    const drilled = viewFor(data, row!.target!);
    const names = drilled.rows.map((r) => r.cells[0] ?? '');
    expect(names.filter((n) => !n.startsWith('scratch')).sort()).toEqual(['cache-sessions', 'customers', 'ledger']);
    expect(names.filter((n) => n.startsWith('scratch'))).toHaveLength(1);
    expect(view.rows.find((r) => r.id === 'nist-800-53-r5/dynamodb-pitr-enabled')?.cells.slice(1, 5)).toEqual(['FAIL', '1', '1', '3']);
    expect(text(view)).toContain('rules, ');
  });

  it('is a : command with its own help line', async () => {
    const { findViewCommand } = await import('../keys/viewCommands.js');
    expect(findViewCommand('frameworks')?.action).toEqual({ kind: 'list', list: 'frameworks' });
    expect(findViewCommand('fr')?.name).toBe('frameworks');
  });

  it('finding detail names the framework rules the finding speaks to', () => {
    const f = data.findings.find((x) => x.check === 'dynamodb.pitr-disabled');
    expect(text(findingDetail(data, f?.id ?? ''))).toContain('frameworks nist-800-53-r5/dynamodb-pitr-enabled');
  });
});

describe('filtering and sanitizing', () => {
  it('filters case-insensitively over the visible columns', () => {
    const view = listView(data, 'assets');
    expect(shownRows(view, { filter: 'ORDERS', faultsOnly: false }).map((r) => r.cells[0])).toEqual(['orders']);
    expect(shownRows(view, { filter: 'payments', faultsOnly: false })).toHaveLength(3);
    expect(shownRows(view, { filter: 'paymentsX', faultsOnly: false })).toHaveLength(0);
  });

  it('never lets a control character or bidi override reach any screen', () => {
    const screens: Screen[] = [
      { kind: 'org' },
      ...ACCOUNT_TABS.map((_, tab) => ({ kind: 'account' as const, accountId: '444444444444', tab })),
      { kind: 'asset', arn: 'arn:aws:dynamodb:eu-west-1:444444444444:table/scratch' },
      { kind: 'job', jobKind: 'backup', jobId: 'job-fail-1' },
      ...(['assets', 'jobs', 'restores', 'findings', 'plans', 'vaults'] as const).map((list) => ({ kind: 'list' as const, list })),
      { kind: 'pulse', tab: 2 },
      { kind: 'help' },
    ];
    for (const screen of screens) {
      const t = text(viewFor(data, screen, 100));
      expect(t, JSON.stringify(screen)).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    }
    expect(text(assetXray(data, 'arn:aws:dynamodb:eu-west-1:444444444444:table/scratch'))).toContain('<U+202E>');
  });
});
