import {
  CHECK_IDS,
  evaluate,
  evaluateSelection,
  type Asset,
  type Estate,
  type RegionObservation,
} from '@vaultscope/core';
import { defaultPolicy } from '../policy/load.js';
import { parseEstate } from '../snapshot/load.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEstate } from './generateDemoEstate.js';
import { HOSTILE_STRINGS } from './hostile.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const DAY = 86_400_000;

let estate: Estate;
beforeAll(() => {
  estate = generateDemoEstate({ now: NOW });
});

const observations = (): RegionObservation[] => estate.regions;
const allAssets = (): Asset[] => estate.regions.flatMap((r) => r.assets ?? []);
const allSelections = () => estate.regions.flatMap((r) => (r.backupPlans ?? []).flatMap((p) => (p.Selections ?? []).map((s) => ({ obs: r, plan: p, sel: s.BackupSelection }))));
const arnField = (arn: string, i: number): string => arn.split(':')[i] ?? '';

describe('generateDemoEstate', () => {
  it('produces a valid vaultscope.estate/v1 document, also after a JSON round trip', () => {
    expect(() => parseEstate(estate, 'demo')).not.toThrow();
    expect(() => parseEstate(JSON.parse(JSON.stringify(estate)), 'demo.json')).not.toThrow();
    expect(estate.capturedAt).toBe(NOW.toISOString());
    expect(estate.source).toBe('demo');
  });

  it('is deterministic for a seed and a capture time, and differs for another seed', () => {
    expect(generateDemoEstate({ now: NOW })).toEqual(estate);
    expect(generateDemoEstate({ now: NOW, seed: 20261121 })).toEqual(estate);
    const other = generateDemoEstate({ now: NOW, seed: 7 });
    expect(other).not.toEqual(estate);
    expect(other.jobs?.backup?.[0]?.BackupJobId).not.toBe(estate.jobs?.backup?.[0]?.BackupJobId);
  });

  it('captures at the current time by default', () => {
    const before = Date.now();
    const live = generateDemoEstate();
    const at = Date.parse(live.capturedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(live.jobs?.since ?? '')).toBe(at - 90 * DAY);
  });

  it('models an organization of at least 12 accounts in at least 5 OUs, with a management account', () => {
    const accounts = estate.accounts;
    expect(accounts.length).toBeGreaterThanOrEqual(12);
    expect(new Set(accounts.map((a) => a.OuPath)).size).toBeGreaterThanOrEqual(5);
    for (const a of accounts) {
      expect(a.Id).toMatch(/^\d{12}$/);
      expect(a.State).toBe('ACTIVE');
      expect(Object.keys(a.Tags ?? {})).toEqual(expect.arrayContaining(['Environment', 'Owner', 'CostCenter']));
    }
    expect(estate.organization?.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(accounts.map((a) => a.Id)).toContain(estate.organization?.MasterAccountId);
    expect(new Set(accounts.map((a) => a.Id)).size).toBe(accounts.length);
  });

  it('observes 2-3 Regions, once per account and Region, only for known accounts', () => {
    const regions = new Set(observations().map((r) => r.region));
    expect(regions.size).toBeGreaterThanOrEqual(2);
    expect(regions.size).toBeLessThanOrEqual(3);
    const keys = observations().map((r) => `${r.accountId}|${r.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = new Set(estate.accounts.map((a) => a.Id));
    for (const r of observations()) expect(ids.has(r.accountId)).toBe(true);
  });

  it('holds at least 300 assets of all eight types with unique ARNs in AWS Backup formats', () => {
    const assets = allAssets();
    expect(assets.length).toBeGreaterThanOrEqual(300);
    expect(new Set(assets.map((a) => a.resourceType))).toEqual(new Set(['S3', 'RDS', 'Aurora', 'DynamoDB', 'EFS', 'EBS', 'EC2', 'FSx']));
    expect(new Set(assets.map((a) => a.arn)).size).toBe(assets.length);
    const formats: Record<string, RegExp> = {
      S3: /^arn:aws:s3:::[a-z0-9.-]+$/,
      RDS: /^arn:aws:rds:[a-z0-9-]+:\d{12}:db:[a-z0-9-]+$/,
      Aurora: /^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:[a-z0-9-]+$/,
      DynamoDB: /^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]+$/,
      EFS: /^arn:aws:elasticfilesystem:[a-z0-9-]+:\d{12}:file-system\/fs-[0-9a-f]+$/,
      EBS: /^arn:aws:ec2:[a-z0-9-]+:\d{12}:volume\/vol-[0-9a-f]+$/,
      EC2: /^arn:aws:ec2:[a-z0-9-]+:\d{12}:instance\/i-[0-9a-f]+$/,
      FSx: /^arn:aws:fsx:[a-z0-9-]+:\d{12}:file-system\/fs-[0-9a-f]+$/,
    };
    for (const a of assets) expect(a.arn, a.name).toMatch(formats[a.resourceType] ?? /^$/);
  });

  it('places every asset in the account and Region its ARN names (S3 ARNs name neither)', () => {
    for (const obs of observations()) {
      for (const a of obs.assets ?? []) {
        if (a.resourceType === 'S3') continue;
        expect([arnField(a.arn, 3), arnField(a.arn, 4)], a.arn).toEqual([obs.region, obs.accountId]);
      }
    }
  });

  it('keeps every job inside at least 90 days of history ending at the capture time', () => {
    const capturedAt = Date.parse(estate.capturedAt);
    const since = Date.parse(estate.jobs?.since ?? '');
    expect(capturedAt - since).toBeGreaterThanOrEqual(90 * DAY);
    const jobs = estate.jobs;
    const stamps: (string | undefined)[] = [
      ...(jobs?.backup ?? []).flatMap((j) => [j.CreationDate, j.CompletionDate]),
      ...(jobs?.copy ?? []).flatMap((j) => [j.CreationDate, j.CompletionDate]),
      ...(jobs?.restore ?? []).flatMap((j) => [j.CreationDate, j.CompletionDate, j.RecoveryPointCreationDate]),
    ];
    // Every daily and weekly slot has its job, sub-daily rules theirs on the days listed (see subDailySpans).
    expect((jobs?.backup?.length ?? 0) + (jobs?.copy?.length ?? 0) + (jobs?.restore?.length ?? 0)).toBeLessThan(60_000);
    const times = stamps.filter((s): s is string => s !== undefined).map((s) => Date.parse(s));
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect(times.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(since);
    expect(times.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThanOrEqual(capturedAt);
    const backupDays = new Set((estate.jobs?.backup ?? []).map((j) => j.CreationDate.slice(0, 10)));
    expect(backupDays.size).toBeGreaterThanOrEqual(90);
    // Restore testing runs weekly: the first test falls in the first week of the history, not a month later.
    const firstTest = Math.min(...(jobs?.restore ?? []).filter((j) => j.CreatedBy?.RestoreTestingPlanArn).map((j) => Date.parse(j.CreationDate)));
    expect(firstTest - since).toBeLessThan(8 * DAY);
  });

  it('has every vault a rule targets or copies to, in the observation of its account and Region', () => {
    const vaults = new Set(observations().flatMap((r) => (r.backupVaults ?? []).map((v) => v.BackupVaultArn)));
    for (const obs of observations()) {
      for (const plan of obs.backupPlans ?? []) {
        for (const rule of plan.BackupPlan.Rules) {
          const names = new Set((obs.backupVaults ?? []).map((v) => v.BackupVaultName));
          expect(names.has(rule.TargetBackupVaultName), `${plan.BackupPlan.BackupPlanName}/${rule.RuleName}`).toBe(true);
          for (const copy of rule.CopyActions ?? []) {
            expect(vaults.has(copy.DestinationBackupVaultArn), copy.DestinationBackupVaultArn).toBe(true);
            const owner = observations().find((o) => o.region === arnField(copy.DestinationBackupVaultArn, 3) && o.accountId === arnField(copy.DestinationBackupVaultArn, 4));
            expect(owner?.backupVaults?.some((v) => v.BackupVaultArn === copy.DestinationBackupVaultArn)).toBe(true);
          }
        }
      }
    }
  });

  it('uses every selection feature of AWS Backup', () => {
    const sels = allSelections().map((s) => s.sel);
    const resources = sels.flatMap((s) => s.Resources ?? []);
    const tagKeys = sels.flatMap((s) => (s.ListOfTags ?? []).map((t) => t.ConditionKey));
    const conditions = (op: 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike') => sels.flatMap((s) => s.Conditions?.[op] ?? []);
    // exact ARN (no wildcard), Region/account wildcards, resource-id prefix, service-only, everything
    expect(resources.some((r) => r.startsWith('arn:aws:rds:') && !r.includes('*'))).toBe(true);
    expect(resources).toContain('arn:aws:dynamodb:*:*:table/*');
    expect(resources.some((r) => /:table\/payments-\*$/.test(r))).toBe(true);
    expect(resources).toContain('arn:aws:fsx:*');
    expect(resources).toContain('*');
    expect(tagKeys.some((k) => k.startsWith('aws:ResourceTag/'))).toBe(true);
    expect(tagKeys.some((k) => !k.includes(':'))).toBe(true);
    expect(conditions('StringEquals').length).toBeGreaterThan(0);
    expect(conditions('StringNotEquals').length).toBeGreaterThan(0);
    expect(conditions('StringLike').some((c) => c.ConditionValue.includes('*'))).toBe(true);
    expect(conditions('StringNotLike').length).toBeGreaterThan(0);
    expect(sels.some((s) => (s.NotResources ?? []).length > 0)).toBe(true);
    const empty = allSelections().filter(({ sel }) => !sel.Resources && !sel.ListOfTags && !sel.Conditions && !sel.NotResources);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every(({ obs }) => estate.accounts.find((a) => a.Id === obs.accountId)?.OuPath === 'Root/Sandbox')).toBe(true);
    const orgPlans = observations().flatMap((r) => r.backupPlans ?? []).filter((p) => p.BackupPlanId.startsWith('orgs/'));
    expect(orgPlans.length).toBeGreaterThan(0);
    for (const p of orgPlans) expect(p.BackupPlanArn).toContain(':backup-plan:orgs/');
    expect(observations().some((r) => Object.values(r.regionSettings?.ResourceTypeOptInPreference ?? {}).includes(false))).toBe(true);
    expect(observations().flatMap((r) => r.backupPlans ?? []).flatMap((p) => p.BackupPlan.Rules).some((r) => r.ScheduleExpressionTimezone === 'Europe/Berlin')).toBe(true);
  });

  it('has compliance-mode, governance-mode, unlocked and logically air-gapped vaults', () => {
    const capturedAt = Date.parse(estate.capturedAt);
    const vaults = observations().flatMap((r) => (r.backupVaults ?? []).map((v) => ({ v, obs: r })));
    const compliance = vaults.filter(({ v }) => v.Locked && v.LockDate && Date.parse(v.LockDate) <= capturedAt);
    const governance = vaults.filter(({ v }) => v.Locked && (!v.LockDate || Date.parse(v.LockDate) > capturedAt));
    expect(compliance.length).toBeGreaterThan(0);
    expect(governance.some(({ v }) => !v.LockDate)).toBe(true);
    expect(governance.some(({ v }) => v.LockDate)).toBe(true);
    expect(vaults.some(({ v }) => !v.Locked)).toBe(true);
    for (const { v } of [...compliance, ...governance]) expect(v.MinRetentionDays).toBeGreaterThan(0);
    const lag = vaults.filter(({ v }) => v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
    expect(lag.length).toBeGreaterThan(0);
    const backupAccount = estate.accounts.find((a) => a.Name === 'central-backup');
    expect(backupAccount?.OuPath).toBe('Root/Security');
    expect(lag.every(({ obs }) => obs.accountId === backupAccount?.Id)).toBe(true);
  });

  it('only runs scheduled jobs for assets that the job plan really selects', () => {
    const assetByArn = new Map(observations().flatMap((obs) => (obs.assets ?? []).map((a) => [a.arn, { a, obs }] as const)));
    const checked = new Set<string>();
    for (const job of estate.jobs?.backup ?? []) {
      const planId = job.CreatedBy?.BackupPlanId;
      if (!planId || planId.startsWith('aws/') || checked.has(`${job.ResourceArn}|${planId}`)) continue;
      checked.add(`${job.ResourceArn}|${planId}`);
      const found = assetByArn.get(job.ResourceArn);
      expect(found, job.ResourceArn).toBeDefined();
      if (!found) continue;
      const plan = found.obs.backupPlans?.find((p) => p.BackupPlanId === planId);
      expect(plan, `${planId} in ${found.obs.accountId}/${found.obs.region}`).toBeDefined();
      const target = { arn: found.a.arn, resourceType: found.a.resourceType, tags: found.a.tags, accountId: found.obs.accountId, region: found.obs.region };
      const ctx = { optIn: found.obs.regionSettings?.ResourceTypeOptInPreference };
      expect(plan?.Selections?.some((s) => evaluateSelection(s.BackupSelection, target, ctx).selected), `${found.a.name} by ${plan?.BackupPlan.BackupPlanName}`).toBe(true);
    }
    expect(checked.size).toBeGreaterThan(150);
  });

  it('keeps protected resources consistent with the job history', () => {
    const latest = new Map<string, string>();
    for (const j of estate.jobs?.backup ?? []) {
      if (j.State === 'COMPLETED' && j.CompletionDate && (latest.get(j.ResourceArn) ?? '') < j.CompletionDate) latest.set(j.ResourceArn, j.CompletionDate);
    }
    for (const obs of observations()) {
      const arns = new Set((obs.assets ?? []).map((a) => a.arn));
      for (const p of obs.protectedResources ?? []) {
        expect(arns.has(p.ResourceArn), p.ResourceArn).toBe(true);
        const completed = latest.get(p.ResourceArn);
        // Continuous backups keep LastBackupTime newer than any snapshot job.
        if (completed) expect((p.LastBackupTime ?? '') >= completed, p.ResourceArn).toBe(true);
        // An asset failing since before the listed history shows the recovery point of its last good run.
        else if (!p.LastRecoveryPointArn?.includes(':recovery-point:continuous:')) expect(Date.parse(p.LastBackupTime ?? '')).toBeLessThan(Date.parse(estate.jobs?.since ?? ''));
      }
    }
  });

  it('records one AccessDenied tag read in a member account and organization-level errors', () => {
    const errors = observations().flatMap((r) => r.errors ?? []);
    const denied = errors.find((e) => e.code === 'AccessDenied' && e.operation === 'GetBucketTagging');
    expect(denied?.service).toBe('s3');
    expect(denied?.resource).toMatch(/^arn:aws:s3:::/);
    expect(denied?.message).toMatch(/^User: arn:aws:sts::\d{12}:assumed-role\/VaultscopeReadRole\/vaultscope is not authorized to perform: s3:GetBucketTagging on resource: "arn:aws:s3:::[^"]+" because no identity-based policy allows the s3:GetBucketTagging action$/);
    expect(estate.errors?.length).toBeGreaterThan(0);
    expect(estate.errors?.some((e) => e.code === 'TooManyRequestsException')).toBe(true);
  });

  it('carries an Audit Manager assessment with evidence folders and evidence in camelCase shapes', () => {
    const assessments = estate.auditManager?.assessments ?? [];
    expect(assessments).toHaveLength(1);
    const [first] = assessments;
    const a = first?.assessment as { arn: string; awsAccount: { id: string }; metadata: { name: string; id: string; complianceType: string; status: string; scope: { awsAccounts: unknown[] }; creationTime: string }; framework: { id: string } };
    expect(a.arn).toMatch(/^arn:aws:auditmanager:[a-z0-9-]+:\d{12}:assessment\/[0-9a-f-]{36}$/);
    expect(a.metadata.status).toBe('ACTIVE');
    expect(a.metadata.scope.awsAccounts.length).toBeGreaterThan(1);
    expect(a.framework.id).toBeTruthy();
    const folder = first?.evidenceFolders?.[0] as { name: string; date: string; controlName: string; totalEvidence: number };
    expect(folder.controlName).toBeTruthy();
    expect(folder.totalEvidence).toBeGreaterThan(0);
    const evidence = (first?.evidence ?? []) as { dataSource: string; evidenceAwsAccountId: string; time: string; eventSource: string; eventName: string; evidenceByType: string; complianceCheck?: string; resourcesIncluded: unknown[] }[];
    expect(evidence.length).toBeGreaterThan(50);
    expect(evidence.some((e) => e.complianceCheck === 'NON_COMPLIANT')).toBe(true);
    for (const e of evidence.slice(0, 20)) {
      expect(e.evidenceAwsAccountId).toMatch(/^\d{12}$/);
      expect(Date.parse(e.time)).toBeLessThanOrEqual(NOW.getTime());
      expect(e.resourcesIncluded.length).toBeGreaterThan(0);
    }
  });

  it('plants hostile strings in names, tags and status messages', () => {
    const names = allAssets().map((a) => a.name).join('\n');
    const tags = allAssets().flatMap((a) => Object.values(a.tags)).join('\n');
    const messages = [
      ...(estate.jobs?.backup ?? []).map((j) => j.StatusMessage ?? ''),
      ...(estate.jobs?.restore ?? []).map((j) => `${j.StatusMessage ?? ''} ${j.ValidationStatusMessage ?? ''}`),
    ].join('\n');
    const everywhere = `${names}\n${tags}\n${messages}`;
    for (const hostile of HOSTILE_STRINGS) expect(everywhere.includes(hostile), JSON.stringify(hostile)).toBe(true);
    expect(HOSTILE_STRINGS.some((h) => names.includes(h))).toBe(true);
    expect(HOSTILE_STRINGS.some((h) => tags.includes(h))).toBe(true);
    expect(HOSTILE_STRINGS.some((h) => messages.includes(h))).toBe(true);
  });

  it('has restore tests with every verdict, including restores slower than the RTO', () => {
    const tests = (estate.jobs?.restore ?? []).filter((j) => j.CreatedBy?.RestoreTestingPlanArn);
    expect(tests.length).toBeGreaterThan(100);
    const validation = new Set(tests.map((t) => t.ValidationStatus));
    for (const v of ['SUCCESSFUL', 'FAILED', 'TIMED_OUT']) expect(validation.has(v)).toBe(true);
    expect(tests.some((t) => t.Status === 'FAILED')).toBe(true);
    expect(tests.some((t) => t.Status === 'ABORTED')).toBe(true);
    expect(tests.every((t) => t.SourceResourceArn && t.RecoveryPointCreationDate)).toBe(true);
    const slow = tests.filter((t) => t.CompletionDate && Date.parse(t.CompletionDate) - Date.parse(t.CreationDate) > 3_600_000);
    expect(slow.length).toBeGreaterThan(0);
    const plans = observations().flatMap((r) => r.restoreTestingPlans ?? []);
    const selections = plans.flatMap((p) => p.Selections ?? []);
    expect(selections.some((s) => s.ProtectedResourceArns?.includes('*') && s.ProtectedResourceConditions?.StringEquals?.length)).toBe(true);
    expect(selections.some((s) => s.ProtectedResourceArns?.includes('*') && s.ProtectedResourceConditions?.StringNotEquals?.length)).toBe(true);
    expect(selections.some((s) => (s.ProtectedResourceArns ?? []).some((a) => a.startsWith('arn:aws:rds:')))).toBe(true);
  });

  it('shows jobs in progress at the capture time', () => {
    const states = new Set((estate.jobs?.backup ?? []).map((j) => j.State));
    for (const s of ['RUNNING', 'CREATED', 'PENDING', 'COMPLETED', 'FAILED', 'EXPIRED', 'PARTIAL']) expect(states.has(s), s).toBe(true);
    const running = (estate.jobs?.backup ?? []).find((j) => j.State === 'RUNNING');
    expect(Number(running?.PercentDone)).toBeGreaterThan(0);
    expect((estate.jobs?.backup ?? []).some((j) => j.State === 'COMPLETED' && j.MessageCategory !== 'SUCCESS')).toBe(true);
    const copy = estate.jobs?.copy ?? [];
    expect(copy.some((c) => c.DestinationVaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT')).toBe(true);
    expect(copy.some((c) => arnField(c.DestinationBackupVaultArn ?? '', 3) !== c.Region)).toBe(true);
  });
});

/** The assets built to make each check fire (check id → asset names); evaluation must report each of them. */
const EXPECTED_FINDINGS: Record<string, readonly string[]> = {
  'backup.not-in-plan': ['loan-collections-cases', 'collections-db', 'cards-hsm-proxy-01-data', 'payhub-monitoring-01-data', 'corp-fileshare-dublin', 'dp-feature-store-offline', 'legacy-payments-prod-replica', 'eng-feature-flags', 'payments-session-cache'],
  'backup.selected-never-protected': ['card-dispute-evidence', 'cards-chargeback-db'],
  'backup.recovery-point-stale': ['card-auth-events', 'kyc-documents', 'corp-fileshare-frankfurt', 'dp-ml-training-data'],
  'backup.frequency-exceeds-rpo': ['kyc-documents'],
  'backup.retention-below-policy': ['kyc-documents', 'nordhavn-audit-evidence-archive', 'jenkins-home'],
  'backup.no-cross-region-copy': ['kyc-documents', 'payments-ledger', 'core-banking-db-test', 'aml-alerts', 'quant-signals'],
  'backup.no-cross-account-copy': ['kyc-documents', 'loan-ledger', 'lending-core-db', 'aml-alerts'],
  'backup.vault-not-locked': ['kyc-documents'],
  'backup.job-failures': ['card-auth-events', 'card-dispute-evidence', 'payments-statements', 'payments-swift-messages', 'payments-reporting-db', 'core-postings', 'payments-sepa-xml-inbound', '=HYPERLINK("http://x","y")'],
  'dynamodb.pitr-disabled': ['customer-consents'],
  's3.versioning-disabled': ['card-dispute-evidence', 'dp-ml-training-data'],
  'restore.not-tested': ['quant-signals', 'payments-batch-shared', 'payments-webhooks-outbox', 'core-banking-batch-share', 'kyc-documents', 'loan-collections-cases'],
  'restore.test-failed': ['core-banking-gl', 'card-tokens', 'cardhub-auth-02-data', 'customer-profiles', 'cards-settlement-db'],
  'restore.time-exceeds-rto': ['core-banking-db', 'core-banking-statements'],
};

describe('generateDemoEstate under evaluation', () => {
  // Around the clock, across a daylight-saving change and months after the day the stories are told from (21
  // November 2026, when the failing assets had been failing for days): the findings do not depend on the capture time.
  it.each(['2026-11-21T06:00:00.000Z', '2027-03-28T01:17:42.000Z', '2027-07-03T00:05:00.000Z'])('fires every check on the assets built for it, captured at %s', (at) => {
    const now = new Date(at);
    const demo = generateDemoEstate({ now });
    const posture = evaluate(demo, defaultPolicy().policy, now);
    for (const check of CHECK_IDS) expect(posture.summary.byCheck[check], check).toBeGreaterThan(0);
    const nameOf = new Map(demo.regions.flatMap((r) => (r.assets ?? []).map((a) => [a.arn, a.name] as const)));
    for (const [check, names] of Object.entries(EXPECTED_FINDINGS)) {
      const hit = new Set(posture.findings.filter((f) => f.check === check).map((f) => nameOf.get(f.resourceArn ?? '')));
      for (const name of names) expect(hit.has(name), `${check} on ${name}`).toBe(true);
    }
    expect(posture.findings.filter((f) => f.check === 'discovery.incomplete').length).toBe(3);
    // Mostly healthy: 75-90 % of the assets that need a backup are covered by a plan.
    expect(posture.summary.coverage.coveragePct).toBeGreaterThanOrEqual(0.75);
    expect(posture.summary.coverage.coveragePct).toBeLessThanOrEqual(0.9);
    expect(posture.summary.byCoverage['PROTECTED']).toBeGreaterThan(0.8 * posture.summary.coverage.covered);

    // Issue 9: each AWS behaviour the demo is built to exercise shows in the posture, with its reason.
    const coverageOf = (name: string) => posture.assets.find((a) => a.name === name)?.coverage;
    // shared-services backs its Vault raft nodes up as EC2 instances: their data volumes are covered through them.
    expect(coverageOf('vault-raft-01-data')).toMatchObject({ state: 'PROTECTED', coveredThrough: { resourceType: 'EC2', name: 'vault-raft-01' } });
    expect(posture.findings.some((f) => f.check === 'backup.not-in-plan' && nameOf.get(f.resourceArn ?? '') === 'vault-raft-01-data')).toBe(false);
    // customer-data-prod's Irish tables without DynamoDB advanced backup: the DR copies are not made.
    const amlIreland = posture.assets.find((a) => a.name === 'aml-alerts' && a.region === 'eu-west-1')?.coverage;
    expect(amlIreland?.copiesNotMade?.[0]?.reason).toMatch(/without AWS Backup advanced features/);
    // FSx named by the shared file-system/* pattern in a Region without FSx opt-in.
    expect(coverageOf('corp-fileshare-dublin')).toMatchObject({ state: 'OPT_IN_BLOCKED', optInRequired: 'FSx' });
    // The quants' restore checks exclude the Default vault, where all their recovery points are.
    expect(coverageOf('quant-signals')).toMatchObject({ restoreTested: false, restoreTestIneligible: { planName: 'quant_restore_checks' } });
  });

  it('has untagged databases, classified as the REL09-BP01 seed does, and stateless volumes waived by tag', () => {
    const now = new Date('2026-11-21T06:00:00Z');
    const posture = evaluate(generateDemoEstate({ now }), defaultPolicy().policy, now);
    const byName = new Map(posture.assets.map((a) => [a.name, a] as const));
    // RDS by tags only: its name's "prod" does not make it critical; every database needs a backup.
    expect(byName.get('legacy-payments-prod-replica')?.classification).toMatchObject({ tier: 'standard', backupRequired: true, rule: expect.stringContaining('service default for RDS') });
    expect(byName.get('eng-feature-flags')?.classification).toMatchObject({ tier: 'standard', backupRequired: true, rule: expect.stringContaining('service default for DynamoDB') });
    // A reproducible table stays required and says where it comes from; a stateless root volume is waived by its tag.
    expect(byName.get('payments-session-cache')?.classification).toMatchObject({ backupRequired: true, reproducible: true, rule: expect.stringContaining('still required') });
    expect(byName.get('ci-runner-01-root')?.classification).toMatchObject({ backupRequired: false, reproducible: true, rule: expect.stringContaining('tag BackupRequired=false') });
    const nist = posture.frameworks?.find((f) => f.id === 'nist-800-53-r5');
    const failing = new Set(nist?.rules.find((r) => r.id === 'dynamodb-in-backup-plan')?.failing.map((r) => r.arn));
    expect(failing.has(byName.get('eng-feature-flags')?.arn ?? '')).toBe(true);
  });
});
