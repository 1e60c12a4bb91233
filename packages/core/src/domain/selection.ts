/**
 * AWS Backup selection semantics (aws-reference §2.3–2.5): does one `BackupSelection` select one resource?
 *
 * selected = typeOptedIn
 *         && (any Resources pattern matches || any ListOfTags entry matches || both lists empty)
 *         && every Conditions entry holds
 *         && no NotResources pattern matches
 *         && the resource was not created by restore testing
 *
 * Pure: no I/O, no clock. Plans are regional, so the caller pairs a selection only with resources of the plan's
 * own account and Region; `accountId`/`region` on the target are carried for that caller, not re-checked here
 * (S3 ARNs have no Region/account, so the ARN alone could not check them anyway).
 */
import type { BackupSelection } from '../estate/schema.js';

/** One resource as the selection sees it: its ARN in the exact form AWS Backup uses, its Backup type and tags. */
export interface SelectionTarget {
  arn: string;
  resourceType: string;
  tags: Record<string, string>;
  accountId: string;
  region: string;
  /** Whether it is a resource restore testing created (worked out here when absent; pass it when asking many selections). */
  restoreTestResource?: boolean;
}

/** optIn = the Region's ResourceTypeOptInPreference; undefined means "not observed" → treat every type as opted in. */
export interface SelectionContext {
  optIn?: Record<string, boolean>;
}

/** Either the clause that selected the resource, or why not (`optInBlocked`: only the Region's opt-in stopped it). */
export type SelectionResult = { selected: true; clause: string } | { selected: false; optInBlocked: boolean };

// AWS: these types share ARN formats with others (rds cluster:*), so naming the ARN does not bypass opt-in.
const ALWAYS_NEED_OPT_IN: ReadonlySet<string> = new Set(['Aurora', 'Neptune', 'DocumentDB']);

/**
 * ARN formats that several resource types share ("Assign resources with AWS CLI", Shared resource types): Aurora
 * and RDS Multi-AZ clusters share `arn:aws:rds:…:cluster:*`, FSx and FSx for OpenZFS share
 * `arn:aws:fsx:…:file-system/*`. A pattern naming such an ARN cannot tell AWS which type is meant, so the resource
 * is backed up only when its own type is opted in, whatever the pattern.
 */
export function sharesArnFormat(arn: string): boolean {
  const parsed = splitArn(arn);
  if (!parsed) return false;
  const service = parsed.fields[1];
  return (service === 'rds' && parsed.resource.startsWith('cluster:')) || (service === 'fsx' && parsed.resource.startsWith('file-system/'));
}

/** Whether naming the resource's ARN in `Resources` still leaves it subject to its type's opt-in. */
export function needsOwnOptIn(target: Pick<SelectionTarget, 'arn' | 'resourceType'>): boolean {
  return ALWAYS_NEED_OPT_IN.has(target.resourceType) || sharesArnFormat(target.arn);
}
const RESTORE_TEST_MARKER = 'awsbackup-restore-test';
const RESOURCE_TAG_PREFIX = /^aws:resourcetag\//i;

export type ConditionOperator = 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike';
const CONDITION_OPERATORS: readonly ConditionOperator[] = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'];

interface ParsedArn {
  fields: readonly string[]; // partition, service, region, account
  resource: string;
}

/**
 * A small memo for pure string → value functions: evaluation asks the same ARN and pattern questions once per
 * selection × asset, so parsing each string once keeps large estates fast. Bounded: cleared when full.
 */
function memo<T>(fn: (key: string) => T, max = 50_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      if (cache.size >= max) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value as T;
  };
}

/** Splits `arn:partition:service:region:account:resource` (the resource part may itself contain `:`). */
const splitArn = memo((arn: string): ParsedArn | undefined => {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { fields: parts.slice(1, 5), resource: parts.slice(5).join(':') };
});

/** Glob for one ARN header field: `*` = any run of characters (the field never contains `:`). */
function fieldMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === value;
  return globToRegExp(pattern, false).test(value);
}

/**
 * The resource-id part: AWS only supports `*` at the END (a prefix match). A `*` anywhere else
 * (`arn:aws:s3:::*-logs`) is not supported by AWS Backup: we treat such a pattern as a literal that can never
 * match, rather than guessing a glob AWS would not apply.
 */
function resourceMatches(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  if (star !== pattern.length - 1) return false;
  return value.startsWith(pattern.slice(0, -1));
}

/** An ARN pattern split once: `*`, not an ARN, a short `arn:…:*` header prefix, or header fields plus resource. */
interface ParsedPattern {
  kind: 'any' | 'never' | 'header' | 'full';
  fields: readonly string[];
  resource: string;
}

const parsePattern = memo((pattern: string): ParsedPattern => {
  const p = pattern.trim();
  if (p === '*') return { kind: 'any', fields: [], resource: '' };
  const parts = p.split(':');
  if (parts[0] !== 'arn') return { kind: 'never', fields: [], resource: '' };
  if (parts.length < 6) {
    // Service-only forms (`arn:aws:fsx:*`): a trailing `*` field stands for every field after it.
    const last = parts[parts.length - 1] ?? '';
    return last.endsWith('*') ? { kind: 'header', fields: parts.slice(1), resource: '' } : { kind: 'never', fields: [], resource: '' };
  }
  return { kind: 'full', fields: parts.slice(1, 5), resource: parts.slice(5).join(':') };
}, 5_000);

/** Does an ARN pattern from `Resources`/`NotResources` match this ARN (AWS Backup wildcard rules)? */
export function arnMatches(pattern: string, arn: string): boolean {
  const parsed = parsePattern(pattern);
  if (parsed.kind === 'any') return true;
  const target = splitArn(arn);
  if (!target || parsed.kind === 'never') return false;
  // A header pattern names only its leading fields; a full one all four (partition, service, Region, account).
  const fields = parsed.fields;
  for (let i = 0; i < fields.length; i++) {
    if (!fieldMatches(fields[i] ?? '', target.fields[i] ?? '')) return false;
  }
  return parsed.kind === 'header' || resourceMatches(parsed.resource, target.resource);
}

/**
 * Does the pattern name a resource type (so AWS selects it even when the type is not opted in)?
 * `*`, service-only `arn:aws:ec2:*` and a bare `…:*` resource part name no type. S3 is the exception: bucket ARNs
 * have no type token, so a full `arn:aws:s3:::…` pattern (as the console writes for "all S3 buckets") can only
 * mean buckets (UNCONFIRMED: inferred from the documented "explicitly assigned, such as Amazon S3" wording).
 */
export const namesResourceType = memo((pattern: string): boolean => {
  const parts = pattern.trim().split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  if (parts[2] === 's3') return true;
  const resource = parts.slice(5).join(':');
  return resource !== '' && !resource.startsWith('*');
}, 5_000);

/** IAM-style string glob: `*` any run, `?` one character; everything else literal and case-sensitive. */
const globCache = { plain: memo((p: string) => compileGlob(p, false), 5_000), iam: memo((p: string) => compileGlob(p, true), 5_000) };

export function globToRegExp(pattern: string, withQuestionMark: boolean): RegExp {
  return withQuestionMark ? globCache.iam(pattern) : globCache.plain(pattern);
}

function compileGlob(pattern: string, withQuestionMark: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?' && withQuestionMark) source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function tagKey(conditionKey: string): string {
  return conditionKey.trim().replace(RESOURCE_TAG_PREFIX, '');
}

export function conditionHolds(op: ConditionOperator, key: string, expected: string, tags: Record<string, string>): boolean {
  const actual = Object.hasOwn(tags, key) ? tags[key] : undefined;
  switch (op) {
    case 'StringEquals':
      return actual === expected;
    case 'StringNotEquals':
      // IAM: a negated operator on an absent key is true (UNCONFIRMED for AWS Backup, aws-reference §10 item 3).
      return actual === undefined || actual !== expected;
    case 'StringLike':
      return actual !== undefined && globToRegExp(expected, true).test(actual);
    case 'StringNotLike':
      return actual === undefined || !globToRegExp(expected, true).test(actual);
  }
}

export interface ConditionEntry {
  op: ConditionOperator;
  key: string;
  value: string;
}

function conditionEntries(selection: BackupSelection): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  const conditions = selection.Conditions;
  if (!conditions) return out;
  for (const op of CONDITION_OPERATORS) {
    for (const entry of conditions[op] ?? []) out.push({ op, key: tagKey(entry.ConditionKey), value: entry.ConditionValue });
  }
  return out;
}

/** Whether a resource was created by a restore test (AWS Backup never selects those). */
export function isRestoreTestResource(target: Pick<SelectionTarget, 'arn' | 'tags'>): boolean {
  if (Object.hasOwn(target.tags, RESTORE_TEST_MARKER)) return true;
  if (target.tags['Name']?.startsWith(RESTORE_TEST_MARKER)) return true;
  // The id is whatever follows the last `/` or `:` (`table/x`, `db:x`, `file-system/x`, or the bucket name);
  // the resource part is the ARN's tail, so the whole ARN gives the same answer without splitting it.
  const arn = target.arn;
  return arn.startsWith(RESTORE_TEST_MARKER, Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1);
}

export function isOptedIn(resourceType: string, ctx: SelectionContext): boolean {
  // Observed map without the type: AWS lists every type the Region supports, so absent means "not opted in".
  return ctx.optIn === undefined || ctx.optIn[resourceType] === true;
}

export interface CompiledSelection {
  resources: string[];
  notResources: string[];
  tags: { key: string; value: string }[];
  conditions: ConditionEntry[];
  conditionSuffix: string;
}

// A selection is asked about every asset of its account and Region: normalise it once.
const compiled = new WeakMap<BackupSelection, CompiledSelection>();

export function compileSelection(selection: BackupSelection): CompiledSelection {
  let c = compiled.get(selection);
  if (!c) {
    const conditions = conditionEntries(selection);
    c = {
      resources: (selection.Resources ?? []).map((p) => p.trim()).filter((p) => p !== ''),
      notResources: (selection.NotResources ?? []).map((p) => p.trim()).filter((p) => p !== ''),
      tags: (selection.ListOfTags ?? []).map((t) => ({ key: tagKey(t.ConditionKey), value: t.ConditionValue })),
      conditions,
      conditionSuffix: conditions.length === 0 ? '' : ` + Conditions ${conditions.map((x) => `${x.op} ${x.key}=${x.value}`).join(' AND ')}`,
    };
    compiled.set(selection, c);
  }
  return c;
}

const NOT_SELECTED: SelectionResult = Object.freeze({ selected: false, optInBlocked: false });

/** Evaluates one selection against one resource, exactly as AWS Backup combines Resources/ListOfTags/Conditions/NotResources. */
export function evaluateSelection(selection: BackupSelection, target: SelectionTarget, ctx: SelectionContext): SelectionResult {
  if (target.restoreTestResource ?? isRestoreTestResource(target)) return NOT_SELECTED;
  const sel = compileSelection(selection);

  for (const c of sel.conditions) if (!conditionHolds(c.op, c.key, c.value, target.tags)) return NOT_SELECTED;
  for (const p of sel.notResources) if (arnMatches(p, target.arn)) return NOT_SELECTED;

  let first: string | undefined;
  let explicit: string | undefined;
  for (const p of sel.resources) {
    if (!arnMatches(p, target.arn)) continue;
    first ??= p;
    if (namesResourceType(p)) {
      explicit = p;
      break;
    }
  }

  let base: string | undefined;
  if (explicit !== undefined && !needsOwnOptIn(target)) {
    // Documented: a type named in the ARN wins over opt-in, even when tags would also have matched.
    base = `Resources ${explicit}`;
  } else {
    const matchingTag = first === undefined ? sel.tags.find((t) => target.tags[t.key] === t.value) : undefined;
    if (first !== undefined) base = `Resources ${first}`;
    else if (matchingTag) base = `ListOfTags ${matchingTag.key}=${matchingTag.value}`;
    else if (sel.resources.length === 0 && sel.tags.length === 0) base = 'all resources (empty selection)';
    if (base === undefined) return NOT_SELECTED;
    if (!isOptedIn(target.resourceType, ctx)) return { selected: false, optInBlocked: true };
  }
  return { selected: true, clause: base + sel.conditionSuffix };
}
