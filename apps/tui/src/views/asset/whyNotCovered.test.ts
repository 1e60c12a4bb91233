import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgData } from '../../model/orgData.js';
import { KEYS, renderApp } from '../../testing/renderApp.js';
import { tinyEstate, tinyOrgData } from '../../testing/tinyEstate.js';

afterEach(() => cleanup());

const cursorLine = (frame: string): string => frame.split('\n').find((l) => l.startsWith('›')) ?? '';
const customers = 'arn:aws:dynamodb:eu-west-1:222222222222:table/customers';

describe('asset view: why not covered', () => {
  it('names the plan, its nearest selection and the clause that missed, and opens the plan', async () => {
    const app = renderApp({ data: tinyOrgData(), screen: { kind: 'asset', arn: customers } });
    const frame = await app.waitFor((f) => f.includes('Why not covered'));
    const text = frame.replace(/\n[ ·›]+/g, ' ');
    expect(text).toContain('selected by no backup plan');
    expect(text).toContain('plan prod-hourly · nearest selection tagged-daily: ListOfTags wants backup=daily, it has no backup tag');
    // The explanation leads to the plan it is about: Enter on it opens the plan.
    for (let i = 0; i < 30 && !cursorLine(app.frame()).includes('plan prod-hourly ·'); i++) {
      const before = app.frame();
      app.press(KEYS.down);
      await app.waitFor((f) => f !== before);
    }
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('customers › prod-hourly') && !f.includes('Why not covered'));
  });

  it('names a condition the asset does not meet and an opt-in that is off', async () => {
    const estate = tinyEstate();
    const region = estate.regions[0];
    const plan = region?.backupPlans?.[0];
    if (!region || !plan?.Selections?.[0]) throw new Error('tiny estate changed');
    plan.Selections[0].BackupSelection = {
      SelectionName: 'critical-only',
      Resources: ['*'],
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/DataClassification', ConditionValue: 'critical' }] },
    };
    region.regionSettings = { ResourceTypeOptInPreference: { DynamoDB: false } };
    const app = renderApp({ data: tinyOrgData(estate), screen: { kind: 'asset', arn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/cache-sessions' } });
    const frame = await app.waitFor((f) => f.includes('Why not covered'));
    const text = frame.replace(/\n[ ·›]+/g, ' ');
    expect(text).toContain('Conditions StringEquals DataClassification=critical: it has no DataClassification tag');
    expect(text).toContain('DynamoDB is not opted in to AWS Backup in eu-west-1');
  });

  it("shows the posture's not-evaluated checks that concern the asset as one line", async () => {
    const base = tinyOrgData();
    const data = {
      ...base,
      posture: {
        ...base.posture,
        notEvaluated: [
          { check: 'classification', scope: customers, reason: 'tags not observed' },
          { check: 'backup.vault-lock', scope: '222222222222/eu-west-1 (3 assets)', reason: 'vaults not observed' },
          { check: '*', scope: '333333333333/eu-west-1', reason: 'not observed' },
        ],
      },
    } as OrgData;
    const app = renderApp({ data, screen: { kind: 'asset', arn: customers } });
    const frame = await app.waitFor((f) => f.includes('not evaluated:'));
    const text = frame.replace(/\n[ ·›]+/g, ' ');
    expect(text).toContain('not evaluated: classification (tags not observed); backup.vault-lock (vaults not observed)');
    expect(text).not.toContain('* (not observed)');
  });
});
