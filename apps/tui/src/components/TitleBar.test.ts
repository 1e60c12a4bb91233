import { describe, expect, it } from 'vitest';
import { displayWidth } from '../text/width.js';
import { fitCrumbs, MAX_CRUMB } from './TitleBar.js';

describe('fitCrumbs', () => {
  const crumbs = ['vaultscope', 'Organization', 'Pulse', 'Jobs (7 d · InvalidParameters: Insufficient privileges to perform this action)', 'payments-prod', 'Findings'];

  it('keeps a breadcrumb that fits as it is', () => {
    expect(fitCrumbs(['vaultscope', 'Organization', 'Findings'], 80)).toBe('vaultscope › Organization › Findings');
  });

  it('cuts from the left, so the current screen always shows', () => {
    const fitted = fitCrumbs(crumbs, 50);
    expect(fitted.startsWith('… › ')).toBe(true);
    expect(fitted.endsWith(' › payments-prod › Findings')).toBe(true);
    expect(displayWidth(fitted)).toBeLessThanOrEqual(50);
    expect(fitCrumbs(crumbs, 20)).toBe('… › Findings');
  });

  it('shortens long labels before dropping any', () => {
    const fitted = fitCrumbs(crumbs, 120);
    expect(fitted).toContain('vaultscope › Organization › Pulse › Jobs (7 d · InvalidPara…');
    for (const label of fitted.split(' › ')) expect(displayWidth(label)).toBeLessThanOrEqual(MAX_CRUMB);
  });

  it('cuts even the last label when nothing else fits', () => {
    expect(displayWidth(fitCrumbs(['vaultscope', 'a-very-long-asset-name-indeed'], 10))).toBeLessThanOrEqual(10);
  });
});
