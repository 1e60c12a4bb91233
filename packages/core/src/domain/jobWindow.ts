/**
 * The evaluation window over job lists: jobs created at or after its start (timestamps are canonical UTC, so a
 * string comparison is a time comparison). One shared empty list for the many assets without jobs.
 */
const NO_JOBS: readonly never[] = Object.freeze([]);

/** The jobs created at or after `windowStart`. */
export function inWindow<T extends { CreationDate: string }>(jobs: readonly T[] | undefined, windowStart: string): readonly T[] {
  return jobs && jobs.length ? jobs.filter((j) => j.CreationDate >= windowStart) : NO_JOBS;
}
