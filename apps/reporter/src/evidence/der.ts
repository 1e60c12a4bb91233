/**
 * The little DER the evidence signatures need: encode a TLV, and read one back with its exact byte offsets
 * (verification must hash the signed attributes exactly as they were received, never a re-encoding).
 */

/** One decoded element: its tag byte and where its header and content sit in the buffer. */
export interface DerNode {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Thrown on malformed DER. */
export class DerError extends Error {
  override readonly name = 'DerError';
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A TLV from a tag byte and its content (one buffer or the concatenation of several). */
export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  /** [0] IMPLICIT of a primitive type (a SignerInfo's subjectKeyIdentifier). */
  CONTEXT_0_PRIMITIVE: 0x80,
  CONTEXT_1: 0xa1,
  CONTEXT_3: 0xa3,
} as const;

export const seq = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...items);
/** A DER SET OF: members sorted by their encodings, as X.690 requires. */
export const setOf = (...items: Buffer[]): Buffer => tlv(TAG.SET, ...[...items].sort(Buffer.compare));
export const octets = (b: Buffer): Buffer => tlv(TAG.OCTET_STRING, b);
export const integer = (n: number): Buffer => tlv(TAG.INTEGER, Buffer.from([n]));
export const nul = (): Buffer => tlv(TAG.NULL);

/** An OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = parts;
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(bytes));
}

/** A positive INTEGER from unsigned big-endian bytes (a leading zero added when the top bit is set). */
export const unsignedInteger = (bytes: Buffer): Buffer => tlv(TAG.INTEGER, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
export const boolean = (value: boolean): Buffer => tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0]));

/** UTCTime (years 1950–2049) or GeneralizedTime, whole seconds, as RFC 5652 asks. */
export function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(TAG.UTC_TIME, Buffer.from(digits.slice(2), 'latin1')) : tlv(TAG.GENERALIZED_TIME, Buffer.from(digits, 'latin1'));
}

/**
 * Reads the element starting at `offset`. Strict DER: single-byte tags only, definite lengths in their shortest
 * form, so one encoding is the only encoding (a signature check can then trust what it reads).
 */
export function readNode(buf: Buffer, offset = 0): DerNode {
  if (offset + 2 > buf.length) throw new DerError('truncated DER');
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not used here');
  let length = buf[offset + 1] ?? 0;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported DER length');
    if (contentStart + count > buf.length) throw new DerError('truncated DER');
    if (buf[contentStart] === 0) throw new DerError('DER length not in its shortest form');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[contentStart + i] ?? 0);
    if (length < 0x80) throw new DerError('DER length not in its shortest form');
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > buf.length) throw new DerError('DER element runs past the end of the data');
  return { tag, start: offset, contentStart, end };
}

/** Reads an element that must fill `buf` exactly (no trailing bytes) and carry `tag`. */
export function readWhole(buf: Buffer, tag: number): DerNode {
  const node = readNode(buf);
  if (node.end !== buf.length) throw new DerError(`${buf.length - node.end} trailing bytes after the DER element`);
  if (node.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

/** The children of a constructed element, which must have exactly the tags given, in order. */
export function childrenTagged(buf: Buffer, node: DerNode, tags: readonly number[], what: string): DerNode[] {
  const kids = children(buf, node);
  if (kids.length !== tags.length || kids.some((k, i) => k.tag !== tags[i])) throw new DerError(`unexpected ${what} structure`);
  return kids;
}

/** The children of a constructed element. */
export function children(buf: Buffer, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let at = node.contentStart; at < node.end; ) {
    const child = readNode(buf, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The bytes of an element (header included) or of its content only. */
export const bytesOf = (buf: Buffer, node: DerNode): Buffer => buf.subarray(node.start, node.end);
export const contentOf = (buf: Buffer, node: DerNode): Buffer => buf.subarray(node.contentStart, node.end);

/**
 * A UTCTime or GeneralizedTime element as a Date. GeneralizedTime may carry fractional seconds (RFC 3161
 * timestamps do); both must be in UTC (`Z`), as DER requires.
 */
export function readTime(buf: Buffer, node: DerNode): Date {
  if (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME) throw new DerError('expected a time');
  const text = contentOf(buf, node).toString('latin1');
  const full = node.tag === TAG.UTC_TIME ? `${Number(text.slice(0, 2)) >= 50 ? '19' : '20'}${text}` : text;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(full);
  if (!match) throw new DerError(`malformed time ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? frac.slice(0, 4) : ''}Z`);
  if (Number.isNaN(date.getTime())) throw new DerError(`malformed time ${JSON.stringify(text)}`);
  return date;
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function oidText(buf: Buffer, node: DerNode): string {
  const bytes = contentOf(buf, node);
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
