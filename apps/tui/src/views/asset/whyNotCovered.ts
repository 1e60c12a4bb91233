/**
 * The asset view's answers to "why": why no backup plan selects it (per plan, the nearest selection and the
 * clauses that missed) and which checks the posture could not evaluate for it.
 */
import { describeMiss, explainSelection, type NotEvaluated, type PostureAsset } from '@vaultscope/core';
import { regionKey, type OrgData } from '../../model/orgData.js';

/** Plans shown under "Why not covered", nearest first (the rest are counted). */
const WHY_PLANS = 4;

/**
 * "Why not covered": per backup plan of the asset's account and Region, its nearest selection and the clauses
 * that missed (core's explainSelection: the same semantics the posture used).
 */
export function whyNotCovered(data: OrgData, asset: PostureAsset): { text: string; tone: 'warn' | 'dim'; planId?: string }[] {
  const obs = data.regionByKey.get(regionKey(asset.accountId, asset.region));
  const raw = data.estateAssetByArn.get(asset.arn);
  if (!obs || !raw) return [];
  if (obs.backupPlans === undefined) return [{ text: 'backup plans of its account and Region were not observed', tone: 'warn' }];
  if (obs.backupPlans.length === 0) return [{ text: `no backup plan in ${asset.accountId}/${asset.region}`, tone: 'warn' }];
  const target = { arn: asset.arn, resourceType: asset.resourceType, tags: raw.tags, accountId: asset.accountId, region: asset.region };
  const plans = explainSelection(target, obs.backupPlans, { optIn: obs.regionSettings?.ResourceTypeOptInPreference });
  const out: { text: string; tone: 'warn' | 'dim'; planId?: string }[] = [];
  for (const plan of plans.slice(0, WHY_PLANS)) {
    const nearest = plan.selections[0];
    if (!nearest) {
      out.push({ text: `plan ${plan.planName}: no selections`, tone: 'dim', planId: plan.planId });
      continue;
    }
    const others = plan.selections.length - 1;
    const name = nearest.selectionName ? ` · nearest selection ${nearest.selectionName}${others ? ` (of ${others + 1})` : ''}` : '';
    out.push({ text: `plan ${plan.planName}${name}: ${nearest.misses.map(describeMiss).join('; ')}`, tone: 'warn', planId: plan.planId });
  }
  if (plans.length > WHY_PLANS) out.push({ text: `… ${plans.length - WHY_PLANS} more plans in ${asset.accountId}/${asset.region}`, tone: 'dim' });
  return out;
}

/**
 * The posture's not-evaluated entries that concern this asset: its own, its account and Region's (aggregated
 * entries name a count of assets, this one likely among them), its account's and the organization's.
 */
export function gapsOfAsset(gaps: readonly NotEvaluated[], asset: Pick<PostureAsset, 'arn' | 'accountId' | 'region'>): NotEvaluated[] {
  const place = `${asset.accountId}/${asset.region}`;
  return gaps.filter(
    (g) => g.scope === asset.arn || g.scope === place || g.scope.startsWith(`${place} (`) || g.scope === asset.accountId || g.scope.startsWith(`${asset.accountId} (`) || g.scope === 'organization',
  );
}
