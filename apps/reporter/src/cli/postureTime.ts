/**
 * The time a posture is evaluated at. By default the estate's own capture time: an estate is what was true
 * when it was observed, and judging a three-day-old snapshot against today's clock would call every
 * recovery point stale. `--at` asks what the same observations mean at another moment.
 */
import type { Estate } from '@vaultscope/core';
import { parseIsoTime } from './isoTime.js';

/** Parses `--at` (ISO-8601), or returns the estate's capture time when it is absent. */
export function postureTime(estate: Estate, at: string | undefined): Date {
  if (at === undefined) return new Date(estate.capturedAt);
  return parseIsoTime('--at', at);
}
