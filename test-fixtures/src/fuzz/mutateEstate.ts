/**
 * Seeded mutations of an estate document for fuzzing the loader and evaluation: each mutation is the JSON text of
 * the base estate with one fault planted — a value of the wrong type, a missing field, a day that does not exist, a
 * hostile string, an element repeated many times, a deep nesting, or damage to the text itself (truncation, a stray
 * byte, `NaN`). The same seed always gives the same mutations, so a failure names a reproducible case.
 */
import { createRng, type Rng } from '@vaultscope/sources/demo';

/** One mutated document. */
export interface EstateMutation {
  /** Index in the sequence, and what was done where (for the failure message). */
  index: number;
  kind: string;
  where: string;
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const HOSTILE = [
  '\u001b]0;pwned\u0007',
  '\u001b[2J\u001b[31mred',
  '\u009b31m',
  'invoice\u202efdp.exe',
  '\u200f\u2066isolated\u2069',
  '=HYPERLINK("http://x","y")',
  'a\u0000b\r\nc',
  'lone \ud800 surrogate',
  '顧客データ',
];
const IMPOSSIBLE_DATES = ['2026-02-30T00:00:00Z', '2026-04-31T12:00:00Z', '2100-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-21T24:00:00Z', '0000-00-00T00:00:00Z'];
const WRONG_VALUES: Json[] = [null, 0, -1, 1e308, '', 'x', true, [], {}, [null], { format: 'vaultscope.estate/v1' }];

/** Every (path, container, key) of the document, in a stable order. */
function slots(root: Json): Array<{ path: string; parent: Container; key: string | number }> {
  const out: Array<{ path: string; parent: Container; key: string | number }> = [];
  const walk = (node: Json, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push({ path: `${path}[${i}]`, parent: node, key: i });
        walk(child, `${path}[${i}]`);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push({ path: path ? `${path}.${key}` : key, parent: node, key });
        walk(child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(root, '');
  return out;
}

function get(parent: Container, key: string | number): Json {
  return (parent as Record<string | number, Json>)[key] as Json;
}
function set(parent: Container, key: string | number, value: Json): void {
  (parent as Record<string | number, Json>)[key] = value;
}

/** Structural mutations: applied to a parsed copy, then serialised. */
const STRUCTURAL: Array<[string, (rng: Rng, doc: Json) => string]> = [
  ['wrong type', (rng, doc) => {
    const slot = rng.pick(slots(doc));
    set(slot.parent, slot.key, structuredClone(rng.pick(WRONG_VALUES)));
    return slot.path;
  }],
  ['missing field', (rng, doc) => {
    const slot = rng.pick(slots(doc).filter((s) => !Array.isArray(s.parent)));
    delete (slot.parent as Record<string, Json>)[slot.key as string];
    return slot.path;
  }],
  ['impossible date', (rng, doc) => {
    const dates = slots(doc).filter((s) => typeof get(s.parent, s.key) === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(get(s.parent, s.key) as string));
    const slot = rng.pick(dates);
    set(slot.parent, slot.key, rng.pick(IMPOSSIBLE_DATES));
    return slot.path;
  }],
  ['hostile string', (rng, doc) => {
    const strings = slots(doc).filter((s) => typeof get(s.parent, s.key) === 'string');
    const slot = rng.pick(strings);
    set(slot.parent, slot.key, `${get(slot.parent, slot.key) as string}${rng.pick(HOSTILE)}`);
    return slot.path;
  }],
  ['hostile key', (rng, doc) => {
    const objects = slots(doc).filter((s) => { const v = get(s.parent, s.key); return v !== null && typeof v === 'object' && !Array.isArray(v); });
    const slot = rng.pick(objects);
    (get(slot.parent, slot.key) as Record<string, Json>)[rng.pick(HOSTILE)] = rng.pick(HOSTILE);
    return slot.path;
  }],
  ['repeated element', (rng, doc) => {
    const arrays = slots(doc).filter((s) => { const v = get(s.parent, s.key); return Array.isArray(v) && v.length > 0; });
    const slot = rng.pick(arrays);
    const list = get(slot.parent, slot.key) as Json[];
    const element = list[rng.int(0, list.length - 1)] as Json;
    const times = rng.int(100, 2000);
    for (let i = 0; i < times; i++) list.push(structuredClone(element));
    return `${slot.path} ×${times}`;
  }],
  ['extreme number', (rng, doc) => {
    const numbers = slots(doc).filter((s) => typeof get(s.parent, s.key) === 'number');
    const slot = numbers.length ? rng.pick(numbers) : rng.pick(slots(doc));
    set(slot.parent, slot.key, rng.pick([-1, 0, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0]));
    return slot.path;
  }],
];

/** Textual mutations: applied to the JSON text. */
const TEXTUAL: Array<[string, (rng: Rng, text: string) => [string, string]]> = [
  ['truncated', (rng, text) => {
    const at = rng.int(0, text.length - 1);
    return [`at ${at}`, text.slice(0, at)];
  }],
  ['stray byte', (rng, text) => {
    const at = rng.int(0, text.length - 1);
    const byte = rng.pick(['\u001b', '\u0000', '{', ']', '"', ',', '\\', '\u202e', 'NaN']);
    return [`at ${at}`, `${text.slice(0, at)}${byte}${text.slice(at)}`];
  }],
  // Written as text: building it as a value would need a recursive JSON.stringify (the stack would overflow here).
  ['deep nesting', (rng, text) => {
    const values = [...text.matchAll(/:"(?:[^"\\]|\\.)*"/g)];
    const m = rng.pick(values);
    let open = '';
    let close = '';
    for (let i = 0; i < 20_000; i++) {
      const array = rng.chance(0.5);
      open += array ? '[' : '{"x":';
      close = (array ? ']' : '}') + close;
    }
    const at = (m.index ?? 0) + 1;
    return [`at ${at}`, `${text.slice(0, at)}${open}"bottom"${close}${text.slice(at + m[0].length - 1)}`];
  }],
  ['NaN or Infinity', (rng, text) => {
    const numbers = [...text.matchAll(/:(-?\d+(?:\.\d+)?)(?=[,}\]])/g)];
    const m = numbers.length ? rng.pick(numbers) : undefined;
    if (!m || m.index === undefined) return ['nowhere', `${text.slice(0, -1)},"n":NaN}`];
    return [`at ${m.index}`, `${text.slice(0, m.index + 1)}${rng.pick(['NaN', 'Infinity', '-Infinity'])}${text.slice(m.index + 1 + (m[1]?.length ?? 0))}`];
  }],
];

/** `count` mutations of `base` (an estate document), seeded. */
export function* mutateEstate(base: unknown, count: number, seed: number): Generator<EstateMutation> {
  const rng = createRng(seed);
  const baseText = JSON.stringify(base);
  for (let index = 0; index < count; index++) {
    // About one in five damages the text itself; the rest change the structure.
    if (rng.chance(0.2)) {
      const [kind, mutate] = rng.pick(TEXTUAL);
      const [where, text] = mutate(rng, baseText);
      yield { index, kind, where, text };
    } else {
      const [kind, mutate] = rng.pick(STRUCTURAL);
      const doc = JSON.parse(baseText) as Json;
      const where = mutate(rng, doc);
      yield { index, kind, where, text: JSON.stringify(doc) };
    }
  }
}
