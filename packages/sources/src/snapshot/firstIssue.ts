/**
 * The first place a value breaks a schema, found by walking down with the compiled checks of fastCheck.ts; zod
 * then words the problem for that one small value only. zod alone validates everything and collects every issue:
 * an estate with a million bad job records took minutes to say what was wrong with the first.
 */
import type { z } from 'zod';
import { compileCheck } from './fastCheck.js';

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const compiled = new WeakMap<z.ZodType, (value: unknown) => boolean>();
function checkOf(schema: z.ZodType): (value: unknown) => boolean {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = compileCheck(schema)));
  return check;
}

/** The child of `value` that fails its part of the schema, if the schema has parts and one fails. */
function failingChild(def: Def, value: unknown): [PropertyKey, z.ZodType, unknown] | undefined {
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const check = checkOf(def.element);
    for (let i = 0; i < value.length; i++) if (!check(value[i])) return [i, def.element, value[i]];
  } else if (def.type === 'record' && def.valueType && isPlainObject(value)) {
    const check = checkOf(def.valueType);
    for (const key in value) if (!check(value[key])) return [key, def.valueType, value[key]];
  } else if (def.type === 'object' && def.shape && isPlainObject(value)) {
    for (const key in def.shape) {
      const child = def.shape[key]!;
      if (!checkOf(child)(value[key])) return [key, child, value[key]];
    }
  }
  return undefined;
}

/** The first issue of `value` against `schema` (its path from the root), or `undefined` when it is valid. */
export function firstIssue(schema: z.ZodType, value: unknown): z.core.$ZodIssue | undefined {
  const path: PropertyKey[] = [];
  let s = schema;
  let v = value;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional' && def.innerType && v !== undefined) {
      s = def.innerType;
      continue;
    }
    const child = failingChild(def, v);
    if (!child) {
      const result = s.safeParse(v, { reportInput: true });
      if (result.success) return undefined;
      const issue = result.error.issues[0];
      return issue ? { ...issue, path: [...path, ...issue.path] } : undefined;
    }
    path.push(child[0]);
    s = child[1];
    v = child[2];
  }
}
