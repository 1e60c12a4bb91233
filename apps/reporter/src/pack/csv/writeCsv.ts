/**
 * Streams rows into an RFC 4180 CSV file (UTF-8 with BOM, CRLF, every field with a line break quoted) through csv-stringify, honouring backpressure,
 * so a million-row file is never held as one string.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { toCell } from './cell.js';

/** A cell value before neutralisation. */
export type CellValue = string | number | boolean | null | undefined;

/** One column: its header and how to read it from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => CellValue;
  /** One line for docs/csv-columns.md. */
  doc: string;
}

/**
 * Gathers csv-stringify's one-chunk-per-record output into ~1 MiB writes: a million tiny chunks through a file
 * stream cost more than the formatting itself.
 */
class Coalesce extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= CHUNK) this.flushParts();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flushParts();
    done();
  }

  private flushParts(): void {
    if (this.size === 0) return;
    this.push(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

const CHUNK = 1 << 20;

/**
 * CRLF records. csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF or CR: RFC 4180
 * wants every field with a line break quoted, or a strict reader (and a spreadsheet) sees a new record.
 */
const RFC4180 = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** Writes `rows` to `path`; returns the number of data rows. */
export async function writeCsv<T>(path: string, columns: readonly Column<T>[], rows: Iterable<T> | AsyncIterable<T>): Promise<number> {
  const stringifier = stringify({ ...RFC4180, bom: true });
  const done = pipeline(stringifier, new Coalesce(), createWriteStream(path));
  // Surface a write failure (disk full, permission) instead of waiting forever for a drain.
  let failure: unknown;
  done.catch((error: unknown) => {
    failure = error;
  });
  const drained = (): Promise<unknown> => Promise.race([once(stringifier, 'drain'), done]);
  const toRecord = (row: T): string[] => columns.map((c) => toCell(c.value(row)));
  stringifier.write(columns.map((c) => c.header));
  let count = 0;
  // Rows are written synchronously until the stream asks to wait: no promise per row.
  if (Symbol.asyncIterator in rows) {
    for await (const row of rows) {
      if (failure) throw failure;
      if (!stringifier.write(toRecord(row))) await drained();
      count++;
    }
  } else {
    for (const row of rows) {
      if (failure) throw failure;
      if (!stringifier.write(toRecord(row))) await drained();
      count++;
    }
  }
  stringifier.end();
  await done;
  return count;
}

/**
 * The same CSV as one string (RFC 4180, CRLF), for outputs small enough to hold: the findings `posture --output
 * csv` prints. `bom` for files a spreadsheet opens; not for a pipe, where it would be the first "character".
 */
export function toCsv<T>(columns: readonly Column<T>[], rows: Iterable<T>, options: { bom: boolean }): string {
  const records = [columns.map((c) => c.header)];
  for (const row of rows) records.push(columns.map((c) => toCell(c.value(row))));
  return stringifySync(records, { ...RFC4180, bom: options.bom });
}
