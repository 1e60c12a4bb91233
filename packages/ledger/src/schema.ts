/**
 * The ledger's SQLite layout.
 *
 * - `batches`: one row per collection (or retention event), chained by `hash` = SHA-256 over the previous hash,
 *   the batch's entries and its header.
 * - `entries`: append-only job records (and Audit Manager evidence items, kind `audit-evidence`, keyed by
 *   evidence id, their time in `creation_date`), each in the batch that observed it, with the columns the index
 *   copies (all hashed). Never updated.
 * - `jobs`: an index, one row per job (or evidence item) pointing at its latest entry, with the columns period
 *   queries filter on.
 *   It is derived from `entries` and checked against them by `verifyChain()`.
 * - `alert_deliveries`: which alert went to which sink, and when (not chained: see below).
 */
export const SCHEMA_VERSION = '1';

export const DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
  seq               INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,
  collected_at      TEXT NOT NULL,
  source            TEXT NOT NULL,
  organization_id   TEXT,
  estate_captured_at TEXT,
  jobs_since        TEXT,
  policy_hash       TEXT,
  summary           TEXT,
  note              TEXT,
  entry_count       INTEGER NOT NULL,
  inserted          INTEGER NOT NULL,
  updated           INTEGER NOT NULL,
  unchanged         INTEGER NOT NULL,
  prev_hash         TEXT NOT NULL,
  hash              TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
  id        INTEGER PRIMARY KEY,
  batch_seq INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  job_id    TEXT NOT NULL,
  state     TEXT NOT NULL,
  final     INTEGER NOT NULL,
  creation_date TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  record    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_batch ON entries(batch_seq, id);
-- Lets verification find each job's latest entry with an index scan instead of a sort.
CREATE INDEX IF NOT EXISTS entries_by_job ON entries(kind, job_id, id);
CREATE TABLE IF NOT EXISTS jobs (
  kind          TEXT NOT NULL,
  job_id        TEXT NOT NULL,
  entry_id      INTEGER NOT NULL,
  final         INTEGER NOT NULL,
  creation_date TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  PRIMARY KEY (kind, job_id)
) WITHOUT ROWID;
-- Covering (entry_id included): period reads walk this index alone, then fetch each entry by rowid.
CREATE INDEX IF NOT EXISTS jobs_period ON jobs(kind, creation_date, job_id, entry_id);
-- Alerts delivered, one row per alert key and sink: what makes each alert go out once. Operational state, not
-- evidence, so outside the hash chain (an added table: older ledgers gain it when next opened for writing).
CREATE TABLE IF NOT EXISTS alert_deliveries (
  alert_key    TEXT NOT NULL,
  sink         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  PRIMARY KEY (alert_key, sink)
) WITHOUT ROWID;
-- Alerts being sent: claimed before sending, dropped when delivered or given up (see types.ts AlertClaim).
CREATE TABLE IF NOT EXISTS alert_claims (
  alert_key  TEXT NOT NULL,
  sink       TEXT NOT NULL,
  claimant   TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (alert_key, sink)
) WITHOUT ROWID;
`;
