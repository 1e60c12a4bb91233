/**
 * The edge check: each AWS record is validated against the estate schema as it is collected, so the estate
 * always loads back. A record AWS (or an emulator) returns without a field the schema needs is dropped and
 * recorded as an `UnexpectedResponse` error instead of breaking the whole estate.
 */
import type { z } from 'zod';
import { formatJsonPath, type CollectionError } from '@vaultscope/core';
import type { ErrorSink, FaultSite } from './errors.js';

/** `value` as the schema's type, or the error entry saying why it does not fit (for a caller that records later). */
export function check<S extends z.ZodType>(schema: S, value: unknown, site: FaultSite): { ok: true; value: z.infer<S> } | { ok: false; error: CollectionError } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    error: {
      ...site,
      code: 'UnexpectedResponse',
      message: `response does not have the expected shape${issue ? ` at ${formatJsonPath(issue.path)}: ${issue.message}` : ''}`,
    },
  };
}

/** `value` as the schema's type, or `undefined` (recorded) when it does not fit. */
export function conform<S extends z.ZodType>(schema: S, value: unknown, errors: ErrorSink, site: FaultSite): z.infer<S> | undefined {
  const checked = check(schema, value, site);
  if (checked.ok) return checked.value;
  errors.add(checked.error);
  return undefined;
}

/** The items that fit the schema (the others recorded). */
export function conformAll<S extends z.ZodType>(
  schema: S,
  values: readonly unknown[],
  errors: ErrorSink,
  site: (value: unknown) => FaultSite,
): Array<z.infer<S>> {
  const out: Array<z.infer<S>> = [];
  for (const value of values) {
    const item = conform(schema, value, errors, site(value));
    if (item !== undefined) out.push(item);
  }
  return out;
}
