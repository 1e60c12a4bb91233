/**
 * One row per framework rule with its counts and a verdict word, shared by the CLI table, the TUI view and the
 * pack so that "passes" means the same everywhere: a rule passes only when every resource it applies to was judged and none failed.
 */
import type { Framework, FrameworkRule } from '../../posture/schema.js';

/** A framework rule reduced to what a table row shows. */
export interface FrameworkRuleSummary {
  rule: FrameworkRule;
  passing: number;
  failing: number;
  notEvaluated: number;
  /** `FAIL` when a resource fails; else `NOT EVALUATED` when one lacked evidence (never a pass); else `PASS`, or `NO RESOURCES`. */
  verdict: 'FAIL' | 'PASS' | 'NOT EVALUATED' | 'NO RESOURCES';
}

/** The rows of one framework, in its own order. */
export function frameworkSummary(framework: Framework): FrameworkRuleSummary[] {
  return framework.rules.map((rule) => {
    const passing = rule.passing.length;
    const failing = rule.failing.length;
    const notEvaluated = rule.notEvaluated.length;
    const verdict = failing ? 'FAIL' : notEvaluated ? 'NOT EVALUATED' : passing ? 'PASS' : 'NO RESOURCES';
    return { rule, passing, failing, notEvaluated, verdict };
  });
}
