/**
 * The `:` commands: each names an organization-wide view (or an app action). Completion and the help screen
 * are generated from this list.
 */
import type { ListKind } from '../views/screen.js';

/** What a `:` command does. */
export type ViewCommandAction =
  | { kind: 'org' }
  | { kind: 'list'; list: ListKind }
  | { kind: 'pulse' }
  | { kind: 'help' }
  | { kind: 'refresh' }
  | { kind: 'quit' };

/** One `:` command. */
export interface ViewCommand {
  name: string;
  aliases: readonly string[];
  description: string;
  action: ViewCommandAction;
}

export const VIEW_COMMANDS: readonly ViewCommand[] = [
  { name: 'accounts', aliases: ['org', 'a'], description: 'Organization overview, one row per account', action: { kind: 'org' } },
  { name: 'assets', aliases: ['xray'], description: 'Every data asset in the organization', action: { kind: 'list', list: 'assets' } },
  { name: 'jobs', aliases: [], description: 'Backup, copy and restore jobs, newest first', action: { kind: 'list', list: 'jobs' } },
  { name: 'restores', aliases: [], description: 'Restore jobs and restore tests', action: { kind: 'list', list: 'restores' } },
  { name: 'findings', aliases: [], description: 'Findings, worst first', action: { kind: 'list', list: 'findings' } },
  { name: 'plans', aliases: [], description: 'Backup plans and their rules', action: { kind: 'list', list: 'plans' } },
  { name: 'vaults', aliases: [], description: 'Backup vaults and their locks', action: { kind: 'list', list: 'vaults' } },
  { name: 'frameworks', aliases: ['nist'], description: 'Compliance framework rules (NIST 800-53 r5): pass and fail counts', action: { kind: 'list', list: 'frameworks' } },
  { name: 'gaps', aliases: ['notevaluated'], description: 'Checks the posture could not evaluate, and why', action: { kind: 'list', list: 'gaps' } },
  { name: 'pulse', aliases: ['pulses'], description: 'Jobs by state per account (24 h / 7 d) and failure reasons', action: { kind: 'pulse' } },
  { name: 'help', aliases: ['?'], description: 'Keys and commands', action: { kind: 'help' } },
  { name: 'refresh', aliases: [], description: 'Refresh now', action: { kind: 'refresh' } },
  { name: 'quit', aliases: ['q', 'q!'], description: 'Quit', action: { kind: 'quit' } },
];

/** The command a typed name (or unambiguous prefix) stands for. */
export function findViewCommand(text: string): ViewCommand | undefined {
  const name = text.trim().toLowerCase();
  if (!name) return undefined;
  const exact = VIEW_COMMANDS.find((c) => c.name === name || c.aliases.includes(name));
  if (exact) return exact;
  const byPrefix = VIEW_COMMANDS.filter((c) => c.name.startsWith(name));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/** Command names that start with `prefix`. */
export function completions(prefix: string): string[] {
  const p = prefix.trim().toLowerCase();
  return VIEW_COMMANDS.map((c) => c.name).filter((n) => n.startsWith(p));
}

/** Tab completion: the single match, else the longest common prefix of the matches, else the text unchanged. */
export function complete(prefix: string): string {
  const matches = completions(prefix);
  const first = matches[0];
  if (!first) return prefix;
  if (matches.length === 1) return first;
  let common = first;
  for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
  return common.length > prefix.trim().length ? common : prefix;
}
