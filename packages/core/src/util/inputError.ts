import type { z } from 'zod';

/**
 * A problem with what the user gave us (a file, an option): shown as one line, exit code 2, no stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `regions[0].assets[3].arn` from a zod issue path. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const s = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out || '(root)';
}

/** One readable sentence for the first zod issue: `regions[0].assets[3].arn: expected string`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatJsonPath(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      // Parsed with `reportInput`, so a missing field shows up as an undefined input.
      return 'input' in issue && issue.input === undefined
        ? `${where}: required ${issue.expected} is missing`
        : `${where}: expected ${issue.expected}`;
    }
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `${where}: unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}
