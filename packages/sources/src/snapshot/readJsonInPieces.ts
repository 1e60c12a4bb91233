/**
 * Reads a large JSON file without ever holding its whole text. `readFile` + `JSON.parse` of a 100,000-asset
 * snapshot holds its 272 MB of bytes, then its 272 MB string, then the string and the parsed estate together:
 * at the top of the TUI's memory while it re-reads a changed file. Here the file is read in chunks; the outer
 * containers (the document, `regions`, `jobs`, `jobs.backup`, …) are assembled by a small scanner and every value
 * inside them (a region, a job) is parsed by `JSON.parse` from its own text, so at most a chunk and one value of
 * text are alive besides what was parsed.
 *
 * The scanner only tells where values start and end; anything it does not accept throws, and the caller falls
 * back to the whole-file reader, whose error message (file, position) is then the one shown.
 */
import { open } from 'node:fs/promises';

/** Bytes read at a time. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Containers this deep or less are assembled here; deeper values are parsed whole (a job: depth 3). */
const SPINE_DEPTH = 2;

/** The scanner met something it does not handle (the whole-file parser words the problem). */
export class NotInPiecesError extends Error {
  override name = 'NotInPiecesError';
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isSpace = (b: number): boolean => b === SPACE || b === LF || b === CR || b === TAB;

/** A container being assembled, and what it expects next. */
interface Frame {
  value: unknown[] | Record<string, unknown>;
  array: boolean;
  /** The key of the member whose value comes next (objects). */
  key: string | undefined;
  expect: 'first' | 'value' | 'key' | 'colon' | 'comma';
}

/** Sets a member as JSON.parse does: `__proto__` is an own property, not the prototype. */
function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/**
 * Where the value starting at `start` ends (exclusive), or -1 when the bytes read (`buf` up to `n`) end first (read
 * more and ask again). A number or literal ends at a delimiter, or at the end of the file (`eof`).
 */
function endOfValue(buf: Buffer, start: number, n: number, eof: boolean): number {
  const first = buf[start] as number;
  if (first === QUOTE || first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = first === QUOTE ? 0 : 1;
    let inString = first === QUOTE;
    for (let i = start + 1; i < n; i++) {
      const c = buf[i] as number;
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 0) return i + 1;
        }
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    return -1;
  }
  for (let i = start + 1; i < n; i++) {
    const c = buf[i] as number;
    if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) return i;
  }
  return eof ? n : -1;
}

/**
 * Called each time a member of the document's top-level object has been read whole, with the object as read so
 * far (the members before it and this one; nothing checked yet): a caller can show what the start of a large file
 * tells while the rest is read.
 */
export type OnTopLevelMember = (root: Readonly<Record<string, unknown>>, key: string) => void;

/** Reads and parses the JSON file at `path` in pieces (see above). Throws NotInPiecesError or an I/O error. */
export async function readJsonInPieces(path: string, chunkBytes = CHUNK_BYTES, onMember?: OnTopLevelMember): Promise<unknown> {
  const file = await open(path, 'r');
  try {
    /**
     * One buffer for the whole file, its bytes read so far up to `len`: a new buffer per chunk (and another to join
     * a value cut by the chunk's end) left the thread's native heap with tens of MB it did not give back after a
     * 272 MB file. It grows only for a value longer than it can hold with the next chunk.
     */
    let buf = Buffer.allocUnsafe(2 * chunkBytes);
    let len = 0;
    /** Where scanning goes on in `buf`. */
    let at = 0;
    let eof = false;
    /** Reads the next chunk after the bytes of `buf` from `at` on (the rest is dropped); false at the end. */
    const more = async (): Promise<boolean> => {
      if (eof) return false;
      // The bytes not scanned yet (a value cut by the last chunk's end) move to the front.
      if (at > 0) {
        buf.copy(buf, 0, at, len);
        len -= at;
        at = 0;
      }
      if (buf.length - len < chunkBytes) {
        const bigger = Buffer.allocUnsafe(Math.max(2 * buf.length, len + chunkBytes));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await file.read(buf, len, chunkBytes, null);
      if (bytesRead === 0) {
        eof = true;
        return false;
      }
      len += bytesRead;
      return true;
    };

    const stack: Frame[] = [];
    let root: unknown;
    let done = false;
    const attach = (value: unknown): void => {
      const top = stack[stack.length - 1];
      if (!top) {
        root = value;
        done = true;
        return;
      }
      if (top.array) (top.value as unknown[]).push(value);
      else setMember(top.value as Record<string, unknown>, top.key as string, value);
      top.expect = 'comma';
      if (onMember && stack.length === 1 && !top.array) onMember(top.value as Record<string, unknown>, top.key as string);
    };
    /** The value starting at `at` parsed whole, or undefined when more must be read first. */
    const piece = (): { value: unknown } | undefined => {
      const end = endOfValue(buf, at, len, eof);
      if (end < 0) return undefined;
      const start = at;
      at = end;
      try {
        return { value: JSON.parse(buf.toString('utf8', start, end)) as unknown };
      } catch (error) {
        throw new NotInPiecesError((error as Error).message);
      }
    };

    for (;;) {
      while (at < len && isSpace(buf[at] as number)) at++;
      if (at >= len) {
        if (await more()) continue;
        if (done) return root;
        throw new NotInPiecesError('the file ends inside the document');
      }
      if (done) throw new NotInPiecesError('more after the document');
      const c = buf[at] as number;
      const top = stack[stack.length - 1];
      const expect = top?.expect ?? 'value';
      if (top && (c === CLOSE_OBJECT || c === CLOSE_ARRAY)) {
        if ((c === CLOSE_ARRAY) !== top.array || (expect !== 'comma' && expect !== 'first')) throw new NotInPiecesError('unexpected end of a container');
        at++;
        stack.pop();
        attach(top.value);
        continue;
      }
      if (expect === 'comma' || expect === 'colon') {
        if (c !== (expect === 'comma' ? COMMA : COLON)) throw new NotInPiecesError(`expected a ${expect}`);
        at++;
        (top as Frame).expect = expect === 'colon' ? 'value' : (top as Frame).array ? 'value' : 'key';
        continue;
      }
      if (top && !top.array && expect !== 'value') {
        if (c !== QUOTE) throw new NotInPiecesError('expected a key');
        const key = piece();
        if (!key) {
          if (eof) throw new NotInPiecesError('the file ends inside a key');
          await more();
          continue;
        }
        top.key = key.value as string;
        top.expect = 'colon';
        continue;
      }
      if ((c === OPEN_OBJECT || c === OPEN_ARRAY) && stack.length <= SPINE_DEPTH) {
        at++;
        stack.push({ value: c === OPEN_ARRAY ? [] : {}, array: c === OPEN_ARRAY, key: undefined, expect: 'first' });
        continue;
      }
      const value = piece();
      if (!value) {
        // Read on, or (at the end of the file) look again: a number may end with the file.
        if (eof) throw new NotInPiecesError('the file ends inside a value');
        await more();
        continue;
      }
      attach(value.value);
    }
  } finally {
    await file.close();
  }
}
