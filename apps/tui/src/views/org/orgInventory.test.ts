import { describe, expect, it } from 'vitest';
import type { EstateBeforeJobs } from '@vaultscope/sources';
import { tinyOrgData } from '../../testing/tinyEstate.js';
import { EVALUATING, findingLabel, orgView, restoreWindowDays } from './orgRows.js';
import { evaluatingLine, inventoryOf, inventoryView } from './orgInventory.js';

const data = tinyOrgData();
const inventory = inventoryOf({ jobsRead: true, estate: data.estate }, data.now, restoreWindowDays(data));
/** The estate's start, as the piecewise reader has it before the jobs (no `jobs` member yet). */
const startOf = ({ capturedAt, organization, accounts, regions }: typeof data.estate): EstateBeforeJobs => ({ capturedAt, organization, accounts, regions });
const headerText = (lines: readonly (readonly { text: string }[])[]): string => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
/** The columns the posture decides: COVER, UNPROT C/I, WORST FINDING. */
const POSTURE_COLUMNS = [4, 5, 8];

describe('the Organization screen before the posture (orgInventory.ts)', () => {
  const judged = orgView(data);
  const before = inventoryView(inventory);

  it('has the judged screen’s columns and accounts, with the figures the estate alone tells equal to the judged ones', () => {
    expect(before.columns).toEqual(judged.columns);
    expect(before.title).toBe(judged.title);
    const judgedById = new Map(judged.rows.map((r) => [r.id, r]));
    expect(before.rows.map((r) => r.id).sort()).toEqual([...judgedById.keys()].sort());
    for (const row of before.rows) {
      const after = judgedById.get(row.id);
      // Account, id, OU, assets, jobs of 24 h, restore tests: the same text before and after evaluation.
      for (const col of [0, 1, 2, 3, 6, 7]) expect(row.cells[col], `${row.id} column ${col}`).toBe(after?.cells[col]);
      for (const col of POSTURE_COLUMNS) expect(row.cells[col], `${row.id} column ${col}`).toBe(EVALUATING);
      expect(row.target).toEqual(after?.target);
    }
    expect(inventory.assets).toBe(data.assets.length);
  });

  it('shows no posture figure before evaluation: no coverage, unprotected count or finding', () => {
    const text = [headerText(before.header), ...before.rows.map((r) => r.cells.join(' | '))].join('\n');
    for (const f of data.findings) expect(text).not.toContain(findingLabel(f));
    expect(headerText(before.header)).toContain(`3 accounts · ${data.assets.length} assets · coverage ${EVALUATING} · unprotected ${EVALUATING} critical ${EVALUATING} important`);
    expect(headerText(before.header)).toContain(`findings ${EVALUATING} crit ${EVALUATING} high`);
    // What the estate tells is stated as on the judged screen.
    expect(headerText(before.header).split('\n')[1]?.split(' · findings')[0]).toBe(headerText(judged.header).split('\n')[1]?.split(' · findings')[0]);
    // Accounts in name order: no order by figures not known yet.
    expect(before.rows.map((r) => r.cells[0])).toEqual([...before.rows.map((r) => r.cells[0] ?? '')].sort());
  });

  it('says what it waits for', () => {
    expect(evaluatingLine(inventoryOf({ jobsRead: true, estate: data.estate }, data.now, 30))).toBe(`evaluating posture of ${data.assets.length} assets…`);
    const start = startOf(data.estate);
    expect(evaluatingLine(inventoryOf({ jobsRead: false, estate: start }, data.now, 30))).toBe(`reading jobs, then evaluating posture of ${data.assets.length} assets…`);
  });

  it('while the jobs are read, shows the accounts and assets and marks the job figures too', () => {
    const start = startOf(data.estate);
    const reading = inventoryView(inventoryOf({ jobsRead: false, estate: start }, data.now, restoreWindowDays(data)));
    expect(reading.columns).toEqual(judged.columns);
    const judgedById = new Map(judged.rows.map((r) => [r.id, r]));
    expect(reading.rows.map((r) => r.id).sort()).toEqual([...judgedById.keys()].sort());
    for (const row of reading.rows) {
      const after = judgedById.get(row.id);
      // Account, id, OU, assets: known from the start of the file.
      for (const col of [0, 1, 2, 3]) expect(row.cells[col], `${row.id} column ${col}`).toBe(after?.cells[col]);
      // Jobs of 24 h and restore tests: not read yet, so neither "0/0/0" nor "—" (which would say "none").
      for (const col of [...POSTURE_COLUMNS, 6, 7]) expect(row.cells[col], `${row.id} column ${col}`).toBe(EVALUATING);
      expect(row.fault).toBe(false);
    }
    const header = headerText(reading.header);
    expect(header).toContain(`3 accounts · ${data.assets.length} assets · coverage ${EVALUATING}`);
    expect(header).toContain(`jobs 24 h ${EVALUATING} · restore tests ${restoreWindowDays(data)} d ${EVALUATING}`);
    expect(header).not.toMatch(/\d+ ok|\d+ failed|\d+ running/);
  });
});
