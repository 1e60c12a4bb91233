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
 *
 * This file parses; zoneTimeline.ts turns wall times into instants; runs.ts enumerates runs and gaps.
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

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The last year a Year field may name. */
export const MAX_YEAR = 2199;

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
