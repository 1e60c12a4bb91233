/**
 * "Why not covered": for one resource, every selection of the backup plans in its account and Region with the
 * clauses that did not let it through — nearest selections first. The verdict is `evaluateSelection`'s (same
 * compiled selection, same matchers); this only keeps going where evaluation stops at the first failed clause,
 * so an operator sees everything a selection would need (a wrong tag value AND an opt-in that is off).
 *
 * AWS rules applied (dev guide "Assigning resources to a backup plan" and "Assign resources with AWS CLI"; API
 * reference `BackupSelection`, `Conditions`): Resources OR ListOfTags, AND every Conditions entry, minus
 * NotResources; condition values are case-sensitive and only StringLike/StringNotLike know wildcards; tags and
 * service-wide patterns respect the Region's opt-in, a pattern naming the type does not (except shared ARN formats).
 */
import type { BackupPlan } from '../estate/schema.js';
import {
  arnMatches,
  compileSelection,
  conditionHolds,
  globToRegExp,
  isOptedIn,
  isRestoreTestResource,
  namesResourceType,
  needsOwnOptIn,
  type ConditionOperator,
  type SelectionContext,
  type SelectionTarget,
} from './selection.js';

/** One clause that kept the resource out of a selection. */
export type SelectionMiss =
  /** Restore testing created it: no backup plan selects it, whatever the selection says. */
  | { clause: 'restoreTest' }
  /** Neither a Resources pattern nor a ListOfTags tag matches (Resources OR ListOfTags). */
  | { clause: 'resources'; patterns: string[]; tags: { key: string; value: string; actual?: string }[] }
  /** A Conditions entry does not hold; `hint` names a near miss (a literal `*` in StringEquals, a case difference). */
  | { clause: 'condition'; op: ConditionOperator; key: string; value: string; actual?: string; hint?: 'literal-wildcard' | 'case' }
  /** A NotResources pattern matches its ARN. */
  | { clause: 'notResources'; pattern: string }
  /** Its type is not opted in to AWS Backup in the Region and this selection does not name the type. */
  | { clause: 'optIn'; resourceType: string; region: string }
  /** The plan's selections were not observed (GetBackupSelection not read). */
  | { clause: 'unobserved' };

/** One selection of one plan, as it stands for the resource. */
export interface SelectionExplanation {
  planId: string;
  planName: string;
  selectionId: string;
  selectionName: string;
  selected: boolean;
  /** Every clause that missed, in AWS's order; empty when selected. */
  misses: SelectionMiss[];
}

/** A plan and its selections, nearest first. */
export interface PlanExplanation {
  planId: string;
  planName: string;
  selections: SelectionExplanation[];
}

function tagHint(op: ConditionOperator, expected: string, actual: string | undefined): 'literal-wildcard' | 'case' | undefined {
  if (actual === undefined) return undefined;
  if (op === 'StringEquals' && /[*?]/.test(expected) && globToRegExp(expected, true).test(actual)) return 'literal-wildcard';
  if ((op === 'StringEquals' || op === 'StringLike') && globToRegExp(expected.toLowerCase(), op === 'StringLike').test(actual.toLowerCase())) return 'case';
  return undefined;
}

/** All the clauses of one selection that keep the resource out (empty = selected). */
export function selectionMisses(selection: Parameters<typeof compileSelection>[0], target: SelectionTarget, ctx: SelectionContext): SelectionMiss[] {
  if (target.restoreTestResource ?? isRestoreTestResource(target)) return [{ clause: 'restoreTest' }];
  const sel = compileSelection(selection);
  const misses: SelectionMiss[] = [];

  const matching = sel.resources.filter((p) => arnMatches(p, target.arn));
  const tagMatched = sel.tags.some((t) => target.tags[t.key] === t.value);
  const everything = sel.resources.length === 0 && sel.tags.length === 0;
  if (!matching.length && !tagMatched && !everything) {
    misses.push({
      clause: 'resources',
      patterns: sel.resources,
      tags: sel.tags.map((t) => (Object.hasOwn(target.tags, t.key) ? { ...t, actual: target.tags[t.key] } : { ...t })),
    });
  }
  for (const c of sel.conditions) {
    if (conditionHolds(c.op, c.key, c.value, target.tags)) continue;
    const actual = Object.hasOwn(target.tags, c.key) ? target.tags[c.key] : undefined;
    const hint = tagHint(c.op, c.value, actual);
    misses.push({ clause: 'condition', op: c.op, key: c.key, value: c.value, ...(actual !== undefined ? { actual } : {}), ...(hint ? { hint } : {}) });
  }
  for (const p of sel.notResources) {
    if (arnMatches(p, target.arn)) {
      misses.push({ clause: 'notResources', pattern: p });
      break;
    }
  }
  // Opt-in matters unless a pattern naming the type matched (and the type is not one that always needs opt-in).
  const explicit = matching.some((p) => namesResourceType(p)) && !needsOwnOptIn(target);
  if (!explicit && !isOptedIn(target.resourceType, ctx)) misses.push({ clause: 'optIn', resourceType: target.resourceType, region: target.region });
  return misses;
}

/** Relative distance of a miss: a wrong type or ARN is further from selecting the resource than one tag value. */
function weight(miss: SelectionMiss): number {
  switch (miss.clause) {
    case 'restoreTest':
    case 'unobserved':
      return 100;
    case 'resources':
      return miss.patterns.length && !miss.tags.length ? 3 : 2;
    case 'notResources':
      return 2;
    default:
      return 1;
  }
}

/** How far a selection is from selecting the resource (0 = selected). */
export function missDistance(misses: readonly SelectionMiss[]): number {
  return misses.reduce((sum, m) => sum + weight(m), 0);
}

/**
 * Every plan of the resource's account and Region (the caller passes those: plans are regional) with its
 * selections, nearest first; plans ordered by their nearest selection.
 */
export function explainSelection(target: SelectionTarget, plans: readonly BackupPlan[], ctx: SelectionContext): PlanExplanation[] {
  const out = plans.map((plan): { plan: PlanExplanation; distance: number } => {
    const base = { planId: plan.BackupPlanId, planName: plan.BackupPlan.BackupPlanName };
    if (!plan.Selections) {
      const misses: SelectionMiss[] = [{ clause: 'unobserved' }];
      return { distance: missDistance(misses), plan: { ...base, selections: [{ ...base, selectionId: '', selectionName: '', selected: false, misses }] } };
    }
    const selections = plan.Selections.map((s) => {
      const misses = selectionMisses(s.BackupSelection, target, ctx);
      return { ...base, selectionId: s.SelectionId, selectionName: s.BackupSelection.SelectionName, selected: misses.length === 0, misses };
    }).sort((a, b) => missDistance(a.misses) - missDistance(b.misses));
    const distance = selections.length ? missDistance(selections[0]?.misses ?? []) : Number.MAX_SAFE_INTEGER;
    return { distance, plan: { ...base, selections } };
  });
  return out.sort((a, b) => a.distance - b.distance).map((x) => x.plan);
}

const tagText = (key: string, value: string | undefined): string => (value === undefined ? `no ${key} tag` : `${key}=${value}`);

/** One short line for a miss, as the asset view prints it. */
export function describeMiss(miss: SelectionMiss): string {
  switch (miss.clause) {
    case 'restoreTest':
      return 'created by restore testing: backup plans never select it';
    case 'unobserved':
      return 'its selections were not observed';
    case 'resources': {
      const parts: string[] = [];
      if (miss.patterns.length) parts.push(`Resources ${miss.patterns.join(', ')} do not match its ARN`);
      for (const t of miss.tags) parts.push(`ListOfTags wants ${t.key}=${t.value}, it has ${tagText(t.key, t.actual)}`);
      return parts.join('; ');
    }
    case 'condition': {
      const hint = miss.hint === 'literal-wildcard' ? ' (StringEquals compares literally; StringLike would match)' : miss.hint === 'case' ? ' (values are case-sensitive)' : '';
      const negated = miss.op === 'StringNotEquals' || miss.op === 'StringNotLike';
      return `Conditions ${miss.op} ${miss.key}=${miss.value}: ${negated ? 'excluded, it has' : 'it has'} ${tagText(miss.key, miss.actual)}${hint}`;
    }
    case 'notResources':
      return `NotResources ${miss.pattern} excludes it`;
    case 'optIn':
      return `${miss.resourceType} is not opted in to AWS Backup in ${miss.region} (tags and service-wide patterns respect opt-in)`;
  }
}
