/**
 * Compact copies of the records a collection holds until it is recorded: the job lists (about 280,000 jobs at
 * 2,000 accounts × 4 Regions over 30 days). A job as the SDK and the schema check leave it costs ~2.7 KB of heap,
 * for two reasons:
 * - objects built key by key (the SDK's deserialiser, `toPlain`, zod's parse) fall into V8's dictionary mode past a
 *   dozen keys — a hash table per job — where an object made in one go (`Object.fromEntries`) has fast properties;
 * - every string value is a copy of its own, although most of a job's strings (account, Region, vault, resource,
 *   role ARNs, the plan and rule it came from) are the same in every job of an account × Region.
 * A compact copy has fast properties and shares the repeated strings through a pool kept for one collection: about
 * 1 KB a job. Values are equal, so what is recorded (the JSON text of each job) is the same byte for byte.
 */

/**
 * Keys whose values are (nearly) unique per record — ids, recovery points, times — and are not pooled: pooling
 * them would only add a pool entry each. Pooling or not never changes a value.
 */
const UNIQUE_KEY = /(JobId|RecoveryPointArn|Date|^StartBy)$/;

export class CompactRecords {
  private readonly strings = new Map<string, string>();

  /** A fast-properties deep copy of a JSON-shaped record, its repeated strings shared with earlier records. */
  copy<T>(record: T): T {
    return this.value(record, '') as T;
  }

  private value(value: unknown, key: string): unknown {
    if (typeof value === 'string') return UNIQUE_KEY.test(key) ? value : this.pooled(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item, key));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.value(v, k)]));
    }
    return value;
  }

  private pooled(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
