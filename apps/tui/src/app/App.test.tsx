import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, renderApp } from '../testing/renderApp.js';
import { tinyOrgData } from '../testing/tinyEstate.js';

afterEach(() => cleanup());

describe('App', () => {
  it('draws the organization first', async () => {
    const app = renderApp({ data: tinyOrgData() });
    const f = await app.waitFor((f) => f.includes('payments-prod'));
    console.log(f);
    app.press(KEYS.enter);
    console.log(await app.waitFor((f) => f.includes('[Assets]')));
    app.press(KEYS.enter);
    console.log(await app.waitFor((f) => f.includes('Classification')));
  });
});
