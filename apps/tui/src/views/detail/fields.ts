/**
 * Field listings for detail screens: an AWS object flattened to `Path.To.Field  value` lines.
 */

/** `[path, value]` pairs of a JSON-like object, depth first, arrays indexed. */
export function flattenFields(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return prefix ? [[prefix, '']] : [];
  if (Array.isArray(value)) {
    if (value.length === 0) return prefix ? [[prefix, '[]']] : [];
    return value.flatMap((v, i) => flattenFields(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [[prefix, '{}']] : [];
    return entries.flatMap(([k, v]) => flattenFields(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}

/** Fields in a preferred order first, then every other field, then the preferred ones that are absent. */
export function orderedFields(object: Record<string, unknown>, preferred: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const key of preferred) if (key in object) out.push(...flattenFields(object[key], key));
  for (const [key, value] of Object.entries(object)) if (!preferred.includes(key)) out.push(...flattenFields(value, key));
  return out;
}

/** Lines `Key ······ value` with keys padded to one width. */
export function fieldLines(fields: readonly [string, string][]): string[] {
  const width = Math.min(34, Math.max(0, ...fields.map(([k]) => k.length)));
  return fields.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
}
