/**
 * Compact copies of the records a collection holds until it is recorded. A record as the SDK, `toPlain` and the
 * schema check leave it is costly, for two reasons:
 * - objects built key by key fall into V8's dictionary mode past a dozen keys (a hash table per object), where an
 *   object made in one go (`Object.fromEntries`) has fast properties: a job is ~2.7 KB in dictionary mode, ~1.3 KB
 *   with fast properties;
 * - every string value is a copy of its own, although most of a job's strings (account, Region, vault, resource,
 *   role ARNs, the plan and rule it came from) are the same in every job of an account × Region.
 * The job lists (about 280,000 jobs at 2,000 accounts × 4 Regions over 30 days) are kept as copies that also share
 * their repeated strings through a pool kept for one collection (`CompactRecords`); the Region observations (few
 * records each, mostly unique strings) as plain fast copies (`fastCopy`). Values are equal, so what is recorded — the
 * JSON text of each record — is the same byte for byte.
 */

/**
 * Keys whose values are (nearly) unique per job — ids, recovery points, times — and are not pooled: pooling them
 * would only add a pool entry each. Pooling or not never changes a value.
 */
const UNIQUE_KEY = /(JobId|RecoveryPointArn|Date|^StartBy)$/;

/** A deep copy of a JSON-shaped value with fast-properties objects; `share` may swap a string for an equal one. */
function copyOf(value: unknown, key: string, share?: (key: string, text: string) => string): unknown {
  if (typeof value === 'string') return share ? share(key, value) : value;
  if (Array.isArray(value)) return value.map((item) => copyOf(item, key, share));
  // Only plain objects are rebuilt: anything else (a Date, a Map) is kept as it is, never turned into `{}`.
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v, k, share)]));
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A fast-properties deep copy of a JSON-shaped record (no string pooling). */
export function fastCopy<T>(record: T): T {
  return copyOf(record, '') as T;
}

/** Compact copies of job records for one collection, their repeated strings shared with earlier records. */
export class CompactRecords {
  private readonly strings = new Map<string, string>();
  private readonly share = (key: string, text: string): string => {
    if (UNIQUE_KEY.test(key)) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  };

  /** A fast-properties deep copy of a JSON-shaped record, its repeated strings shared with earlier records. */
  copy<T>(record: T): T {
    return copyOf(record, '', this.share) as T;
  }
}
