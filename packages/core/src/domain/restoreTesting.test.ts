/**
 * Restore-test eligibility, from the AWS Backup API reference RestoreTestingRecoveryPointSelection
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingRecoveryPointSelection.html):
 * "IncludeVaults (required). You must include one or more backup vaults. Use the wildcard ["*"] or specific ARNs."
 * "ExcludeVaults (optional). You can choose to input one or more specific backup vault ARNs to exclude those vaults'
 * contents from restore eligibility. Or, you can include a list of selectors." Selectors are ARN patterns such as
 * `arn:aws:backup:*:*:backup-vault:asdf-*` (aws-reference §3.1). RecoveryPointTypes: SNAPSHOT and/or CONTINUOUS.
 */
import { describe, expect, it } from 'vitest';
import type { RestoreTestingPlan } from '../estate/schema.js';
import { restoreTestIneligibility, vaultSelectorMatches } from './restoreTesting.js';

const vault = (name: string, region = 'eu-west-1', account = '111122223333'): string => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
const plan = (include: string[], exclude?: string[], types = ['SNAPSHOT']): RestoreTestingPlan => ({
  RestoreTestingPlanName: 'p',
  RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:p-1',
  RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', RecoveryPointTypes: types, IncludeVaults: include, ...(exclude ? { ExcludeVaults: exclude } : {}) },
});

const rows: Array<{ name: string; plan: RestoreTestingPlan; vaults: string[]; continuous?: boolean; ineligible: RegExp | undefined }> = [
  { name: 'IncludeVaults ["*"] picks from any vault', plan: plan(['*']), vaults: [vault('Default')], ineligible: undefined },
  { name: '["*"] minus the Default vault: a point only in Default can never be tested', plan: plan(['*'], [vault('Default')]), vaults: [vault('Default')], ineligible: /sit in Default, excluded by ExcludeVaults/ },
  { name: '["*"] minus Default: a copy in another vault stays eligible', plan: plan(['*'], [vault('Default')]), vaults: [vault('Default'), vault('dr', 'eu-central-1')], ineligible: undefined },
  { name: 'specific ARN in IncludeVaults', plan: plan([vault('prod')]), vaults: [vault('prod')], ineligible: undefined },
  { name: 'point outside the one included vault', plan: plan([vault('prod')]), vaults: [vault('Default')], ineligible: /none of them in IncludeVaults/ },
  { name: 'selector arn:aws:backup:*:*:backup-vault:asdf-* includes asdf-1', plan: plan(['arn:aws:backup:*:*:backup-vault:asdf-*']), vaults: [vault('asdf-1', 'us-east-1')], ineligible: undefined },
  { name: 'selector arn:aws:backup:*:*:backup-vault:asdf-* does not include qwer', plan: plan(['arn:aws:backup:*:*:backup-vault:asdf-*']), vaults: [vault('qwer')], ineligible: /IncludeVaults/ },
  { name: 'ExcludeVaults selector list', plan: plan(['*'], ['arn:aws:backup:*:*:backup-vault:tmp-*']), vaults: [vault('tmp-scratch')], ineligible: /ExcludeVaults/ },
  { name: 'CONTINUOUS only, asset has snapshots only', plan: plan(['*'], undefined, ['CONTINUOUS']), vaults: [vault('Default')], ineligible: /only CONTINUOUS/ },
  { name: 'CONTINUOUS only, asset has continuous backup', plan: plan(['*'], undefined, ['CONTINUOUS']), vaults: [vault('Default')], continuous: true, ineligible: undefined },
  { name: 'no known vault: cannot be told, not ineligible', plan: plan([vault('prod')]), vaults: [], ineligible: undefined },
];

describe('restoreTestIneligibility', () => {
  it.each(rows)('$name', ({ plan: p, vaults, continuous, ineligible }) => {
    const reason = restoreTestIneligibility(p, vaults, continuous ?? false);
    if (ineligible) expect(reason).toMatch(ineligible);
    else expect(reason).toBeUndefined();
  });

  it('matches selectors on the whole ARN, wildcards anywhere, nothing else special', () => {
    expect(vaultSelectorMatches('*', vault('x'))).toBe(true);
    expect(vaultSelectorMatches('arn:aws:backup:eu-*:*:backup-vault:*', vault('x'))).toBe(true);
    expect(vaultSelectorMatches('arn:aws:backup:us-*:*:backup-vault:*', vault('x'))).toBe(false);
    expect(vaultSelectorMatches(vault('a.b'), vault('aXb'))).toBe(false);
  });
});
