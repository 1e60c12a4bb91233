/**
 * Framework rules judged per resource, from the same coverage the checks use. A framework rule applies to every
 * resource of its types whatever its class or backup requirement (NIST's "DynamoDB tables should be in a backup
 * plan" holds for every table); evidence that was not observed gives "not evaluated", never a pass.
 */
import type { Asset } from '../../estate/schema.js';
import type { Framework, FrameworkResource, FrameworkRule } from '../../posture/schema.js';
import type { CoverageResult } from '../coverage.js';
import { gapReason, selectionInputGap, type AssetGaps } from '../evidenceGaps.js';
import { frameworkRemediation } from './frameworkRemediation.js';
import { FRAMEWORKS, type FrameworkDefinition, type FrameworkRuleDefinition, type FrameworkRuleKind } from './nist80053r5.js';
import { isImmutable } from '../vaults.js';

/** What a framework rule reads of one resource. */
export interface FrameworkInput {
  asset: Pick<Asset, 'arn' | 'resourceType' | 'attributes'>;
  region: string;
  coverage: Pick<CoverageResult, 'coverage' | 'selectionsObserved' | 'optInBlocked' | 'recoveryEvidence'>;
  gaps?: AssetGaps;
  now: Date;
}

/** A rule's verdict on one resource. */
export type RuleVerdict = { verdict: 'pass' } | { verdict: 'fail' | 'not-evaluated'; reason: string };

/** AWS's `<type>-last-backup-recovery-point-created` default: recoveryPointAgeValue 1, recoveryPointAgeUnit days. */
export const RECOVERY_POINT_MAX_AGE_HOURS = 24;

const PASS: RuleVerdict = Object.freeze({ verdict: 'pass' });

function hoursText(h: number): string {
  return h >= 48 ? `${Math.round(h / 24)} days` : `${Math.round(h)} h`;
}

/** Whether a plan selects the resource; otherwise why not, or why that cannot be decided. */
function planVerdict(input: FrameworkInput): RuleVerdict {
  const { coverage: cov, asset } = input;
  if (cov.coverage.selectedBy.length > 0) return PASS;
  if (cov.optInBlocked) {
    return { verdict: 'fail', reason: `a selection reaches it, but ${asset.resourceType} is not opted in to AWS Backup in ${input.region}` };
  }
  const gap = selectionInputGap(asset.resourceType, input.gaps);
  if (gap) return { verdict: 'not-evaluated', reason: `${gapReason(gap.gap, gap.error)}: whether a plan selects it cannot be decided` };
  if (!cov.selectionsObserved) return { verdict: 'not-evaluated', reason: 'backup plans or selections of its account and Region were not observed' };
  return { verdict: 'fail', reason: 'selected by no backup plan' };
}

/** Judges one resource under one rule kind. */
export function judgeRule(kind: FrameworkRuleKind, input: FrameworkInput): RuleVerdict {
  const cov = input.coverage;
  switch (kind) {
    case 'in-plan':
    case 'protected-by-plan':
      return planVerdict(input);
    case 'recovery-point': {
      const last = cov.coverage.lastRecoveryPointAt;
      if (last) {
        const age = (input.now.getTime() - Date.parse(last)) / 3_600_000;
        return age <= RECOVERY_POINT_MAX_AGE_HOURS ? PASS : { verdict: 'fail', reason: `last recovery point ${last} is ${hoursText(age)} old (allowed: 1 day)` };
      }
      if (!cov.recoveryEvidence) return { verdict: 'not-evaluated', reason: 'neither protected resources nor backup jobs of its account and Region were observed' };
      return { verdict: 'fail', reason: 'no recovery point' };
    }
    case 'pitr': {
      const pitr = input.asset.attributes?.pointInTimeRecovery;
      if (pitr === 'ENABLED') return PASS;
      if (pitr === 'DISABLED') return { verdict: 'fail', reason: 'point-in-time recovery is off' };
      const gap = input.gaps?.get('pointInTimeRecovery');
      return { verdict: 'not-evaluated', reason: gap ? gapReason('pointInTimeRecovery', gap) : 'point-in-time recovery status not observed' };
    }
    case 'vault-lock': {
      const plan = planVerdict(input);
      if (plan.verdict !== 'pass') return plan.verdict === 'fail' ? { verdict: 'fail', reason: `${plan.reason}, so in no locked vault` } : plan;
      const vaults = cov.coverage.vaults;
      if (vaults.some(isImmutable)) return PASS;
      const unseen = vaults.filter((v) => v.lock === 'unknown');
      if (unseen.length) return { verdict: 'not-evaluated', reason: `vault(s) not observed: ${unseen.map((v) => v.arn ?? v.name).join(', ')}` };
      return { verdict: 'fail', reason: `none of its vaults (${vaults.map((v) => v.name).join(', ') || 'none'}) has a Vault Lock or is air-gapped` };
    }
  }
}

interface RuleTally {
  def: FrameworkRuleDefinition;
  passing: FrameworkResource[];
  failing: FrameworkResource[];
  notEvaluated: FrameworkResource[];
}

/** Collects verdicts resource by resource during evaluation, then publishes the frameworks section. */
export class FrameworkTally {
  private readonly tallies: { def: FrameworkDefinition; rules: RuleTally[] }[];
  /** Rule tallies per resource type, so each asset visits only the rules that apply to it. */
  private readonly byType = new Map<string, RuleTally[]>();

  constructor(frameworks: readonly FrameworkDefinition[]) {
    this.tallies = frameworks.map((def) => ({
      def,
      rules: def.rules.map((rule) => ({ def: rule, passing: [], failing: [], notEvaluated: [] })),
    }));
    for (const fw of this.tallies) {
      for (const rule of fw.rules) {
        for (const type of rule.def.resourceTypes) {
          let list = this.byType.get(type);
          if (!list) this.byType.set(type, (list = []));
          list.push(rule);
        }
      }
    }
  }

  /** Judges one resource under every rule for its type. */
  add(input: FrameworkInput, accountId: string): void {
    const rules = this.byType.get(input.asset.resourceType);
    if (!rules) return;
    for (const rule of rules) {
      const v = judgeRule(rule.def.kind, input);
      if (v.verdict === 'pass') rule.passing.push({ arn: input.asset.arn, accountId, region: input.region });
      else (v.verdict === 'fail' ? rule.failing : rule.notEvaluated).push({ arn: input.asset.arn, accountId, region: input.region, reason: v.reason });
    }
  }

  /** The posture's `frameworks` section. */
  result(): Framework[] {
    return this.tallies.map(({ def, rules }) => ({
      id: def.id,
      name: def.name,
      reference: def.reference,
      rules: rules.map(
        (r): FrameworkRule => ({
          id: r.def.id,
          title: r.def.title,
          resourceTypes: [...r.def.resourceTypes],
          severity: r.def.severity,
          controls: [...r.def.controls],
          configRules: [...r.def.configRules],
          source: r.def.source,
          checks: [...r.def.checks],
          remediation: frameworkRemediation(r.def),
          passing: r.passing,
          failing: r.failing,
          notEvaluated: r.notEvaluated,
        }),
      ),
    }));
  }
}

/** `framework/rule` references per check and resource type, shared by every finding that carries them. */
const REFS = new Map<string, string[]>();

/** The framework rules a finding of this check on this resource type speaks to (undefined: none). */
export function frameworkRefs(check: string, resourceType: string): string[] | undefined {
  const key = `${check}|${resourceType}`;
  let refs = REFS.get(key);
  if (!refs) {
    refs = [];
    for (const fw of FRAMEWORKS) {
      for (const rule of fw.rules) {
        if (rule.resourceTypes.includes(resourceType) && (rule.checks as readonly string[]).includes(check)) refs.push(`${fw.id}/${rule.id}`);
      }
    }
    REFS.set(key, refs);
  }
  return refs.length ? refs : undefined;
}
