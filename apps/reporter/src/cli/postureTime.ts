/**
 * The time a posture is evaluated at. By default the estate's own capture time: an estate is what was true
 * when it was observed, and judging a three-day-old snapshot against today's clock would call every
 * recovery point stale. `--at` asks what the same observations mean at another moment.
 */
import { InputError, type Estate } from '@vaultscope/core';

/** Parses `--at` (ISO-8601), or returns the estate's capture time when it is absent. */
export function postureTime(estate: Estate, at: string | undefined): Date {
  if (at === undefined) return new Date(estate.capturedAt);
  const parsed = new Date(at);
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(at) || Number.isNaN(parsed.getTime())) {
    throw new InputError(`--at: expected an ISO-8601 time such as 2026-11-30T23:00:00Z, got "${at}"`);
  }
  return parsed;
}
