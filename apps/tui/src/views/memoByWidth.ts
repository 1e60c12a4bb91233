/**
 * Remembers what is worked out from an object for a terminal width: layouts are asked for on every frame, and
 * change only with the object (new data) or the width (a resize). Forgotten with the object.
 */
export function memoByWidth<K extends object, V>(compute: (key: K, width: number) => V): (key: K, width: number) => V {
  const cache = new WeakMap<K, Map<number, V>>();
  return (key, width) => {
    let byWidth = cache.get(key);
    if (!byWidth) cache.set(key, (byWidth = new Map()));
    let value = byWidth.get(width);
    if (value === undefined) byWidth.set(width, (value = compute(key, width)));
    return value;
  };
}
