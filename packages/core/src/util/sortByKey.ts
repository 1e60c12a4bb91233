/**
 * Sorting large lists (tens of thousands of jobs) by a string key: the keys are read once and indexes are sorted,
 * so a comparison reads no property of an item — several times faster than sorting the items with a comparator
 * that works the key out each time.
 */

/** `items` by `keyOf`, greatest key first; items with equal keys keep their order (the sort is stable). */
export function sortedByKeyDescending<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const keys = items.map(keyOf);
  const order = items.map((_, i) => i);
  order.sort((a, b) => {
    const x = keys[a] as string;
    const y = keys[b] as string;
    return x < y ? 1 : x > y ? -1 : 0;
  });
  return order.map((i) => items[i] as T);
}
