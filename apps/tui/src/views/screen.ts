/**
 * What can be on screen: the screens of the navigation stack, and the view models (tables and documents) that
 * row projections produce for them. Views only draw these.
 */

export type ListKind = 'assets' | 'jobs' | 'restores' | 'findings' | 'plans' | 'vaults' | 'frameworks' | 'gaps';
export type JobKind = 'backup' | 'copy' | 'restore';

/** Narrows an organization-wide list (drill-down from pulse and from detail screens). */
export interface ListScope {
  accountId?: string;
  /** Only jobs created at or after this time. */
  since?: string;
  /** Only failed/expired/aborted jobs with this grouped failure reason. */
  reason?: string;
  /** Only jobs in these states. */
  states?: readonly string[];
  /** Only these resources (assets list: the resources a framework rule fails). */
  arns?: readonly string[];
  /** Shown in the title, e.g. `payments-prod · failed · 24 h`. */
  label?: string;
}

/** One screen of the navigation stack. */
export type Screen =
  | { kind: 'org' }
  | { kind: 'account'; accountId: string; tab: number }
  | { kind: 'asset'; arn: string }
  | { kind: 'job'; jobKind: JobKind; jobId: string }
  | { kind: 'finding'; id: string }
  | { kind: 'plan'; accountId: string; region: string; planId: string }
  | { kind: 'vault'; arn: string }
  | { kind: 'list'; list: ListKind; scope?: ListScope }
  | { kind: 'pulse'; tab: number }
  | { kind: 'help' }
  /** The AWS object behind an asset, job, plan or vault screen, as JSON. */
  | { kind: 'raw'; of: RawOf };

/** The screens whose AWS object `y` shows. */
export type RawOf = Extract<Screen, { kind: 'asset' | 'job' | 'plan' | 'vault' }>;

/** Colour intent; the theme decides what it looks like (or nothing, under NO_COLOR). */
export type Tone = 'bad' | 'warn' | 'ok' | 'dim' | 'accent' | 'heading';

/** A run of text with one tone. */
export interface Segment {
  text: string;
  tone?: Tone;
}

/** A table column. `flex` columns share what the fixed ones leave; low `priority` columns go first when narrow. */
export interface Column {
  title: string;
  width: number;
  flex?: boolean;
  align?: 'left' | 'right';
  priority?: number;
}

/** One list row: cells already sanitized, lower-cased search text precomputed, sort keys per column. */
export interface Row {
  id: string;
  cells: readonly string[];
  search: string;
  sort: readonly (string | number)[];
  fault: boolean;
  tone?: Tone;
  /** Tone of single cells, by column index (overrides the row tone). */
  cellTones?: Readonly<Record<number, Tone | undefined>>;
  /** Document lines: a section heading. */
  heading?: boolean;
  /** Where Enter goes. */
  target?: Screen;
  /** What `c` copies from this row: the fix command it shows. */
  copy?: string;
}

/** A screen's content: a table of rows, or a document of lines (a row with one cell). */
export interface ViewModel {
  kind: 'table' | 'doc';
  title: string;
  /** Lines above the list (totals, identity of the thing shown). */
  header: readonly (readonly Segment[])[];
  tabs?: { labels: readonly string[]; active: number };
  columns: readonly Column[];
  rows: readonly Row[];
  /** What to say when there are no rows. */
  empty: string;
}

/** A stable key for a screen (screens are plain data). */
export const screenKey = (screen: Screen): string => JSON.stringify(screen);
