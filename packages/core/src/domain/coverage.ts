/**
 * Coverage: which plans select an asset (AWS selection semantics), what their rules promise (frequency,
 * retention, copies, vaults), and whether a recent recovery point really exists. Coverage is not protection:
 * the state combines both.
 */
import type { Asset, BackupPlan, BackupRule, RegionObservation } from '../estate/schema.js';
import type { Classification, Coverage, CoverageState, SelectionMatch, VaultRef } from '../posture/schema.js';
import { arnParts, scopeKey, type EstateIndex } from './estateIndex.js';
import { scheduleGapHours } from './schedule/runs.js';
import { selectionInputGap } from './evidenceGaps.js';
import { evaluateSelection, isRestoreTestResource } from './selection.js';

/** AWS Backup's default rule schedule, used when a rule has none. */
export const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';
/** Continuous backup (PITR) keeps recovery points within about five minutes of now. */
export const CONTINUOUS_GAP_HOURS = 5 / 60;
/**
 * Resource types for which AWS Backup honours `EnableContinuousBackup`; for every other type the rule takes
 * snapshots on its schedule, so crediting them with a five-minute RPO would be a false pass.
 */
const CONTINUOUS_TYPES: ReadonlySet<string> = new Set(['RDS', 'Aurora', 'S3', 'SAP HANA on Amazon EC2']);

/** The service-managed plan behind EFS automatic backups: daily, 35 days, in its own unlocked vault. */
const EFS_AUTOMATIC_PLAN: BackupPlan = {
  BackupPlanId: 'aws/efs/automatic-backup-plan',
  BackupPlan: {
    BackupPlanName: 'aws/efs/automatic-backup-plan',
    Rules: [
      {
        RuleName: 'aws-efs-automatic-backup-rule',
        TargetBackupVaultName: 'aws/efs/automatic-backup-vault',
        ScheduleExpression: DEFAULT_SCHEDULE,
        Lifecycle: { DeleteAfterDays: 35 },
      },
    ],
  },
};

/** A rule that covers the asset, with the plan it belongs to. */
export interface CoveringRule {
  plan: BackupPlan;
  rule: BackupRule;
}

/** Coverage plus the facts later checks need but the posture does not publish. */
export interface CoverageResult {
  coverage: Coverage;
  rules: CoveringRule[];
  /** Whether selections of every plan in scope were observed (false → selection-based checks not evaluated). */
  selectionsObserved: boolean;
  /** Schedules that could not be parsed: `plan/rule: reason`. */
  scheduleProblems: string[];
  /** Covering rules that will not run again (`plan/rule`). */
  stoppedRules: string[];
}

function vaultRef(name: string, arn: string | undefined, index: EstateIndex, obs: RegionObservation, now: Date): VaultRef {
  const vault = arn ? index.vaultsByArn.get(arn) : index.vaultsByName.get(`${obs.accountId}|${obs.region}|${name}`);
  if (!vault) return { name, ...(arn ? { arn } : {}), lock: 'unknown', airGapped: false };
  const airGapped = vault.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
  let lock: VaultRef['lock'] = 'none';
  // A lock whose LockDate has passed can no longer be changed: that is compliance mode.
  if (vault.Locked) lock = vault.LockDate && Date.parse(vault.LockDate) <= now.getTime() ? 'compliance' : 'governance';
  return { name: vault.BackupVaultName, arn: vault.BackupVaultArn, lock, airGapped };
}

function latestRecoveryPoint(asset: Asset, index: EstateIndex): string | undefined {
  let latest = index.protectedByArn.get(asset.arn)?.LastBackupTime;
  for (const job of index.backupJobsByArn?.get(asset.arn) ?? []) {
    if (job.State === 'COMPLETED' && job.CompletionDate && (!latest || job.CompletionDate > latest)) {
      latest = job.CompletionDate;
    }
  }
  return latest;
}

/** Rule names of each plan, shared by every selection match of that plan (postures are not mutated). */
const RULE_NAMES = new WeakMap<BackupPlan, string[]>();

function ruleNames(plan: BackupPlan): string[] {
  let names = RULE_NAMES.get(plan);
  if (!names) RULE_NAMES.set(plan, (names = plan.BackupPlan.Rules.map((r) => r.RuleName)));
  return names;
}

function selectedBy(asset: Asset, obs: RegionObservation): { matches: SelectionMatch[]; plans: BackupPlan[]; optInBlocked: boolean; observed: boolean } {
  const matches: SelectionMatch[] = [];
  const plans: BackupPlan[] = [];
  let optInBlocked = false;
  let observed = obs.backupPlans !== undefined;
  const target = {
    arn: asset.arn,
    resourceType: asset.resourceType,
    tags: asset.tags,
    accountId: obs.accountId,
    region: obs.region,
    restoreTestResource: isRestoreTestResource(asset),
  };
  const ctx = { optIn: obs.regionSettings?.ResourceTypeOptInPreference };
  for (const plan of obs.backupPlans ?? []) {
    if (!plan.Selections) {
      observed = false;
      continue;
    }
    let planSelected = false;
    for (const sel of plan.Selections) {
      const result = evaluateSelection(sel.BackupSelection, target, ctx);
      if (result.selected) {
        planSelected = true;
        matches.push({
          planId: plan.BackupPlanId,
          planName: plan.BackupPlan.BackupPlanName,
          selectionId: sel.SelectionId,
          selectionName: sel.BackupSelection.SelectionName,
          clause: result.clause,
          rules: ruleNames(plan),
        });
      } else if (result.optInBlocked) {
        optInBlocked = true;
      }
    }
    if (planSelected) plans.push(plan);
  }
  if (asset.resourceType === 'EFS' && asset.attributes?.efsAutomaticBackups === 'ENABLED') {
    plans.push(EFS_AUTOMATIC_PLAN);
    matches.push({
      planId: EFS_AUTOMATIC_PLAN.BackupPlanId,
      planName: EFS_AUTOMATIC_PLAN.BackupPlan.BackupPlanName,
      selectionId: 'aws/efs/automatic-backup',
      selectionName: 'EFS automatic backups',
      clause: 'EFS backup policy ENABLED (automatic backups)',
      rules: ruleNames(EFS_AUTOMATIC_PLAN),
    });
  }
  return { matches, plans, optInBlocked, observed };
}

/** Whether recovery points could have been seen at all: protected resources of the scope, or job history. */
function hasRecoveryEvidence(obs: RegionObservation, index: EstateIndex): boolean {
  return index.protectedObserved.has(scopeKey(obs.accountId, obs.region)) || index.backupJobsByArn !== undefined;
}

/** What the rules of one or more plans promise, whichever asset they select. */
export interface PlanFacts {
  rules: CoveringRule[];
  scheduleProblems: string[];
  /** `plan/rule` of rules whose schedule runs fewer than twice from now on (their Year field has ended). */
  stopped: string[];
  frequencyHours?: number;
  /** Longest retention in days; Infinity when a rule keeps recovery points forever; undefined without rules. */
  retentionDays?: number;
  continuous: boolean;
  copyRegions: string[];
  copyAccounts: string[];
  vaults: VaultRef[];
}

function planFacts(plan: BackupPlan, obs: RegionObservation, index: EstateIndex, now: Date, continuousCapable: boolean): PlanFacts {
  const rules: CoveringRule[] = plan.BackupPlan.Rules.map((rule) => ({ plan, rule }));
  const scheduleProblems: string[] = [];
  const stopped: string[] = [];
  let frequencyHours: number | undefined;
  let retentionDays: number | undefined = rules.length ? 0 : undefined;
  let continuous = false;
  const copyRegions = new Set<string>();
  const copyAccounts = new Set<string>();
  const vaults = new Map<string, VaultRef>();

  for (const { rule } of rules) {
    let gap: number;
    if (rule.EnableContinuousBackup && continuousCapable) {
      continuous = true;
      gap = CONTINUOUS_GAP_HOURS;
    } else {
      try {
        gap = scheduleGapHours(rule.ScheduleExpression ?? DEFAULT_SCHEDULE, rule.ScheduleExpressionTimezone, now);
        if (gap === Number.POSITIVE_INFINITY) stopped.push(`${plan.BackupPlan.BackupPlanName}/${rule.RuleName}`);
      } catch (error) {
        scheduleProblems.push(`${plan.BackupPlan.BackupPlanName}/${rule.RuleName}: ${(error as Error).message}`);
        gap = Number.POSITIVE_INFINITY;
      }
    }
    if (Number.isFinite(gap)) frequencyHours = Math.min(frequencyHours ?? gap, gap);

    for (const lifecycle of [rule.Lifecycle, ...(rule.CopyActions ?? []).map((c) => c.Lifecycle)]) {
      const days = lifecycle?.DeleteAfterDays;
      // No DeleteAfterDays (or -1) keeps recovery points forever.
      const effective = days === undefined || days < 0 ? Number.POSITIVE_INFINITY : days;
      retentionDays = Math.max(retentionDays ?? 0, effective);
    }

    const target = vaultRef(rule.TargetBackupVaultName, undefined, index, obs, now);
    vaults.set(target.arn ?? `${obs.accountId}|${obs.region}|${target.name}`, target);
    if (rule.TargetLogicallyAirGappedBackupVaultArn) {
      const lag = vaultRef('', rule.TargetLogicallyAirGappedBackupVaultArn, index, obs, now);
      vaults.set(rule.TargetLogicallyAirGappedBackupVaultArn, { ...lag, airGapped: true, name: lag.name || rule.TargetLogicallyAirGappedBackupVaultArn });
    }
    for (const copy of rule.CopyActions ?? []) {
      const dest = arnParts(copy.DestinationBackupVaultArn);
      if (dest.region && dest.region !== obs.region) copyRegions.add(dest.region);
      if (dest.accountId && dest.accountId !== obs.accountId) copyAccounts.add(dest.accountId);
      const name = dest.resource.replace(/^backup-vault:/, '');
      vaults.set(copy.DestinationBackupVaultArn, vaultRef(name, copy.DestinationBackupVaultArn, index, obs, now));
    }
  }
  return {
    rules,
    scheduleProblems,
    stopped,
    ...(frequencyHours !== undefined ? { frequencyHours } : {}),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    continuous,
    copyRegions: [...copyRegions].sort(),
    copyAccounts: [...copyAccounts].sort(),
    vaults: [...vaults.values()],
  };
}

/** The facts of several covering plans together: most frequent, longest kept, every copy and vault. */
function mergeFacts(all: readonly PlanFacts[]): PlanFacts {
  const freqs = all.map((f) => f.frequencyHours).filter((f): f is number => f !== undefined);
  const retentions = all.map((f) => f.retentionDays).filter((r): r is number => r !== undefined);
  const vaults = new Map<string, VaultRef>();
  for (const f of all) for (const v of f.vaults) vaults.set(v.arn ?? v.name, v);
  return {
    rules: all.flatMap((f) => f.rules),
    scheduleProblems: all.flatMap((f) => f.scheduleProblems),
    stopped: all.flatMap((f) => f.stopped),
    ...(freqs.length ? { frequencyHours: Math.min(...freqs) } : {}),
    ...(retentions.length ? { retentionDays: Math.max(...retentions) } : {}),
    continuous: all.some((f) => f.continuous),
    copyRegions: [...new Set(all.flatMap((f) => f.copyRegions))].sort(),
    copyAccounts: [...new Set(all.flatMap((f) => f.copyAccounts))].sort(),
    vaults: [...vaults.values()],
  };
}

const NO_PLAN: PlanFacts = Object.freeze({ rules: [], scheduleProblems: [], stopped: [], continuous: false, copyRegions: [], copyAccounts: [], vaults: [] });

/** Evaluates coverage and protection state of one asset in its own account and Region. */
export function evaluateCoverage(
  asset: Asset,
  obs: RegionObservation,
  classification: Classification,
  index: EstateIndex,
  now: Date,
): CoverageResult {
  const { matches, plans, optInBlocked, observed } = selectedBy(asset, obs);
  // What a plan promises does not depend on the asset: worked out once per plan and evaluation.
  const variant = CONTINUOUS_TYPES.has(asset.resourceType) ? 0 : 1;
  const facts = plans.map((plan) => {
    let cached = index.planFacts.get(plan);
    if (!cached) index.planFacts.set(plan, (cached = []));
    return (cached[variant] ??= planFacts(plan, obs, index, now, variant === 0));
  });
  const merged = facts.length === 0 ? NO_PLAN : facts.length === 1 ? facts[0]! : mergeFacts(facts);
  const { rules, scheduleProblems, stopped, frequencyHours, retentionDays, continuous } = merged;

  const lastRecoveryPointAt = latestRecoveryPoint(asset, index);
  let state: CoverageState;
  if (!classification.backupRequired) state = 'NOT_REQUIRED';
  else if (matches.length === 0) state = optInBlocked ? 'OPT_IN_BLOCKED' : observed && !selectionInputGap(asset.resourceType, index.gapsByArn.get(asset.arn)) ? 'UNPROTECTED' : 'UNKNOWN';
  else if (!lastRecoveryPointAt) state = hasRecoveryEvidence(obs, index) ? 'SELECTED_NOT_PROTECTED' : 'UNKNOWN';
  else if (now.getTime() - Date.parse(lastRecoveryPointAt) > classification.rpoHours * 3_600_000) state = 'STALE';
  else state = 'PROTECTED';

  // Built in the published key order, optional keys only when present: one object per asset, no spread copies.
  const coverage: Partial<Coverage> & Pick<Coverage, 'state' | 'selectedBy'> = { state, selectedBy: matches };
  if (lastRecoveryPointAt) coverage.lastRecoveryPointAt = lastRecoveryPointAt;
  if (frequencyHours !== undefined) coverage.frequencyHours = frequencyHours;
  if (retentionDays !== undefined && Number.isFinite(retentionDays)) coverage.retentionDays = retentionDays;
  if (retentionDays === Number.POSITIVE_INFINITY) coverage.retentionNeverExpires = true;
  if (continuous) coverage.continuous = continuous;
  coverage.copyRegions = merged.copyRegions;
  coverage.copyAccounts = merged.copyAccounts;
  coverage.vaults = merged.vaults;
  return {
    coverage: coverage as Coverage,
    rules,
    selectionsObserved: observed,
    scheduleProblems,
    stoppedRules: stopped,
  };
}
