/**
 * Sending a refreshed list as what changed: the worker compares the new rows with the ones it last sent (by id
 * and content) and sends the new order as indexes into the old rows plus the rows that are new or changed; the
 * UI thread rebuilds the list from the rows it has. A refresh that changes a few jobs of a 100,000-row list then
 * crosses threads as a few rows and an Int32Array, and unchanged rows keep their identity (memoized drawing and
 * filtering stay valid).
 */
import { createHash } from 'node:crypto';
import type { Row } from '../views/screen.js';

/** What the worker remembers of the rows it last sent for a view. */
export interface SentRows {
  /**
   * The rows themselves while the data they were built from is held (they are its views' rows, so keeping them
   * costs nothing): a changed row is told from an unchanged one by comparing with them (`sameData`).
   */
  rows: readonly Row[] | undefined;
  /** Their digests instead, once that data is let go (`digestRows`): 32 bytes a row rather than the row. */
  digests: Buffer | undefined;
  /** How many rows were sent. */
  length: number;
  index: ReadonlyMap<string, number>;
}

const DIGEST_BYTES = 32;
const digestOf = (row: Row): Buffer => createHash('sha256').update(JSON.stringify(row)).digest();

/** A patch: `order[i]` ≥ 0 is a previous row, -(k+1) is `changed[k]`; `same` when nothing moved or changed. */
export interface RowPatch {
  order: Int32Array;
  changed: Row[];
  same: boolean;
}

/**
 * Whether two values of plain data (what crosses to the UI thread) are the same, as their JSON would be: a
 * property that is undefined counts as absent. Compared in place rather than through a JSON signature kept per
 * row, which at 100,000 rows was ~70 MB of strings held between refreshes.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    defined++;
    if (!sameData(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}

/** Remembers `rows` as sent. */
export function sentRows(rows: readonly Row[]): SentRows {
  const index = new Map<string, number>();
  rows.forEach((r, i) => index.set(r.id, i));
  return { rows, digests: undefined, length: rows.length, index };
}

/**
 * The same memory of what was sent, holding digests of the rows rather than the rows: called when the data
 * is let go before a changed snapshot is read again, so its rows (~90 MB at 100,000 assets) go with it.
 */
export function digestRows(sent: SentRows): SentRows {
  if (!sent.rows) return sent;
  const digests = Buffer.allocUnsafe(sent.rows.length * DIGEST_BYTES);
  sent.rows.forEach((row, i) => digestOf(row).copy(digests, i * DIGEST_BYTES));
  return { rows: undefined, digests, length: sent.length, index: sent.index };
}

/** Whether the row sent at `at` is `row`, by content (`digest`: the row's, when already worked out). */
function sentSame(prev: SentRows, at: number, row: Row, digest?: Buffer): boolean {
  if (prev.rows) return sameData(prev.rows[at], row);
  const digests = prev.digests as Buffer;
  return (digest ?? digestOf(row)).equals(digests.subarray(at * DIGEST_BYTES, (at + 1) * DIGEST_BYTES));
}

/**
 * The patch from `prev` to `next`, and what is then remembered as sent: the rows themselves, or with `digests`
 * their digests (worked out here anyway when `prev` is digests), so that the rows can be let go once sent.
 */
export function diffRows(prev: SentRows, next: readonly Row[], { digests: keepDigests = false } = {}): { patch: RowPatch; sent: SentRows } {
  const order = new Int32Array(next.length);
  const changed: Row[] = [];
  const index = new Map<string, number>();
  const digests = keepDigests ? Buffer.allocUnsafe(next.length * DIGEST_BYTES) : undefined;
  let same = next.length === prev.length;
  for (let i = 0; i < next.length; i++) {
    const row = next[i] as Row;
    index.set(row.id, i);
    const at = prev.index.get(row.id);
    const digest = digests || !prev.rows ? digestOf(row) : undefined;
    if (digest && digests) digest.copy(digests, i * DIGEST_BYTES);
    if (at !== undefined && sentSame(prev, at, row, digest)) {
      order[i] = at;
      if (at !== i) same = false;
    } else {
      changed.push(row);
      order[i] = -changed.length;
      same = false;
    }
  }
  const sent: SentRows = digests ? { rows: undefined, digests, length: next.length, index } : { rows: next, digests: undefined, length: next.length, index };
  return { patch: { order, changed, same }, sent };
}

/** The rows a patch describes, from the rows the receiver has (the ones last sent). */
export function applyPatch(prev: readonly Row[], order: Int32Array, changed: readonly Row[]): Row[] {
  const rows = new Array<Row>(order.length);
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    const row = at >= 0 ? prev[at] : changed[-at - 1];
    if (!row) throw new Error(`view patch refers to row ${at}, which the receiver does not have`);
    rows[i] = row;
  }
  return rows;
}
