/**
 * Turning SDK output into estate JSON: `Date` → ISO string, no `undefined`, no `$metadata`; tag lists → maps;
 * ARNs the SDK does not return.
 */

/** A JSON-ready deep copy of SDK output: Dates become ISO strings, `undefined` and `$metadata` disappear. */
export function toPlain<T>(value: T): Plain<T> {
  return convert(value) as Plain<T>;
}

/** The type `toPlain` returns: every Date becomes a string. */
export type Plain<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Plain<T[K]> }
      : T;

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || key === '$metadata') continue;
      out[key] = convert(item);
    }
    return out;
  }
  return value;
}

/** ISO string of an optional SDK date. */
export function isoOf(date: Date | string | undefined): string | undefined {
  if (date === undefined) return undefined;
  return date instanceof Date ? date.toISOString() : new Date(date).toISOString();
}

interface TagLike {
  Key?: string | undefined;
  Value?: string | undefined;
}

/** `[{Key, Value}]` (any AWS casing of the list) → `{ key: value }`. */
export function tagMap(tags: readonly TagLike[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  }
  return out;
}

/** The partition a Region belongs to (for ARNs the API does not return). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export const GIB = 1024 ** 3;

/** Drops keys whose value is `undefined` (the estate never carries them). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** Every item of every page (the SDK paginators follow tokens to the end, empty pages included). */
export async function allPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}
