import { defaultPolicy } from '@vaultscope/sources';
import { evaluate } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { describe, expect, it } from 'vitest';
import { buildOrgData } from '../model/orgData.js';
import { displayWidth } from '../text/width.js';
import { tinyOrgData } from '../testing/tinyEstate.js';
import { placeColumns } from './layout.js';
import { orgView } from './org/orgRows.js';
import { forgetView, shownRows, viewFor, viewOf } from './resolve.js';
import type { Row } from './screen.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const estate = generateDemoEstate({ seed: 42, now: NOW });
const data = buildOrgData(estate, evaluate(estate, defaultPolicy().policy, NOW), 'demo');

/** A wrapped line and its continuations (`id~n`), the continuations without their hanging indent (command lines have none). */
function unwrap(rows: readonly Row[], id: string): string {
  const row = rows.find((r) => r.id === id);
  const first = row?.cells[0] ?? '';
  const hang = row?.copy ? 0 : (/^ */.exec(first)?.[0].length ?? 0) + 2;
  const more = rows.filter((r) => r.id.startsWith(`${id}~`));
  for (const r of more) expect(r.cells[0]?.slice(0, hang).trim()).toBe('');
  return first + more.map((r) => r.cells[0]?.slice(hang) ?? '').join('');
}

describe('document wrapping', () => {
  it('splits long fix commands into lines that join back into the exact command', () => {
    const asset = data.assets.find((a) => (data.findingsByArn.get(a.arn) ?? []).some((f) => f.remediation.length > 100));
    expect(asset).toBeDefined();
    const whole = viewFor(data, { kind: 'asset', arn: asset?.arn ?? '' }, 10_000);
    const fixes = whole.rows.filter((r) => r.cells[0]?.trimStart().startsWith('fix:') && (r.cells[0]?.length ?? 0) > 100);
    expect(fixes.length).toBeGreaterThan(0);
    for (const width of [60, 80, 120]) {
      const view = viewFor(data, { kind: 'asset', arn: asset?.arn ?? '' }, width);
      for (const fix of fixes) {
        expect(unwrap(view.rows, fix.id)).toBe(fix.cells[0]);
      }
      for (const r of view.rows) expect(displayWidth((r.cells[0] ?? '').trimEnd()), r.cells[0]).toBeLessThanOrEqual(width - 4);
    }
  });

  it('wraps JSON of a finding without inserting spaces into words', () => {
    const finding = data.findings.find((f) => f.check.startsWith('restore.not'));
    expect(finding).toBeDefined();
    const whole = viewFor(data, { kind: 'finding', id: finding?.id ?? '' }, 10_000);
    const view = viewFor(data, { kind: 'finding', id: finding?.id ?? '' }, 80);
    for (const row of whole.rows) if ((row.cells[0]?.length ?? 0) > 76) expect(unwrap(view.rows, row.id)).toBe(row.cells[0]);
  });
});

describe('filtering', () => {
  const tiny = tinyOrgData();
  const view = orgView(tiny);

  it('searches only the columns shown at the width: a hidden column keeps no row', () => {
    const narrow = placeColumns(view.columns, 80).map((c) => c.title);
    expect(narrow).not.toContain('ID');
    const list = { filter: '3333', faultsOnly: false };
    expect(shownRows(view, list, 80)).toHaveLength(0);
    // Wide enough to show the ID column, the same filter finds the account.
    expect(placeColumns(view.columns, 200).map((c) => c.title)).toContain('ID');
    expect(shownRows(view, list, 200).map((r) => r.id)).toEqual(['333333333333']);
    expect(shownRows(view, list).map((r) => r.id)).toEqual(['333333333333']);
    // Shown columns still match, whatever the width.
    expect(shownRows(view, { filter: 'data-p', faultsOnly: false }, 80).map((r) => r.id)).toEqual(['333333333333']);
  });

  it('does not narrow from a result that searched other columns', () => {
    expect(shownRows(view, { filter: '33', faultsOnly: false }, 200).map((r) => r.id)).toEqual(['333333333333']);
    expect(shownRows(view, { filter: '333', faultsOnly: false }, 80)).toHaveLength(0);
  });
});

describe('memoized views', () => {
  it('builds a screen once per data, and anew once the worker has let it go', () => {
    const screen = { kind: 'list', list: 'assets' } as const;
    const first = viewOf(data, screen);
    expect(viewOf(data, screen)).toBe(first);
    forgetView(data, screen);
    const again = viewOf(data, screen);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // Other screens stay memoized.
    const org = viewOf(data, { kind: 'org' });
    forgetView(data, screen);
    expect(viewOf(data, { kind: 'org' })).toBe(org);
  });
});
