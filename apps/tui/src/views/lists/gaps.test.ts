import { describe, expect, it } from 'vitest';
import type { OrgData } from '../../model/orgData.js';
import { KEYS, renderApp } from '../../testing/renderApp.js';
import { tinyOrgData } from '../../testing/tinyEstate.js';

describe(':gaps', () => {
  it('lists what the posture could not evaluate, and opens the asset a gap is about', async () => {
    const base = tinyOrgData();
    const arn = base.assets[0]?.arn ?? '';
    const data = {
      ...base,
      posture: {
        ...base.posture,
        notEvaluated: [
          { check: 'classification', scope: arn, reason: 'tags not observed (tag:GetResources AccessDenied)' },
          { check: '*', scope: '333333333333/eu-west-1', reason: 'not observed: sts:AssumeRole AccessDenied' },
        ],
      },
    } as OrgData;
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(':');
    app.press('gaps');
    app.press(KEYS.enter);
    const frame = await app.waitFor((f) => f.includes('2 checks the posture could not evaluate'));
    expect(frame).toContain('Not evaluated');
    expect(frame).toContain('classification');
    expect(frame).toContain('sts:AssumeRole AccessDenied');
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('Classification') && f.includes('Coverage'));
  });
});
