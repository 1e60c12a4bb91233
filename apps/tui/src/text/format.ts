/**
 * Small, pure formatters shared by the row projections. All times are shown in UTC, as the formats store them.
 */

/** `12s`, `4m`, `3h`, `2d` — a compact duration. */
/** `1 rule`, `2 rules`. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** `12s ago` relative to `now`; empty when the time is unknown. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return `${formatSpan(now - t)} ago`;
}

/** `11-21 05:10` (UTC) from an ISO timestamp. */
export function formatShortTime(iso: string | undefined): string {
  if (!iso || iso.length < 16) return iso ?? '';
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** `2026-11-21 05:10:00Z` from an ISO timestamp. */
export function formatTime(iso: string | undefined): string {
  if (!iso || iso.length < 19) return iso ?? '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** `87%`, or `—` when there was nothing to measure. */
export function formatPct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const pct = rate * 100;
  return `${pct >= 99.5 && pct < 100 ? '99' : Math.round(pct)}%`;
}

/** `1.2 GB` */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i] ?? ''}`;
}

/** `1.5 h`, `25 min`, `3 d` — for RTO/RPO comparisons. */
export function formatHours(hours: number | undefined): string {
  if (hours === undefined || !Number.isFinite(hours)) return '';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  return `${Math.round(hours / 24)} d`;
}

/** Duration between two ISO timestamps in hours, when both are known. */
export function hoursBetween(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : (b - a) / 3_600_000;
}
