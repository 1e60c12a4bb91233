/**
 * Rows arrive on the UI thread as structured clones, and a clone makes a new string for every string it meets:
 * a row's sort key that is its cell's text, the ARN its target names as well as its id, and the values that
 * repeat from row to row (the type, account, Region, class and coverage state of 100,000 assets; their tones)
 * all come over as copies, each an object of its own. Pointing them back at one string, and rows with the
 * same cell tones at one tones object, makes a 100,000-row list the UI thread keeps far smaller — and, what
 * matters more, far fewer objects: every full collection of the UI thread's heap marks each of them, and
 * that marking is what can hold a frame back while the worker keeps the other core busy re-reading.
 */
import type { Row, Tone } from '../views/screen.js';

/**
 * Strings longer than this are not looked up: the repeated values are short, and a long string (a name, a
 * search text, an ARN) is almost always one row's own.
 */
const SHARED_LENGTH = 40;

/** One string per value among a batch of rows (a message's part: 2,000 rows at most). */
class Strings {
  private readonly seen = new Map<string, string>();
  one(s: string): string {
    if (s.length > SHARED_LENGTH) return s;
    const kept = this.seen.get(s);
    if (kept !== undefined) return kept;
    this.seen.set(s, s);
    return s;
  }
}

type Tones = NonNullable<Row['cellTones']>;

/** One tones object per combination of cell tones. */
function sharedTones(tones: Tones, strings: Strings, kept: Map<string, Tones>): Tones {
  let key = '';
  for (const k in tones) key += `${k}:${tones[Number(k)] ?? ''};`;
  const found = kept.get(key);
  if (found) return found;
  const copy: Record<number, Tone | undefined> = {};
  for (const k in tones) {
    const tone = tones[Number(k)];
    copy[Number(k)] = tone === undefined ? undefined : (strings.one(tone) as Tone);
  }
  kept.set(key, copy);
  return copy;
}

/** Makes, in place, the strings and tones that repeat in and across `rows` one object each. Returns `rows`. */
export function shareRowStrings(rows: Row[]): Row[] {
  const strings = new Strings();
  const tones = new Map<string, Tones>();
  for (const row of rows as Array<{ -readonly [K in keyof Row]: Row[K] }>) {
    const cells = row.cells as string[];
    for (let i = 0; i < cells.length; i++) cells[i] = strings.one(cells[i] as string);
    const sort = row.sort as (string | number)[];
    for (let i = 0; i < sort.length; i++) {
      const key = sort[i];
      if (typeof key !== 'string') continue;
      const cell = cells[i];
      sort[i] = cell !== undefined && key === cell ? cell : strings.one(key);
    }
    if (row.tone) row.tone = strings.one(row.tone) as Tone;
    if (row.cellTones) row.cellTones = sharedTones(row.cellTones, strings, tones);
    const target = row.target as Record<string, unknown> | undefined;
    if (target) {
      for (const k in target) {
        const value = target[k];
        if (typeof value === 'string') target[k] = value === row.id ? row.id : strings.one(value);
      }
    }
  }
  return rows;
}
