/**
 * One string for each repeated value of a parsed estate. `JSON.parse` makes a new string for every value, so a
 * 100,000-asset snapshot holds 180,000 copies of "COMPLETED", of its vault ARNs, of the plan, rule and role ARNs
 * in every job's `CreatedBy`: about a third of the parsed estate's heap. Values are shared per property name;
 * a property whose values are mostly distinct (ids, times, the ARN of each resource) stops being looked up after
 * a sample, so the pass stays one walk. Strings are values: nothing that reads the estate can tell the difference.
 */

/** Values of a property looked at before deciding whether they repeat. */
const SAMPLE = 2_048;
/** A property is shared when its sample has at most this share of distinct values. */
const MAX_DISTINCT = 0.25;
/** Longer strings (messages, policy documents) are rarely repeated; not looked up. */
const MAX_LENGTH = 256;

interface Values {
  seen: number;
  /** The shared values; undefined once the property turned out not to repeat. */
  shared: Map<string, string> | undefined;
}

/** Replaces, in place, every repeated string value under `root` by one shared string. Returns `root`. */
export function shareStrings<T extends object>(root: T): T {
  const byKey = new Map<string, Values>();
  const share = (key: string, value: string): string => {
    if (value.length > MAX_LENGTH) return value;
    let values = byKey.get(key);
    if (!values) {
      values = { seen: 0, shared: new Map() };
      byKey.set(key, values);
    }
    const shared = values.shared;
    if (!shared) return value;
    values.seen++;
    const hit = shared.get(value);
    if (hit !== undefined) return hit;
    if (values.seen >= SAMPLE && shared.size > values.seen * MAX_DISTINCT) {
      values.shared = undefined;
      return value;
    }
    shared.set(value, value);
    return value;
  };
  const walk = (node: object, key: string): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = share(key, v);
        else if (typeof v === 'object' && v !== null) walk(v, key);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const k in record) {
      const v = record[k];
      // Always stored: equal strings compare equal, so whether `share` returned another copy cannot be asked.
      if (typeof v === 'string') record[k] = share(k, v);
      else if (typeof v === 'object' && v !== null) walk(v, k);
    }
  };
  walk(root, '');
  return root;
}
