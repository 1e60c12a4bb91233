import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { describeIssue, InputError } from '../util/inputError.js';
import { policySchema, TIERS, type Policy } from './schema.js';

/** A policy with the text it came from, so packs can record which policy produced them. */
export interface LoadedPolicy {
  policy: Policy;
  /** SHA-256 of the policy text. */
  hash: string;
  origin: string;
}

/**
 * Parses and validates policy YAML; rejects classes that cannot meet their own RPO. Parsing text is not I/O: the
 * caller reads the file (or the bundled default, in @vaultscope/sources) and names it in `origin`.
 */
export function parsePolicy(text: string, origin: string): LoadedPolicy {
  const doc = parseDocument(text, { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new InputError(`${origin}: not valid YAML (${yamlError.message.split('\n')[0]})`);
  }
  let value: unknown;
  try {
    // yaml refuses to expand more than 100 aliases (`maxAliasCount`): an alias bomb ends here, as one line.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(`${origin}: not valid YAML (${String((error as Error).message).split('\n')[0]})`, { cause: error });
  }
  const result = policySchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`${origin}: ${issue ? describeIssue(issue) : 'invalid policy'}`, { cause: result.error });
  }
  for (const tier of TIERS) {
    const cls = result.data.classes[tier];
    if (cls.backupFrequencyHours > cls.rpoHours) {
      throw new InputError(
        `${origin}: classes.${tier}: backupFrequencyHours (${cls.backupFrequencyHours}) is longer than rpoHours ` +
          `(${cls.rpoHours}); class "${tier}" cannot meet its own RPO`,
      );
    }
  }
  return { policy: result.data, hash: createHash('sha256').update(text).digest('hex'), origin };
}
