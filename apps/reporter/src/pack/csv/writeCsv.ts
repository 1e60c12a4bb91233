/**
 * Streams rows into an RFC 4180 CSV file (UTF-8 with BOM, CRLF, every field with a line break quoted) through csv-stringify, honouring backpressure,
 * so a million-row file is never held as one string.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { CSV_RFC4180, toCell, type CsvColumn } from '@vaultscope/core';

export type { CellValue } from '@vaultscope/core';

/** One column: its header, how to read it from a row (core's CSV column) and its documentation. */
export interface Column<T> extends CsvColumn<T> {
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

/** Writes `rows` to `path`; returns the number of data rows. */
export async function writeCsv<T>(path: string, columns: readonly Column<T>[], rows: Iterable<T> | AsyncIterable<T>): Promise<number> {
  const stringifier = stringify({ ...CSV_RFC4180, bom: true });
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
