/**
 * Which months a cycle packs. The month a scheduled run is for (see `monthToPack`) is packed whenever its pack is
 * missing, as it always was; besides it, every UTC month of a bounded look-back that has ended, that the ledger's
 * job history reaches at least partly, and whose pack is missing — so a month lost to downtime, a failed cycle or
 * a deleted directory is rebuilt from the ledger instead of staying missing. A month the ledger never saw is left
 * alone: its pack could only say "not evaluated".
 */
import type { HistoryCoverage } from '@vaultscope/ledger';
import { monthToPack, parsePeriod } from '../pack/model/period.js';

/** What the plan decided about one month. */
export type MonthDecision = 'due' | 'present' | 'not covered';

/** The months a cycle packs (oldest first) and the decision about every month looked at. */
export interface PackPlan {
  due: { period: string; why: string }[];
  decisions: Record<string, MonthDecision>;
  /** The month a scheduled run is for, and the one that has to wait when it has not ended in UTC. */
  target: ReturnType<typeof monthToPack>;
}

/** What the plan looks at. */
export interface PlanInput {
  now: Date;
  timezone?: string;
  /** How many UTC months before the current one are looked at (0: only the month the run is for). */
  lookBackMonths: number;
  history: HistoryCoverage;
  packExists(period: string): Promise<boolean>;
}

/** The `n` UTC months before the one `now` is in, oldest first (all of them have ended). */
export function lookBackMonths(now: Date, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n + i, 1)).toISOString().slice(0, 7));
}

/** Whether the ledger's history `[from, until)` overlaps the month. */
function reaches(history: HistoryCoverage, period: string): boolean {
  const { from, to } = parsePeriod(period);
  return history.from !== undefined && history.until !== undefined && history.from < to && history.until > from;
}

/** Decides every month of the look-back (and the run's own month), oldest first. */
export async function planPacks(input: PlanInput): Promise<PackPlan> {
  const target = monthToPack(input.now, input.timezone);
  const months = new Set(lookBackMonths(input.now, input.lookBackMonths));
  months.add(target.period);
  const due: PackPlan['due'] = [];
  const decisions: PackPlan['decisions'] = {};
  for (const period of [...months].sort()) {
    if (await input.packExists(period)) decisions[period] = 'present';
    else if (period === target.period) {
      decisions[period] = 'due';
      due.push({ period, why: 'the month this run is for; its pack is missing' });
    } else if (reaches(input.history, period)) {
      decisions[period] = 'due';
      due.push({ period, why: 'missed: the month has ended, its pack is missing and the ledger holds history for it' });
    } else decisions[period] = 'not covered';
  }
  return { due, decisions, target };
}
