import { readJsonFile } from './jsonFile.js';
import { describeIssue, InputError, ESTATE_FORMAT, estateSchema, type Estate } from '@vaultscope/core';
import { firstIssue } from './firstIssue.js';
import { compileCheck } from './fastCheck.js';
import { normaliseTimestamps } from './normaliseTimestamps.js';
import { readJsonInPieces } from './readJsonInPieces.js';

const isEstate = compileCheck(estateSchema);

/** Validates a parsed estate document; `origin` names the file in the error. */
export function parseEstate(value: unknown, origin: string): Estate {
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof value === 'object' && value !== null && format !== ESTATE_FORMAT) {
    throw new InputError(
      `${origin}: format: expected "${ESTATE_FORMAT}"${typeof format === 'string' ? `, got "${format}"` : ''}`,
    );
  }
  // Fast path: the estate schema only has loose objects, so an accepted value is returned as it is.
  if (isEstate(value)) return normaliseTimestamps(value as Estate);
  // Only the first problem is reported, so only it is looked for (a million bad records cost one).
  const issue = firstIssue(estateSchema, value);
  if (issue) throw new InputError(`${origin}: ${describeIssue(issue)}`);
  const result = estateSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const first = result.error.issues[0];
    throw new InputError(`${origin}: ${first ? describeIssue(first) : 'invalid estate'}`, { cause: result.error });
  }
  return normaliseTimestamps(result.data);
}

/** Loads and validates an estate snapshot file. */
export async function loadEstateFile(path: string): Promise<Estate> {
  return parseEstate(await readJsonFile(path), path);
}

/**
 * An estate's start as read, before its jobs: its capture time, organization, accounts and Regions' observations
 * (assets, plans, vaults). **Not checked yet** — the file's own shape, which the whole estate's check may still
 * refuse: for showing what a large file tells while its jobs (most of its bytes) are read, never for judging.
 */
export type EstateBeforeJobs = Pick<Estate, 'capturedAt' | 'organization' | 'accounts' | 'regions'>;

export interface InPiecesOptions {
  /**
   * Called once the accounts and the Regions have been read, when they come before the jobs (as estates are
   * written: a 100,000-asset file's first 23 %).
   */
  onBeforeJobs?: (start: EstateBeforeJobs) => void;
}

/**
 * Loads an estate snapshot file without ever holding its whole text (readJsonInPieces.ts), for a process that
 * keeps the estate while it runs (the TUI re-reads a changed 272 MB file with the previous estate let go). A file
 * the piecewise reader does not take is loaded by loadEstateFile, whose error (the file and the JSON path or
 * position) is then the one shown.
 */
export async function loadEstateFileInPieces(path: string, options: InPiecesOptions = {}): Promise<Estate> {
  const { onBeforeJobs } = options;
  let told = false;
  const onMember = onBeforeJobs
    ? (root: Readonly<Record<string, unknown>>): void => {
        if (told || 'jobs' in root || !Array.isArray(root['accounts']) || !Array.isArray(root['regions'])) return;
        told = true;
        onBeforeJobs(root as unknown as EstateBeforeJobs);
      }
    : undefined;
  let value: unknown;
  try {
    value = await readJsonInPieces(path, undefined, onMember);
  } catch {
    return loadEstateFile(path);
  }
  return parseEstate(value, path);
}
