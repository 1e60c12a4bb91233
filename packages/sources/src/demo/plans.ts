/**
 * Backup plans (GetBackupPlan + selections) per account and Region, with the cadence of each rule and the vaults
 * it writes to, which the job-history generator needs.
 */
import type { BackupPlan, BackupRule, BackupVault } from '@vaultscope/core';
import { planArn, roleArn, vaultArn } from './arns.js';
import { DR_REGION, type DemoAccount, type DemoRegion } from './organization.js';
import type { Rng } from './random.js';
import { cronFor, type Cadence, type DemoClock, type Weekday } from './schedules.js';
import { planKeysFor, selectionsFor, type PlanKey } from './selections.js';
import { DAY, iso } from './time.js';
import { airGappedVaultArn, ARCHIVE_VAULT, AUDIT_VAULT, CRITICAL_VAULT, DEFAULT_VAULT, DR_VAULT, IMPORTANT_VAULT, NONPROD_VAULT, ORG_VAULT, SHARED_VAULT, STANDARD_VAULT } from './vaults.js';

type Lifecycle = { MoveToColdStorageAfterDays?: number; DeleteAfterDays?: number };

interface RuleSpec {
  name: string;
  vault: string;
  cadence: Cadence;
  startWindow: number;
  completionWindow: number;
  lifecycle: Lifecycle;
  continuous?: boolean;
  copies?: { arn: string; lifecycle: Lifecycle }[];
}

/** `CreatedBy` of the jobs a rule starts. */
export type JobCreator = {
  BackupPlanId: string;
  BackupPlanArn: string;
  BackupPlanName: string;
  BackupPlanVersion: string;
  BackupRuleId: string;
  BackupRuleName: string;
  BackupRuleCron: string;
  BackupRuleTimezone?: string;
};

/** A rule with what the history generator needs to replay it. */
export interface DemoRule {
  rule: BackupRule;
  cadence: Cadence;
  createdBy: JobCreator;
  target: BackupVault;
  copies: BackupVault[];
}

/** A plan as the estate shows it, plus its replayable rules. */
export interface DemoPlan {
  key: PlanKey;
  plan: BackupPlan;
  rules: DemoRule[];
  iamRoleArn: string;
}

const ORG_POLICY_PLAN_UUID = '6c1f4e0a-93d2-4b7e-a5c8-2f0d9e7b41a3';

function ruleSpecs(key: PlanKey, account: DemoAccount, region: DemoRegion): { name: string; rules: RuleSpec[] } {
  const dr = (lifecycle: Lifecycle) => ({ arn: vaultArn(DR_REGION, account.id, DR_VAULT), lifecycle });
  const lag = (lifecycle: Lifecycle) => ({ arn: airGappedVaultArn(region), lifecycle });
  // Fixed crons: a run's slot is a fact about the rule, so its job keeps its identity across captures.
  const daily = (hour: number, berlin = false): Cadence => ({ kind: 'daily', hour, ...(berlin ? { berlin } : {}) });
  const weekly = (hour: number, day: Weekday): Cadence => ({ kind: 'weekly', hour, day });
  switch (key) {
    case 'critical':
      return {
        name: 'nordhavn-critical-continuous-7y',
        rules: [
          { name: 'continuous-hourly', vault: CRITICAL_VAULT, cadence: { kind: 'hourly' }, startWindow: 60, completionWindow: 120, lifecycle: { DeleteAfterDays: 35 }, continuous: true },
          {
            name: 'daily-7y-dr-copy',
            vault: CRITICAL_VAULT,
            cadence: daily(1),
            startWindow: 60,
            completionWindow: 480,
            lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 2555 },
            copies: [dr({ MoveToColdStorageAfterDays: 90, DeleteAfterDays: 2555 })],
          },
          // lending-prod never added the weekly copy into the central account's air-gapped vault.
          ...(account.name === 'lending-prod'
            ? []
            : [
                {
                  name: 'weekly-air-gapped-copy',
                  vault: CRITICAL_VAULT,
                  cadence: weekly(2, 'SUN'),
                  startWindow: 120,
                  completionWindow: 1440,
                  lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 2555 },
                  copies: [lag({ DeleteAfterDays: 2555 })],
                },
              ]),
        ],
      };
    case 'important':
      return {
        name: 'nordhavn-important-4h-3y',
        rules: [
          { name: 'every-4h', vault: IMPORTANT_VAULT, cadence: { kind: 'every4h' }, startWindow: 60, completionWindow: 240, lifecycle: { DeleteAfterDays: 35 } },
          { name: 'daily-3y', vault: IMPORTANT_VAULT, cadence: daily(4, true), startWindow: 120, completionWindow: 720, lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 1095 } },
          { name: 'weekly-dr-copy', vault: IMPORTANT_VAULT, cadence: weekly(5, 'SAT'), startWindow: 240, completionWindow: 1440, lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 1095 }, copies: [dr({ MoveToColdStorageAfterDays: 30, DeleteAfterDays: 1095 })] },
        ],
      };
    case 'standard':
      return { name: 'nordhavn-standard-daily-1y', rules: [{ name: 'daily-1y', vault: STANDARD_VAULT, cadence: daily(3), startWindow: 480, completionWindow: 1440, lifecycle: { DeleteAfterDays: 365 } }] };
    case 'nonprod':
      return {
        name: 'nonprod-important-4h',
        rules: [
          { name: 'every-4h', vault: NONPROD_VAULT, cadence: { kind: 'every4h' }, startWindow: 60, completionWindow: 240, lifecycle: { DeleteAfterDays: 14 } },
          { name: 'daily-3y', vault: NONPROD_VAULT, cadence: daily(6), startWindow: 480, completionWindow: 1440, lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 1095 } },
        ],
      };
    case 'org':
      return { name: 'org-baseline-daily', rules: [{ name: 'org-daily-400d', vault: ORG_VAULT, cadence: daily(3), startWindow: 480, completionWindow: 10080, lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 400 } }] };
    case 'shared':
      return { name: 'platform-shared-daily', rules: [{ name: 'daily-13m', vault: SHARED_VAULT, cadence: daily(3), startWindow: 480, completionWindow: 1440, lifecycle: { DeleteAfterDays: 395 } }] };
    case 'archival':
      return account.role === 'security'
        ? { name: 'audit-evidence-weekly-7y', rules: [{ name: 'weekly-7y', vault: AUDIT_VAULT, cadence: weekly(4, 'SUN'), startWindow: 480, completionWindow: 10080, lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 2555 } }] }
        : { name: 'archive-weekly-10y', rules: [{ name: 'weekly-10y', vault: ARCHIVE_VAULT, cadence: weekly(4, 'SAT'), startWindow: 480, completionWindow: 10080, lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 3650 } }] };
    case 'sandbox':
      return { name: 'sandbox-catch-all-7d', rules: [{ name: 'daily-7d', vault: DEFAULT_VAULT, cadence: daily(3), startWindow: 480, completionWindow: 1440, lifecycle: { DeleteAfterDays: 7 } }] };
  }
}

function base64Id(rng: Rng): string {
  return Buffer.from(rng.uuid()).toString('base64').replace(/=+$/, '');
}

/**
 * The plans of one account and Region. `vaultByArn` must already hold every vault of the organization: a rule
 * that targets a vault missing from it is a catalogue error and throws.
 */
export function buildPlans(account: DemoAccount, region: DemoRegion, clock: DemoClock, rng: Rng, vaultByArn: ReadonlyMap<string, BackupVault>): DemoPlan[] {
  return planKeysFor(account, region).map((key) => {
    const spec = ruleSpecs(key, account, region);
    const planId = key === 'org' ? `orgs/${ORG_POLICY_PLAN_UUID}` : rng.uuid();
    const arn = planArn(region, account.id, planId);
    const versionId = base64Id(rng);
    const iamRoleArn = key === 'org' ? roleArn(account.id, 'NordhavnOrgAWSBackupRole') : account.role === 'prod' ? roleArn(account.id, 'NordhavnAWSBackupServiceRole') : roleArn(account.id, 'service-role/AWSBackupDefaultServiceRole');
    const lookup = (vault: string): BackupVault => {
      const found = vaultByArn.get(vault);
      if (!found) throw new Error(`demo: plan ${spec.name} in ${account.name}/${region} refers to missing vault ${vault}`);
      return found;
    };
    const rules: DemoRule[] = spec.rules.map((r) => {
      const cron = cronFor(r.cadence);
      const rule: BackupRule = {
        RuleName: r.name,
        RuleId: rng.uuid(),
        TargetBackupVaultName: r.vault,
        ...cron,
        StartWindowMinutes: r.startWindow,
        CompletionWindowMinutes: r.completionWindow,
        Lifecycle: r.lifecycle,
        RecoveryPointTags: { BackupPlan: spec.name, Rule: r.name },
        ...(r.continuous ? { EnableContinuousBackup: true } : {}),
        ...(r.copies ? { CopyActions: r.copies.map((c) => ({ DestinationBackupVaultArn: c.arn, Lifecycle: c.lifecycle })) } : {}),
      };
      return {
        rule,
        cadence: r.cadence,
        target: lookup(vaultArn(region, account.id, r.vault)),
        copies: (r.copies ?? []).map((c) => lookup(c.arn)),
        createdBy: {
          BackupPlanId: planId,
          BackupPlanArn: arn,
          BackupPlanName: spec.name,
          BackupPlanVersion: versionId,
          BackupRuleId: rule.RuleId ?? '',
          BackupRuleName: r.name,
          BackupRuleCron: cron.ScheduleExpression,
          ...(cron.ScheduleExpressionTimezone ? { BackupRuleTimezone: cron.ScheduleExpressionTimezone } : {}),
        },
      };
    });
    const createdDaysAgo = key === 'org' ? 240 : Math.min(account.joinedDaysAgo - 30, 200 + rng.int(0, 400));
    const plan: BackupPlan = {
      BackupPlanId: planId,
      BackupPlanArn: arn,
      VersionId: versionId,
      CreationDate: iso(clock.now - createdDaysAgo * DAY),
      BackupPlan: { BackupPlanName: spec.name, Rules: rules.map((r) => r.rule) },
      Selections: selectionsFor(key, account, region).map((s) => ({
        SelectionId: rng.uuid(),
        BackupSelection: { ...s, IamRoleArn: iamRoleArn },
      })),
    };
    return { key, plan, rules, iamRoleArn };
  });
}
