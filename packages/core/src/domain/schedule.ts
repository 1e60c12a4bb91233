/**
 * AWS Backup schedule expressions (aws-reference §2.2): `cron(Minutes Hours Day-of-month Month Day-of-week Year)`
 * in an IANA timezone (default UTC), plus `rate(n minutes|hours|days)`.
 *
 * Our own parser, so frequency can be judged offline and fast: runs are enumerated per local day (never minute by
 * minute) and local wall times are turned into instants with offsets read from Intl.DateTimeFormat, so DST is
 * honoured without a timezone dependency.
 *
 * DST choices (AWS does not document them for AWS Backup):
 * - a wall time that does not exist (spring forward, `02:30` in Europe/Berlin on the last Sunday of March) runs at
 *   the first valid instant after it, i.e. the moment the clocks jump (03:00 local). EventBridge Scheduler skips
 *   such runs instead; we shift so that a daily rule is not reported as missing a day it really runs on.
 * - a wall time that exists twice (fall back) runs once, at its first occurrence (as EventBridge Scheduler does).
 */

/** A schedule expression or timezone that cannot be parsed; `field` names the part at fault. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  /** `Minutes`, `Hours`, `Day-of-month`, `Month`, `Day-of-week`, `Year`, `rate`, `timezone` or `expression`. */
  readonly field: string;
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

/** Day-of-month field (`?` is represented by its absence). */
export interface DayOfMonthSpec {
  days: readonly number[];
  /** `L`: the last day of the month. */
  last: boolean;
  /** `LW`: the last weekday (Mon–Fri) of the month. */
  lastWeekday: boolean;
  /** `nW`: the weekday nearest to day n, never leaving the month. */
  nearestWeekday: readonly number[];
}

/** Day-of-week field, AWS numbering 1=SUN … 7=SAT (`?` is represented by its absence). */
export interface DayOfWeekSpec {
  days: readonly number[];
  /** `nL`: the last weekday n of the month (`6L` = last Friday). */
  lastOfMonth: readonly number[];
  /** `n#k`: the k-th weekday n of the month (`6#3` = third Friday). */
  nth: readonly { weekday: number; n: number }[];
}

/** The parsed fields of a cron expression; value lists are sorted ascending. */
export interface CronFields {
  minutes: readonly number[];
  hours: readonly number[];
  dayOfMonth: DayOfMonthSpec | undefined;
  months: readonly number[];
  dayOfWeek: DayOfWeekSpec | undefined;
  /** undefined = every year (`*`). */
  years: readonly number[] | undefined;
}

/** A parsed schedule: `kind: 'cron'` with its fields, or `kind: 'rate'` with its interval. */
export type CronSchedule =
  | { kind: 'cron'; expression: string; timezone: string; fields: CronFields }
  | { kind: 'rate'; expression: string; timezone: string; everyMinutes: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_YEAR = 2199;
const GAP_HORIZON_DAYS = 400;
/** Fixed start for gap evaluation so results are reproducible; 2024 is a leap year, so Feb 29 is inside the horizon. */
const DEFAULT_GAP_FROM = new Date(Date.UTC(2024, 0, 1));

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Cyclic fields accept wrapping ranges such as `FRI-MON` or `22-2`. */
  cyclic: boolean;
}

const F_MINUTES: FieldDef = { name: 'Minutes', min: 0, max: 59, cyclic: true };
const F_HOURS: FieldDef = { name: 'Hours', min: 0, max: 23, cyclic: true };
const F_DOM: FieldDef = { name: 'Day-of-month', min: 1, max: 31, cyclic: false };
const F_MONTH: FieldDef = { name: 'Month', min: 1, max: 12, names: MONTH_NAMES, cyclic: true };
const F_DOW: FieldDef = { name: 'Day-of-week', min: 1, max: 7, names: DAY_NAMES, cyclic: true };
const F_YEAR: FieldDef = { name: 'Year', min: 1970, max: MAX_YEAR, cyclic: false };

function parseValue(f: FieldDef, token: string): number {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < f.min || n > f.max) throw new ScheduleError(f.name, `value ${token} out of range ${f.min}-${f.max}`);
    return n;
  }
  const index = f.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index === -1) throw new ScheduleError(f.name, `unknown value "${token}"`);
  return f.min + index;
}

function parseStep(f: FieldDef, token: string): number {
  if (!/^\d+$/.test(token) || Number(token) < 1) throw new ScheduleError(f.name, `invalid step "${token}"`);
  return Number(token);
}

/** `*`, `a`, `a-b`, `*\/n`, `a/n`, `a-b/n` → the values they denote. */
function parseRangeElement(f: FieldDef, element: string): number[] {
  const slash = element.split('/');
  if (slash.length > 2) throw new ScheduleError(f.name, `invalid element "${element}"`);
  const [range = '', stepToken] = slash;
  const step = stepToken === undefined ? 1 : parseStep(f, stepToken);
  let lo: number;
  let hi: number;
  if (range === '*') {
    lo = f.min;
    hi = f.max;
  } else if (range.includes('-')) {
    const parts = range.split('-');
    if (parts.length !== 2) throw new ScheduleError(f.name, `invalid range "${range}"`);
    lo = parseValue(f, parts[0] ?? '');
    hi = parseValue(f, parts[1] ?? '');
    if (lo > hi && !f.cyclic) throw new ScheduleError(f.name, `range "${range}" runs backwards`);
  } else {
    lo = parseValue(f, range);
    hi = stepToken === undefined ? lo : f.max;
  }
  const size = f.max - f.min + 1;
  const length = lo <= hi ? hi - lo + 1 : hi - lo + 1 + size;
  const out: number[] = [];
  for (let i = 0; i < length; i += step) out.push(f.min + ((lo - f.min + i) % size));
  return out;
}

function elementsOf(f: FieldDef, field: string): string[] {
  const elements = field.split(',');
  if (elements.some((e) => e === '')) throw new ScheduleError(f.name, `empty list element in "${field}"`);
  if (elements.some((e) => e === '?')) throw new ScheduleError(f.name, '? is only allowed in Day-of-month or Day-of-week, alone');
  return elements;
}

function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function parseSimpleField(f: FieldDef, field: string): number[] {
  return sortedUnique(elementsOf(f, field).flatMap((e) => parseRangeElement(f, e)));
}

function parseDayOfMonth(field: string): DayOfMonthSpec {
  const spec = { days: [] as number[], last: false, lastWeekday: false, nearestWeekday: [] as number[] };
  for (const element of elementsOf(F_DOM, field)) {
    const upper = element.toUpperCase();
    const nearest = /^(\d+)W$/.exec(upper);
    if (upper === 'L') spec.last = true;
    else if (upper === 'LW') spec.lastWeekday = true;
    else if (nearest) spec.nearestWeekday.push(parseValue(F_DOM, nearest[1] ?? ''));
    else spec.days.push(...parseRangeElement(F_DOM, element));
  }
  return { ...spec, days: sortedUnique(spec.days), nearestWeekday: sortedUnique(spec.nearestWeekday) };
}

function parseDayOfWeek(field: string): DayOfWeekSpec {
  const days: number[] = [];
  const lastOfMonth: number[] = [];
  const nth: { weekday: number; n: number }[] = [];
  for (const element of elementsOf(F_DOW, field)) {
    const upper = element.toUpperCase();
    const lastOf = /^(\w+)L$/.exec(upper);
    const hash = /^(\w+)#(\w+)$/.exec(upper);
    if (upper === 'L') days.push(7); // `L` alone = the last day of the week, Saturday
    else if (lastOf) lastOfMonth.push(parseValue(F_DOW, lastOf[1] ?? ''));
    else if (hash) {
      const n = Number(hash[2]);
      if (!/^[1-5]$/.test(hash[2] ?? '')) throw new ScheduleError(F_DOW.name, `"${element}": occurrence must be 1-5`);
      nth.push({ weekday: parseValue(F_DOW, hash[1] ?? ''), n });
    } else days.push(...parseRangeElement(F_DOW, element));
  }
  return { days: sortedUnique(days), lastOfMonth: sortedUnique(lastOfMonth), nth };
}

function checkTimezone(timezone: string | undefined): string {
  const tz = timezone?.trim() || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch (cause) {
    throw new ScheduleError('timezone', `unknown IANA time zone "${tz}"`, { cause });
  }
  return tz;
}

/** Parses `cron(...)` or `rate(...)` in an IANA timezone (default UTC); throws ScheduleError naming the field. */
export function parseScheduleExpression(expression: string, timezone?: string): CronSchedule {
  const tz = checkTimezone(timezone);
  const text = expression.trim();
  const rate = /^rate\((.*)\)$/i.exec(text);
  if (rate) {
    const m = /^\s*(\d+)\s+(minutes?|hours?|days?)\s*$/i.exec(rate[1] ?? '');
    const n = Number(m?.[1]);
    if (!m || !(n >= 1)) throw new ScheduleError('rate', `expected rate(<positive number> minutes|hours|days), got "${text}"`);
    const unit = (m[2] ?? '').toLowerCase();
    const perUnit = unit.startsWith('minute') ? 1 : unit.startsWith('hour') ? 60 : 1440;
    return { kind: 'rate', expression: text, timezone: tz, everyMinutes: n * perUnit };
  }
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (!cron) throw new ScheduleError('expression', `expected cron(...) or rate(...), got "${text}"`);
  const parts = (cron[1] ?? '').trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 6) {
    throw new ScheduleError('expression', `expected 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${parts.length}`);
  }
  const [minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = parts;
  if (dom === '?' && dow === '?') throw new ScheduleError(F_DOM.name, 'Day-of-month and Day-of-week cannot both be ?');
  if (dom !== '?' && dow !== '?') throw new ScheduleError(F_DOW.name, 'one of Day-of-month and Day-of-week must be ?');
  const fields: CronFields = {
    minutes: parseSimpleField(F_MINUTES, minutes),
    hours: parseSimpleField(F_HOURS, hours),
    dayOfMonth: dom === '?' ? undefined : parseDayOfMonth(dom),
    months: parseSimpleField(F_MONTH, month),
    dayOfWeek: dow === '?' ? undefined : parseDayOfWeek(dow),
    years: year === '*' ? undefined : parseSimpleField(F_YEAR, year),
  };
  return { kind: 'cron', expression: text, timezone: tz, fields };
}

// ---------------------------------------------------------------------------------------------------------------
// Timezone offsets: sampled once a day per year and refined by bisection, then cached per zone.

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
function zoneFor(timezone: string): ZoneTimeline {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = new ZoneTimeline(timezone);
    zones.set(timezone, zone);
  }
  return zone;
}

// ---------------------------------------------------------------------------------------------------------------
// Enumeration: per local day, the matching wall times, converted to instants.

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** AWS weekday (1=SUN … 7=SAT) of day d, given the weekday of the 1st. */
function weekdayOf(firstWeekday: number, d: number): number {
  return ((firstWeekday - 1 + d - 1) % 7) + 1;
}

function nearestWeekday(n: number, dim: number, firstWeekday: number): number | undefined {
  if (n > dim) return undefined;
  const wd = weekdayOf(firstWeekday, n);
  if (wd === 7) return n === 1 ? 3 : n - 1;
  if (wd === 1) return n === dim ? n - 2 : n + 1;
  return n;
}

function matchingDays(fields: CronFields, y: number, m: number): boolean[] {
  const dim = daysInMonth(y, m);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 1;
  const ok = new Array<boolean>(dim + 1).fill(false);
  const dom = fields.dayOfMonth;
  const dow = fields.dayOfWeek;
  if (dom) {
    for (const d of dom.days) if (d <= dim) ok[d] = true;
    if (dom.last) ok[dim] = true;
    if (dom.lastWeekday) {
      const wd = weekdayOf(first, dim);
      ok[wd === 7 ? dim - 1 : wd === 1 ? dim - 2 : dim] = true;
    }
    for (const n of dom.nearestWeekday) {
      const d = nearestWeekday(n, dim, first);
      if (d !== undefined) ok[d] = true;
    }
  }
  if (dow) {
    for (let d = 1; d <= dim; d++) {
      const wd = weekdayOf(first, d);
      if (
        dow.days.includes(wd) ||
        (d + 7 > dim && dow.lastOfMonth.includes(wd)) ||
        dow.nth.some((x) => x.weekday === wd && x.n === Math.ceil(d / 7))
      ) {
        ok[d] = true;
      }
    }
  }
  return ok;
}

type CronOnly = Extract<CronSchedule, { kind: 'cron' }>;

/** Calls `visit` with each run strictly after `fromMs`, in order, until it returns false or runs run out. */
function scanRuns(schedule: CronOnly, fromMs: number, visit: (ms: number) => boolean): void {
  const { fields } = schedule;
  const zone = zoneFor(schedule.timezone);
  // Start a local day early: the local date of `from` is an estimate near DST changes.
  const start = new Date(fromMs + zone.offsetAt(fromMs) - DAY_MS);
  const y0 = start.getUTCFullYear();
  const m0 = start.getUTCMonth() + 1;
  const d0 = start.getUTCDate();
  const years = fields.years ?? null;
  const lastYear = years ? (years[years.length - 1] ?? 0) : MAX_YEAR;
  let last = fromMs;
  for (let y = y0; y <= lastYear; y++) {
    if (years && !years.includes(y)) continue;
    for (const m of fields.months) {
      if (y === y0 && m < m0) continue;
      const ok = matchingDays(fields, y, m);
      for (let d = y === y0 && m === m0 ? d0 : 1; d < ok.length; d++) {
        if (!ok[d]) continue;
        const dayStart = Date.UTC(y, m - 1, d);
        const fixed = zone.fixedOffsetForDay(dayStart);
        for (const h of fields.hours) {
          for (const min of fields.minutes) {
            const local = dayStart + h * HOUR_MS + min * MINUTE_MS;
            const at = fixed === undefined ? zone.toUtc(local) : local - fixed;
            // `<= last` also drops skipped wall times that collapsed onto the same jump instant.
            if (at <= last) continue;
            last = at;
            if (!visit(at)) return;
          }
        }
      }
    }
  }
}

/** The next `count` runs strictly after `from` (rate() runs are anchored at the Unix epoch, UTC). */
export function nextRuns(schedule: CronSchedule, from: Date, count: number): Date[] {
  const out: Date[] = [];
  if (count <= 0) return out;
  if (schedule.kind === 'rate') {
    const every = schedule.everyMinutes * MINUTE_MS;
    const first = Math.floor(from.getTime() / every) * every + every;
    for (let i = 0; i < count; i++) out.push(new Date(first + i * every));
    return out;
  }
  scanRuns(schedule, from.getTime(), (ms) => {
    out.push(new Date(ms));
    return out.length < count;
  });
  return out;
}

/**
 * Longest gap in hours between consecutive runs over a representative horizon (at least 400 days, so
 * monthly/L/#/leap-year patterns are seen); Infinity if it runs fewer than twice.
 * The horizon starts at the first run after `from` (default 2024-01-01T00:00Z, fixed so results are reproducible) and
 * ends with the first run more than 400 days later; a rule that stops running before that also yields Infinity.
 */
export function longestGapHours(schedule: CronSchedule, from: Date = DEFAULT_GAP_FROM): number {
  if (schedule.kind === 'rate') return schedule.everyMinutes / 60;
  let previous: number | undefined;
  let horizonEnd = Infinity;
  let longest = 0;
  let reachedEnd = false;
  scanRuns(schedule, from.getTime(), (ms) => {
    if (previous === undefined) horizonEnd = ms + GAP_HORIZON_DAYS * DAY_MS;
    else longest = Math.max(longest, ms - previous);
    previous = ms;
    // One run past the horizon closes the last gap (a yearly or leap-day rule still yields a gap).
    reachedEnd = ms > horizonEnd;
    return !reachedEnd;
  });
  // A rule that stops running (fewer than two runs, or its Year field ends) leaves an unbounded gap.
  return reachedEnd ? longest / 60 / MINUTE_MS : Infinity;
}

const GAP_CACHE_LIMIT = 512;
const gapCache = new Map<string, number>();

/** Memoised longestGapHours of an expression in a timezone (default UTC); throws ScheduleError. */
export function scheduleGapHours(expression: string, timezone?: string): number {
  const key = `${timezone ?? ''}\u0000${expression}`;
  const cached = gapCache.get(key);
  if (cached !== undefined) return cached;
  const gap = longestGapHours(parseScheduleExpression(expression, timezone));
  if (gapCache.size >= GAP_CACHE_LIMIT) {
    const oldest = gapCache.keys().next();
    if (!oldest.done) gapCache.delete(oldest.value);
  }
  gapCache.set(key, gap);
  return gap;
}
