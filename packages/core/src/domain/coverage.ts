/**
 * Coverage: which plans select an asset (AWS selection semantics), what their rules promise (frequency,
 * retention, copies, vaults), and whether a recent recovery point really exists. Coverage is not protection:
 * the state combines both.
 */
import type { Asset, BackupPlan, BackupRule, RegionObservation } from '../estate/schema.js';
import type { Classification, Coverage, CoverageState, SelectionMatch, VaultRef } from '../posture/schema.js';
import { airGapReach, observedVaults, type VaultObservation } from './airGap.js';
import { isSucceeded, jobOutcome } from './jobs.js';
import { isAirGapped, vaultLockMode } from './vaults.js';
import { copyBlocked, copySubject, copySupportUnknown, copiesUnrestricted } from './copySupport.js';
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
  /** The EC2 instance through which an EBS volume is covered: its jobs and restore tests are the volume's evidence. */
  through?: Asset;
  /** Why the cross-Region/account copy checks cannot be decided (a setting copy support depends on was not observed). */
  copySupportUnknown?: string;
  /** ARNs of the vaults the asset's recovery points sit in (what a restore-testing plan picks from). */
  recoveryPointVaults: string[];
  /** A selection would reach the asset but its type is not opted in to AWS Backup in the Region. */
  optInBlocked: boolean;
  /** Recovery points could have been seen (protected resources of the scope, or job history were observed). */
  recoveryEvidence: boolean;
}

function vaultRef(name: string, arn: string | undefined, index: EstateIndex, obs: RegionObservation, now: Date): VaultRef {
  const vault = arn ? index.vaultsByArn.get(arn) : index.vaultsByName.get(`${obs.accountId}|${obs.region}|${name}`);
  if (!vault) return { name, ...(arn ? { arn } : {}), lock: 'unknown', airGapped: false };
  return { name: vault.BackupVaultName, arn: vault.BackupVaultArn, lock: vaultLockMode(vault, now), airGapped: isAirGapped(vault) };
}

function latestRecoveryPoint(asset: Asset, index: EstateIndex): string | undefined {
  let latest = index.protectedByArn.get(asset.arn)?.LastBackupTime;
  for (const job of index.backupJobsByArn?.get(asset.arn) ?? []) {
    if (isSucceeded(jobOutcome(job.State, job.MessageCategory)) && job.CompletionDate && (!latest || job.CompletionDate > latest)) {
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

interface Selected {
  matches: SelectionMatch[];
  plans: BackupPlan[];
  optInBlocked: boolean;
  observed: boolean;
}

function selectedBy(asset: Asset, obs: RegionObservation): Selected {
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

/** An instance's selection, worked out once however many volumes ask (its matches name the instance). */
function instanceSelection(instance: Asset, obs: RegionObservation, index: EstateIndex): Selected {
  const key = `selection|${instance.arn}`;
  let cached = index.memo.get(key) as Selected | undefined;
  if (!cached) {
    const own = selectedBy(instance, obs);
    cached = { ...own, matches: own.matches.map((m) => ({ ...m, through: instance.arn })) };
    index.memo.set(key, cached);
  }
  return cached;
}

/**
 * An EBS volume is selected on its own, or through the instance it is attached to: AWS Backup backs an EC2 instance
 * up as an AMI whose snapshots cover every attached volume (aws-reference §7.0, §7.5). NotResources and the EC2
 * opt-in apply to the instance as they would to any resource.
 */
function selectedWithInstance(asset: Asset, obs: RegionObservation, index: EstateIndex): Selected & { through?: Asset; optInType?: string } {
  const own = selectedBy(asset, obs);
  const instance = asset.resourceType === 'EBS' ? index.instanceOfVolume.get(asset.arn) : undefined;
  if (!instance) return own;
  const via = instanceSelection(instance, obs, index);
  if (via.matches.length === 0) {
    // Opting in EC2 would back the volume up with its instance: the instance's block is named first.
    const blocked = own.matches.length === 0 && via.optInBlocked;
    return { ...own, optInBlocked: own.optInBlocked || blocked, observed: own.observed && via.observed, ...(blocked ? { optInType: instance.resourceType } : {}) };
  }
  const plans = [...own.plans];
  for (const p of via.plans) if (!plans.includes(p)) plans.push(p);
  return { matches: [...own.matches, ...via.matches], plans, optInBlocked: false, observed: own.observed && via.observed, through: instance };
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
  /** Every cross-Region or cross-account CopyAction destination, for per-type copy support. */
  copies: CopyDestination[];
  /** Rules with an air-gapped target: the key of their backup vault and the air-gapped vault's ARN. */
  lagRoutes: { target: string; lag: string }[];
}

/** One CopyAction destination outside the plan's own Region or account. */
export interface CopyDestination {
  vaultArn: string;
  region: string;
  accountId: string;
  crossRegion: boolean;
  crossAccount: boolean;
}

/** The key a vault is listed under in coverage: its ARN, or account|Region|name when the vault was not observed. */
const vaultKey = (v: VaultRef, obs: RegionObservation): string => v.arn ?? `${obs.accountId}|${obs.region}|${v.name}`;

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
  const copies: CopyDestination[] = [];
  const lagRoutes: { target: string; lag: string }[] = [];

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
    vaults.set(vaultKey(target, obs), target);
    if (rule.TargetLogicallyAirGappedBackupVaultArn) {
      const lag = vaultRef('', rule.TargetLogicallyAirGappedBackupVaultArn, index, obs, now);
      vaults.set(rule.TargetLogicallyAirGappedBackupVaultArn, { ...lag, airGapped: true, name: lag.name || rule.TargetLogicallyAirGappedBackupVaultArn });
      lagRoutes.push({ target: vaultKey(target, obs), lag: rule.TargetLogicallyAirGappedBackupVaultArn });
    }
    for (const copy of rule.CopyActions ?? []) {
      const dest = arnParts(copy.DestinationBackupVaultArn);
      const crossRegion = dest.region !== '' && dest.region !== obs.region;
      const crossAccount = dest.accountId !== '' && dest.accountId !== obs.accountId;
      if (crossRegion) copyRegions.add(dest.region);
      if (crossAccount) copyAccounts.add(dest.accountId);
      if (crossRegion || crossAccount) copies.push({ vaultArn: copy.DestinationBackupVaultArn, region: dest.region, accountId: dest.accountId, crossRegion, crossAccount });
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
    copies,
    lagRoutes,
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
    // reduce, not Math.min(...list): an estate may hold any number of plans covering one asset.
    ...(freqs.length ? { frequencyHours: freqs.reduce((a, b) => Math.min(a, b)) } : {}),
    ...(retentions.length ? { retentionDays: retentions.reduce((a, b) => Math.max(a, b)) } : {}),
    continuous: all.some((f) => f.continuous),
    copyRegions: [...new Set(all.flatMap((f) => f.copyRegions))].sort(),
    copyAccounts: [...new Set(all.flatMap((f) => f.copyAccounts))].sort(),
    vaults: [...vaults.values()],
    copies: all.flatMap((f) => f.copies),
    lagRoutes: all.flatMap((f) => f.lagRoutes),
  };
}

const NO_PLAN: PlanFacts = Object.freeze({ rules: [], scheduleProblems: [], stopped: [], continuous: false, copyRegions: [], copyAccounts: [], vaults: [], copies: [], lagRoutes: [] });

/** The vault ARN AWS gives a vault of this name in the asset's account and Region (a vault ARN is derivable). */
function vaultArnOf(v: VaultRef, obs: RegionObservation, partition: string): string {
  return v.arn ?? `arn:${partition}:backup:${obs.region}:${obs.accountId}:backup-vault:${v.name}`;
}

/** What the rules promise for this asset's type and Region: copies AWS makes, how air-gapped vaults are reached. */
function forAsset(
  merged: PlanFacts,
  subjectAsset: Asset,
  obs: RegionObservation,
  observations: Map<string, VaultObservation>,
  lagRefused: boolean,
): { copyRegions: string[]; copyAccounts: string[]; vaults: VaultRef[]; notMade: { destination: string; reason: string }[]; unknown?: string } {
  const subject = copySubject(subjectAsset, obs);
  const notMade: { destination: string; reason: string }[] = [];
  let copyRegions = merged.copyRegions;
  let copyAccounts = merged.copyAccounts;
  if (merged.copies.length > 0 && !copiesUnrestricted(subject)) {
    const regions = new Set<string>();
    const accounts = new Set<string>();
    for (const c of merged.copies) {
      const reason = copyBlocked(subject, c.region, c.crossRegion, c.crossAccount);
      if (reason) {
        if (!notMade.some((n) => n.destination === c.vaultArn)) notMade.push({ destination: c.vaultArn, reason });
        continue;
      }
      if (c.crossRegion) regions.add(c.region);
      if (c.crossAccount) accounts.add(c.accountId);
    }
    copyRegions = [...regions].sort();
    copyAccounts = [...accounts].sort();
  }
  const unknown = merged.copies.length > 0 ? copySupportUnknown(subject) : undefined;

  let vaults = merged.vaults;
  if (merged.lagRoutes.length > 0 || notMade.length > 0 || observations.size > 0) {
    const reach = lagRefused ? 'none' : airGapReach(subjectAsset.resourceType, subject.dynamodbAdvanced);
    const lags = new Set(merged.lagRoutes.map((r) => r.lag));
    const partition = subjectAsset.arn.split(':')[1] || 'aws';
    vaults = merged.vaults.map((v) => {
      const blocked = v.arn ? notMade.find((n) => n.destination === v.arn) : undefined;
      // Jobs name vaults by ARN; a vault that was not observed is listed by name, and its ARN is derivable.
      const seen = observations.get(vaultArnOf(v, obs, partition));
      const isLag = v.arn !== undefined && lags.has(v.arn);
      if (!blocked && !seen && !isLag) return v;
      const out: VaultRef = { ...v };
      if (blocked) {
        out.reach = 'none';
        out.reachReason = blocked.reason;
      } else if (isLag) {
        out.reach = reach;
        if (reach === 'none') {
          out.reachReason = lagRefused
            ? 'the newest backup job completed with LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED'
            : `${subjectAsset.resourceType} without AWS Backup advanced features is not supported by logically air-gapped vaults`;
        }
      }
      if (seen) out.observed = seen;
      return out;
    });
  }
  return unknown ? { copyRegions, copyAccounts, vaults, notMade, unknown } : { copyRegions, copyAccounts, vaults, notMade };
}

/**
 * The vaults the asset's recovery points sit in: where its rules send them (an air-gapped target instead of the
 * rule's backup vault, which then holds none or only a temporary DELETE_AFTER_COPY point that restore testing
 * ignores), plus where its protected-resource record and completed jobs say they went.
 */
function recoveryPointVaults(asset: Asset, evidenceArn: string, vaults: readonly VaultRef[], merged: PlanFacts, obs: RegionObservation, index: EstateIndex, observations: Map<string, VaultObservation>): string[] {
  const partition = asset.arn.split(':')[1] || 'aws';
  const out = new Set<string>();
  const viaLag = new Set<string>();
  for (const route of merged.lagRoutes) {
    const lag = vaults.find((v) => v.arn === route.lag);
    if (lag && lag.reach !== 'none') viaLag.add(route.target);
  }
  for (const v of vaults) {
    if (v.reach === 'none') continue;
    // A rule's backup vault holds this asset's points unless the rule's air-gapped target takes them instead.
    if (viaLag.has(vaultKey(v, obs)) && !merged.rules.some((r) => !r.rule.TargetLogicallyAirGappedBackupVaultArn && r.rule.TargetBackupVaultName === v.name)) continue;
    out.add(vaultArnOf(v, obs, partition));
  }
  const last = index.protectedByArn.get(evidenceArn)?.LastBackupVaultArn;
  if (last) out.add(last);
  for (const arn of observations.keys()) out.add(arn);
  return [...out].sort();
}

/** Evaluates coverage and protection state of one asset in its own account and Region. */
export function evaluateCoverage(
  asset: Asset,
  obs: RegionObservation,
  classification: Classification,
  index: EstateIndex,
  now: Date,
  windowStart = '',
): CoverageResult {
  const { matches, plans, optInBlocked, observed, through, optInType } = selectedWithInstance(asset, obs, index);
  // What a plan promises does not depend on the asset: worked out once per plan and evaluation.
  const variant = CONTINUOUS_TYPES.has(asset.resourceType) ? 0 : 1;
  const facts = plans.map((plan) => {
    let cached = index.planFacts.get(plan);
    if (!cached) index.planFacts.set(plan, (cached = []));
    return (cached[variant] ??= planFacts(plan, obs, index, now, variant === 0));
  });
  const merged = facts.length === 0 ? NO_PLAN : facts.length === 1 ? facts[0]! : mergeFacts(facts);
  const { rules, scheduleProblems, stopped, frequencyHours, retentionDays, continuous } = merged;

  let lastRecoveryPointAt = latestRecoveryPoint(asset, index);
  if (through) {
    // The instance's AMI is the volume's recovery point.
    const viaInstance = latestRecoveryPoint(through, index);
    if (viaInstance && (!lastRecoveryPointAt || viaInstance > lastRecoveryPointAt)) lastRecoveryPointAt = viaInstance;
  }
  const evidence = through ?? asset;
  const { byVault, lagRefused } =
    plans.length > 0 ? observedVaults(index.backupJobsByArn?.get(evidence.arn), index.copyJobsByArn?.get(evidence.arn), windowStart) : { byVault: new Map<string, VaultObservation>(), lagRefused: false };
  const typed = forAsset(merged, evidence, obs, byVault, lagRefused);
  const recoveryEvidence = lastRecoveryPointAt !== undefined || hasRecoveryEvidence(obs, index);
  let state: CoverageState;
  if (!classification.backupRequired) state = 'NOT_REQUIRED';
  else if (matches.length === 0) state = optInBlocked ? 'OPT_IN_BLOCKED' : observed && !selectionInputGap(asset.resourceType, index.gapsByArn.get(asset.arn)) ? 'UNPROTECTED' : 'UNKNOWN';
  else if (!lastRecoveryPointAt) state = recoveryEvidence ? 'SELECTED_NOT_PROTECTED' : 'UNKNOWN';
  else if (now.getTime() - Date.parse(lastRecoveryPointAt) > classification.rpoHours * 3_600_000) state = 'STALE';
  else state = 'PROTECTED';

  // Built in the published key order, optional keys only when present: one object per asset, no spread copies.
  const coverage: Partial<Coverage> & Pick<Coverage, 'state' | 'selectedBy'> = { state, selectedBy: matches };
  if (lastRecoveryPointAt) coverage.lastRecoveryPointAt = lastRecoveryPointAt;
  if (frequencyHours !== undefined) coverage.frequencyHours = frequencyHours;
  if (retentionDays !== undefined && Number.isFinite(retentionDays)) coverage.retentionDays = retentionDays;
  if (retentionDays === Number.POSITIVE_INFINITY) coverage.retentionNeverExpires = true;
  if (continuous) coverage.continuous = continuous;
  coverage.copyRegions = typed.copyRegions;
  coverage.copyAccounts = typed.copyAccounts;
  coverage.vaults = typed.vaults;
  if (through) coverage.coveredThrough = { arn: through.arn, resourceType: through.resourceType, name: through.name };
  if (typed.notMade.length) coverage.copiesNotMade = typed.notMade;
  if (state === 'OPT_IN_BLOCKED') coverage.optInRequired = optInType ?? asset.resourceType;
  const result: CoverageResult = {
    coverage: coverage as Coverage,
    rules,
    selectionsObserved: observed,
    scheduleProblems,
    stoppedRules: stopped,
    recoveryPointVaults: plans.length > 0 ? recoveryPointVaults(asset, evidence.arn, typed.vaults, merged, obs, index, byVault) : [],
    optInBlocked,
    recoveryEvidence,
  };
  if (through) result.through = through;
  if (typed.unknown) result.copySupportUnknown = typed.unknown;
  return result;
}
