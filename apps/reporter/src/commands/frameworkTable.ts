/**
 * `posture --framework ID` without `--json`: the framework's rules with their controls and counts, then each
 * failing rule's resources and remediation. Terminal-safe: names come from the estate.
 */
import { frameworkSummary, type Framework } from '@vaultscope/core';
import { textTable } from './textTable.js';

/** Renders one framework of a posture as plain text. */
export function renderFramework(framework: Framework, accountNames: ReadonlyMap<string, string>, evaluatedAt: string): string {
  const rows = frameworkSummary(framework);
  const out: string[] = [];
  out.push(`${framework.name} — evaluated ${evaluatedAt}`);
  out.push(`controls as mapped by ${framework.reference}`);
  out.push('');
  out.push(
    textTable(
      ['rule', 'severity', 'pass', 'fail', 'not evaluated', 'verdict', 'controls'],
      rows.map((r) => [r.rule.id, r.rule.severity, String(r.passing), String(r.failing), String(r.notEvaluated), r.verdict, r.rule.controls.join(' ')]),
      ['l', 'l', 'r', 'r', 'r', 'l', 'l'],
    ),
  );
  for (const r of rows) {
    if (!r.failing && !r.notEvaluated) continue;
    out.push('');
    out.push(`${r.rule.id} — ${r.rule.title} (${r.rule.source})`);
    const resources = [
      ...r.rule.failing.map((f) => ['fail', f] as const),
      ...r.rule.notEvaluated.map((f) => ['not evaluated', f] as const),
    ].map(([verdict, f]) => [verdict, accountNames.get(f.accountId) ?? f.accountId, f.region, f.arn, f.reason ?? '']);
    out.push(textTable(['verdict', 'account', 'region', 'resource', 'reason'], resources, ['l', 'l', 'l', 'l', 'l']));
    if (r.failing) out.push(`remediation: ${r.rule.remediation}`);
  }
  return `${out.join('\n')}\n`;
}
