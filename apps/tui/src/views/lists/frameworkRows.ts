/**
 * Rows for `:frameworks`: one per compliance framework rule with its verdict and counts, as core sums them up;
 * Enter lists the resources that fail it (or lack evidence for it).
 */
import { frameworkSummary, type Framework } from '@vaultscope/core';
import { makeRow } from '../row.js';
import type { Column, Row, Tone } from '../screen.js';

const VERDICT_TONE: Record<string, Tone> = { FAIL: 'bad', 'NOT EVALUATED': 'warn', PASS: 'ok', 'NO RESOURCES': 'dim' };

/** Columns of the framework rule list. */
export function frameworkColumns(): Column[] {
  return [
    { title: 'RULE', width: 28, flex: true },
    { title: 'VERDICT', width: 13 },
    { title: 'PASS', width: 5, align: 'right' },
    { title: 'FAIL', width: 5, align: 'right' },
    { title: 'N/E', width: 4, align: 'right', priority: 1 },
    { title: 'CONTROLS', width: 16, flex: true, priority: 1 },
    { title: 'FRAMEWORK', width: 14, priority: 2 },
  ];
}

/** One row per rule of every framework, in the framework's own order. */
export function frameworkRows(frameworks: readonly Framework[]): Row[] {
  return frameworks.flatMap((fw) =>
    frameworkSummary(fw).map((r) => {
      const judged = [...r.rule.failing, ...r.rule.notEvaluated].map((x) => x.arn);
      return makeRow({
        id: `${fw.id}/${r.rule.id}`,
        cells: [r.rule.id, r.verdict, r.passing, r.failing, r.notEvaluated, r.rule.controls.join(' '), fw.name],
        fault: r.failing > 0,
        cellTones: { 1: VERDICT_TONE[r.verdict] },
        ...(judged.length
          ? { target: { kind: 'list' as const, list: 'assets' as const, scope: { arns: judged, label: `${r.rule.id} · ${r.failing ? 'failing' : 'not evaluated'}` } } }
          : {}),
      });
    }),
  );
}
