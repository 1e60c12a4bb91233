/**
 * The ledger's PostgreSQL layout: the same tables and columns as SQLite (see ../schema.ts), so the same rows hash to
 * the same chain. Text is compared byte-wise (`COLLATE "C"`), as SQLite does: a period read orders jobs exactly as
 * a SQLite ledger would, whatever the database's locale. Migrations are applied in order, each once, under the
 * ledger's advisory lock; `meta.schema` records the last one.
 */
import { SCHEMA_VERSION } from '../schema.js';

const T = 'TEXT COLLATE "C"';

/** Migration n (1-based) brings the schema from version n-1 to n. */
export const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE IF NOT EXISTS batches (
  seq                INTEGER PRIMARY KEY,
  kind               ${T} NOT NULL,
  collected_at       ${T} NOT NULL,
  source             ${T} NOT NULL,
  organization_id    ${T},
  estate_captured_at ${T},
  jobs_since         ${T},
  policy_hash        ${T},
  summary            ${T},
  note               ${T},
  entry_count        INTEGER NOT NULL,
  inserted           INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  unchanged          INTEGER NOT NULL,
  prev_hash          ${T} NOT NULL,
  hash               ${T} NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_time ON batches(kind, collected_at);
CREATE TABLE IF NOT EXISTS entries (
  id            INTEGER PRIMARY KEY,
  batch_seq     INTEGER NOT NULL,
  kind          ${T} NOT NULL,
  job_id        ${T} NOT NULL,
  state         ${T} NOT NULL,
  final         INTEGER NOT NULL,
  creation_date ${T} NOT NULL,
  account_id    ${T} NOT NULL,
  record        ${T} NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_batch ON entries(batch_seq, id);
CREATE INDEX IF NOT EXISTS entries_by_job ON entries(kind, job_id, id);
CREATE TABLE IF NOT EXISTS jobs (
  kind          ${T} NOT NULL,
  job_id        ${T} NOT NULL,
  entry_id      INTEGER NOT NULL,
  final         INTEGER NOT NULL,
  creation_date ${T} NOT NULL,
  account_id    ${T} NOT NULL,
  PRIMARY KEY (kind, job_id)
);
CREATE INDEX IF NOT EXISTS jobs_period ON jobs(kind, creation_date, job_id) INCLUDE (entry_id);
`,
];

if (String(MIGRATIONS.length) !== SCHEMA_VERSION) throw new Error('PostgreSQL migrations and the ledger schema version disagree');

/**
 * Alert deliveries (as ../schema.ts): operational state outside the chain and outside the versioned migrations, so
 * a ledger of any version gains the table when next opened for writing.
 */
export const ALERT_DELIVERIES_DDL = `CREATE TABLE IF NOT EXISTS alert_deliveries (
  alert_key    ${T} NOT NULL,
  sink         ${T} NOT NULL,
  kind         ${T} NOT NULL,
  delivered_at ${T} NOT NULL,
  PRIMARY KEY (alert_key, sink)
)`;

/** Alerts being sent (as ../schema.ts): operational state, added like alert_deliveries. */
export const ALERT_CLAIMS_DDL = `CREATE TABLE IF NOT EXISTS alert_claims (
  alert_key  ${T} NOT NULL,
  sink       ${T} NOT NULL,
  claimant   ${T} NOT NULL,
  claimed_at ${T} NOT NULL,
  PRIMARY KEY (alert_key, sink)
)`;

export const META_DDL = `CREATE TABLE IF NOT EXISTS meta (key ${T} PRIMARY KEY, value ${T} NOT NULL)`;

/**
 * The advisory lock every writer of a PostgreSQL ledger takes for its transaction (`pg_advisory_xact_lock`): one
 * writer at a time appends, so each batch links to the one before. A fixed key ("vaults" in ASCII); one database
 * holds one ledger.
 */
export const WRITER_LOCK = '130160953947251';
