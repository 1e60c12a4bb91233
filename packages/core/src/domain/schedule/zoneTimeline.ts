/**
 * Timezone offsets for schedule enumeration: sampled once a day per year and refined by bisection to the exact
 * transition instants, then cached per zone. Offsets come from Intl.DateTimeFormat, so there is no timezone
 * dependency.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from './parse.js';

interface Transition {
  at: number;
  before: number;
  after: number;
}
interface ZoneYear {
  startOffset: number;
  transitions: Transition[];
}

function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

class ZoneTimeline {
  private readonly years = new Map<number, ZoneYear>();
  private readonly format: Intl.DateTimeFormat | undefined;

  constructor(timezone: string) {
    // UTC needs no lookups at all, which keeps the common case fast.
    this.format = timezone === 'UTC' ? undefined : new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
  }

  private rawOffset(ms: number): number {
    if (!this.format) return 0;
    const m = /GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/.exec(this.format.format(ms));
    if (!m?.[1]) return 0;
    const sign = m[1] === '-' ? -1 : 1;
    return sign * (Number(m[2]) * HOUR_MS + Number(m[3] ?? 0) * MINUTE_MS + Number(m[4] ?? 0) * 1000);
  }

  private year(y: number): ZoneYear {
    const cached = this.years.get(y);
    if (cached) return cached;
    const start = Date.UTC(y, 0, 1);
    const end = Date.UTC(y + 1, 0, 1);
    const startOffset = this.rawOffset(start);
    const transitions: Transition[] = [];
    if (this.format) {
      let prevAt = start;
      let prevOffset = startOffset;
      for (let t = start + DAY_MS; prevAt < end; t += DAY_MS) {
        const sample = Math.min(t, end);
        const offset = this.rawOffset(sample);
        // More than one change inside one sample step is found one at a time.
        while (offset !== prevOffset) {
          let lo = prevAt;
          let hi = sample;
          let hiOffset = offset;
          while (hi - lo > 1000) {
            const mid = lo + Math.max(1000, Math.floor((hi - lo) / 2000) * 1000);
            if (mid >= hi) break;
            const o = this.rawOffset(mid);
            if (o === prevOffset) lo = mid;
            else {
              hi = mid;
              hiOffset = o;
            }
          }
          if (hi < end) transitions.push({ at: hi, before: prevOffset, after: hiOffset });
          prevAt = hi;
          prevOffset = hiOffset;
        }
        prevAt = sample;
      }
    }
    const zoneYear = { startOffset, transitions };
    this.years.set(y, zoneYear);
    return zoneYear;
  }

  offsetAt(ms: number): number {
    const zy = this.year(yearOf(ms));
    let offset = zy.startOffset;
    for (const t of zy.transitions) {
      if (ms < t.at) break;
      offset = t.after;
    }
    return offset;
  }

  /** Transitions with `a < at <= b`. */
  private transitionsIn(a: number, b: number): Transition[] {
    if (!this.format) return [];
    const out: Transition[] = [];
    for (let y = yearOf(a); y <= yearOf(b); y++) {
      for (const t of this.year(y).transitions) if (t.at > a && t.at <= b) out.push(t);
    }
    return out;
  }

  /** The single offset valid for every wall time of the local day starting at `dayStart`, if there is one. */
  fixedOffsetForDay(dayStart: number): number | undefined {
    if (!this.format) return 0;
    const lo = dayStart - 15 * HOUR_MS;
    return this.transitionsIn(lo, dayStart + DAY_MS + 15 * HOUR_MS).length === 0 ? this.offsetAt(lo) : undefined;
  }

  /** The instant of a local wall time: earliest occurrence if repeated, the jump instant if skipped. */
  toUtc(local: number): number {
    const lo = local - 15 * HOUR_MS;
    const transitions = this.transitionsIn(lo, local + 15 * HOUR_MS);
    let offset = this.offsetAt(lo);
    let segmentStart = -Infinity;
    for (let i = 0; i <= transitions.length; i++) {
      const segmentEnd = transitions[i]?.at ?? Infinity;
      const candidate = local - offset;
      if (candidate >= segmentStart && candidate < segmentEnd) return candidate;
      segmentStart = segmentEnd;
      offset = transitions[i]?.after ?? offset;
    }
    for (const t of transitions) {
      if (t.after > t.before && local >= t.at + t.before && local < t.at + t.after) return t.at;
    }
    return local - this.offsetAt(local);
  }
}

const zones = new Map<string, ZoneTimeline>();
export function zoneFor(timezone: string): ZoneTimeline {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = new ZoneTimeline(timezone);
    zones.set(timezone, zone);
  }
  return zone;
}

