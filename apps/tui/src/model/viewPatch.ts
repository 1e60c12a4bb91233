/**
 * Sending a refreshed list as what changed: the worker compares the new rows with the ones it last sent (by id
 * and content) and sends the new order as indexes into the old rows plus the rows that are new or changed; the
 * UI thread rebuilds the list from the rows it has. A refresh that changes a few jobs of a 100,000-row list then
 * crosses threads as a few rows and an Int32Array, and unchanged rows keep their identity (memoized drawing and
 * filtering stay valid).
 */
import type { Row } from '../views/screen.js';

/** What the worker remembers of the rows it last sent for a view. */
export interface SentRows {
  rows: readonly Row[];
  /** Content of each row, to tell a changed row from an unchanged one (worked out at the first diff). */
  sigs: readonly string[] | undefined;
  index: ReadonlyMap<string, number>;
}

/** A patch: `order[i]` ≥ 0 is a previous row, -(k+1) is `changed[k]`; `same` when nothing moved or changed. */
export interface RowPatch {
  order: Int32Array;
  changed: Row[];
  same: boolean;
}

const sigOf = (row: Row): string => JSON.stringify(row);

/** Remembers `rows` as sent; their content is compared only when a refresh comes (so opening a view is quick). */
export function sentRows(rows: readonly Row[]): SentRows {
  const index = new Map<string, number>();
  rows.forEach((r, i) => index.set(r.id, i));
  return { rows, sigs: undefined, index };
}

/** The patch from `prev` to `next`, and what is then remembered as sent. */
export function diffRows(prev: SentRows, next: readonly Row[]): { patch: RowPatch; sent: SentRows } {
  const prevSigs = prev.sigs ?? prev.rows.map(sigOf);
  const order = new Int32Array(next.length);
  const changed: Row[] = [];
  const sigs: string[] = new Array<string>(next.length);
  const index = new Map<string, number>();
  let same = next.length === prev.rows.length;
  for (let i = 0; i < next.length; i++) {
    const row = next[i] as Row;
    const sig = sigOf(row);
    sigs[i] = sig;
    index.set(row.id, i);
    const at = prev.index.get(row.id);
    if (at !== undefined && prevSigs[at] === sig) {
      order[i] = at;
      if (at !== i) same = false;
    } else {
      changed.push(row);
      order[i] = -changed.length;
      same = false;
    }
  }
  return { patch: { order, changed, same }, sent: { rows: next, sigs, index } };
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
