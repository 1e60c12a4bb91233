/**
 * Recovery objectives per class and per business function (DORA Art. 12(6) asks for RTO and RPO per function):
 * the RPO side from the posture at the time base (an asset meets its RPO when it is PROTECTED, as core's summary
 * counts it), the RTO side from the period's restore tests.
 */
import { TIERS, type Estate, type PostureAsset } from '@vaultscope/core';
import type { RestoreTestRow } from './restoreTestRows.js';

/** Label of assets without a business-function tag. */
export const NO_FUNCTION = '(no business function tag)';

/** One line of the objectives table. */
export interface ObjectiveRow {
  scope: 'class' | 'business function';
  name: string;
  /** RTO / RPO of the class, or the range over the classes of the function's assets (hours). */
  rtoHours: number[];
  rpoHours: number[];
  assets: number;
  backupRequired: number;
  /** Backup-required assets whose protection state is known, and those of them PROTECTED (within RPO). */
  rpoMeasured: number;
  rpoMet: number;
  /** Restore tests of the period with a duration and an RTO, and those within the RTO. */
  rtoMeasured: number;
  rtoMet: number;
}

/** ARN → business function, from the first of `tagKeys` an asset carries (tag keys compared exactly). */
export function businessFunctions(estate: Estate, tagKeys: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const obs of estate.regions) {
    for (const a of obs.assets ?? []) {
      for (const key of tagKeys) {
        const value = a.tags[key]?.trim();
        if (value) {
          map.set(a.arn, value);
          break;
        }
      }
    }
  }
  return map;
}

const blank = (scope: ObjectiveRow['scope'], name: string): ObjectiveRow => ({ scope, name, rtoHours: [], rpoHours: [], assets: 0, backupRequired: 0, rpoMeasured: 0, rpoMet: 0, rtoMeasured: 0, rtoMet: 0 });
const addHours = (list: number[], h: number): void => {
  if (!list.includes(h)) list.push(h);
};

/** Rows per class (in class order), then per business function (by name; untagged last). */
export function objectiveRows(assets: readonly PostureAsset[], tests: readonly RestoreTestRow[], functions: ReadonlyMap<string, string>): ObjectiveRow[] {
  const byClass = new Map<string, ObjectiveRow>(TIERS.map((t) => [t, blank('class', t)]));
  const byFunction = new Map<string, ObjectiveRow>();
  const fn = (arn: string | undefined): ObjectiveRow => {
    const name = (arn && functions.get(arn)) || NO_FUNCTION;
    let row = byFunction.get(name);
    if (!row) byFunction.set(name, (row = blank('business function', name)));
    return row;
  };
  for (const a of assets) {
    const c = a.classification;
    for (const row of [byClass.get(c.tier), fn(a.arn)]) {
      if (!row) continue;
      row.assets++;
      addHours(row.rtoHours, c.rtoHours);
      addHours(row.rpoHours, c.rpoHours);
      if (!c.backupRequired) continue;
      row.backupRequired++;
      if (a.coverage.state !== 'UNKNOWN') row.rpoMeasured++;
      if (a.coverage.state === 'PROTECTED') row.rpoMet++;
    }
  }
  for (const t of tests) {
    if (t.withinRto === undefined) continue;
    for (const row of [t.tier ? byClass.get(t.tier) : undefined, fn(t.job.SourceResourceArn)]) {
      if (!row) continue;
      row.rtoMeasured++;
      if (t.withinRto) row.rtoMet++;
    }
  }
  const functionRows = [...byFunction.values()].sort((a, b) => Number(a.name === NO_FUNCTION) - Number(b.name === NO_FUNCTION) || a.name.localeCompare(b.name));
  for (const row of [...byClass.values(), ...functionRows]) {
    row.rtoHours.sort((x, y) => x - y);
    row.rpoHours.sort((x, y) => x - y);
  }
  return [...byClass.values(), ...functionRows];
}

/** `4 h`, or `1–24 h` over several classes. */
export function hoursRange(values: readonly number[]): string {
  if (values.length === 0) return '';
  const lo = values[0];
  const hi = values[values.length - 1];
  return lo === hi ? `${lo} h` : `${lo}–${hi} h`;
}
