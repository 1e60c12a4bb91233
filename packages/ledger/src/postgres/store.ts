/**
 * The ledger in PostgreSQL, for teams: collectors, schedulers and operators on different hosts share one history.
 * Same tables, same chain, same reads as the SQLite ledger (../ledger.ts); writers serialise on a transaction-level
 * advisory lock, readers page through the period index (keyset pagination), so memory stays flat either way.
 * The connection URL may carry a password: it is never printed (`location` is the URL without it).
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { InputError } from '@vaultscope/core';
import { AUDIT_EVIDENCE_KIND, type AuditEvidenceItem } from '../auditEvidence.js';
import { canonicalTime, headerOf, LedgerIntegrityError, toInfo, type BatchRow } from '../batchRow.js';
import { GENESIS_HASH } from '../chain.js';
import { JOB_KINDS, type JobKind, type JobOfKind } from '../finality.js';
import { ALL_TIME, DEFAULT_LEDGER_WAIT_MS } from '../ledger.js';
import { OBSERVATION_KIND, type AccountObservation } from '../observations.js';
import { coverageFrom } from '../queries.js';
import { SCHEMA_VERSION } from '../schema.js';
import type { LedgerStore, OpenStoreOptions } from '../store.js';
import type { AlertClaim, AlertDelivery, BatchInfo, BatchReceipt, ChainVerification, CollectionInput, HistoryCoverage, LedgerRange, Period, PruneResult } from '../types.js';
import { ChainWalk, type EntryTuple } from '../verify.js';
import { appendCollection, headRow, metaValue, pruneBefore } from './append.js';
import { shownPostgresUrl } from './url.js';
import { claimsSettledBefore, dropSettledClaimsSql } from '../alertClaims.js';
import { ALERT_CLAIMS_DDL, ALERT_DELIVERIES_DDL, META_DDL, MIGRATIONS, WRITER_LOCK } from './schema.js';

const PAGE = 2000;

/** PostgreSQL's SQLSTATEs that are the operator's to act on, as one line naming the (password-less) ledger. */
function ledgerFault(shown: string, error: unknown, waitMs: number): unknown {
  if (error instanceof InputError || error instanceof LedgerIntegrityError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '55P03' || code === 'busy') {
    return new InputError(`${shown}: ledger is busy — another process kept writing to it for more than ${Math.round(waitMs / 1000)} s; nothing was recorded (run again, or raise --ledger-wait)`, { cause: error });
  }
  if (code === '53100') return new InputError(`${shown}: cannot write the ledger (disk full on the database server); nothing was recorded`, { cause: error });
  if (code === '25006') return new InputError(`${shown}: cannot write the ledger (read-only database)`, { cause: error });
  if (typeof code === 'string' && /^(08|28|3D|57P0|ECONN|ENOTFOUND|ETIMEDOUT|EAI_)/.test(code)) {
    return new InputError(`${shown}: cannot reach the PostgreSQL ledger (${message})`, { cause: error });
  }
  return error;
}

/** A PostgreSQL ledger as a `LedgerStore`. */
export class PostgresLedgerStore implements LedgerStore {
  readonly backend = 'postgres' as const;
  readonly inMemory = false;

  private constructor(
    readonly location: string,
    private readonly pool: Pool,
    private readonly waitMs: number,
  ) {}

  /** Connects, and (unless read-only) creates or migrates the schema; checks the schema version. */
  static async open(url: string, options: OpenStoreOptions = {}): Promise<PostgresLedgerStore> {
    const shown = shownPostgresUrl(url);
    // Two connections: a pack reads its period while the chain is re-hashed.
    const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'vaultscope' });
    // An idle connection dropped by the server must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    const store = new PostgresLedgerStore(shown, pool, options.waitMs ?? DEFAULT_LEDGER_WAIT_MS);
    try {
      if (!options.readonly) await store.migrate();
      await store.checkSchema();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw ledgerFault(shown, error, store.waitMs);
    }
  }

  private async migrate(): Promise<void> {
    // Most opens find the schema current: no need to queue behind a writer for that.
    const exists = (await this.pool.query<{ t: string | null }>("SELECT to_regclass('meta')::text AS t")).rows[0]?.t;
    const alerts = (await this.pool.query<{ t: string | null }>("SELECT to_regclass('alert_claims')::text AS t")).rows[0]?.t;
    if (exists && alerts && (await metaValue(this.pool, 'schema')) === SCHEMA_VERSION) return;
    await this.transaction(async (client) => {
      await client.query(META_DDL);
      const version = Number((await metaValue(client, 'schema')) ?? 0);
      for (let v = version; v < MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v] as string);
        await client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', ['schema', String(v + 1)]);
      }
      await client.query(ALERT_DELIVERIES_DDL);
      await client.query(ALERT_CLAIMS_DDL);
    });
  }

  private async checkSchema(): Promise<void> {
    const exists = (await this.pool.query<{ t: string | null }>("SELECT to_regclass('meta')::text AS t")).rows[0]?.t;
    const version = exists ? await metaValue(this.pool, 'schema') : undefined;
    if (!exists) throw new InputError(`${this.location}: not a Vaultscope ledger (no ledger tables in this database)`);
    if (version !== SCHEMA_VERSION) throw new InputError(`${this.location}: ledger schema ${version ?? '(none)'} is not supported (expected ${SCHEMA_VERSION})`);
  }

  /**
   * Runs `work` in one transaction holding the writer lock: waits up to the ledger wait for another writer (its
   * batch is then visible here: READ COMMITTED reads after the lock is granted), rolls back on any failure.
   */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        if (this.waitMs === 0) {
          const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS ok', [WRITER_LOCK])).rows[0]?.ok;
          if (!got) throw Object.assign(new Error('ledger lock held'), { code: 'busy' });
        } else {
          await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.waitMs))}`);
          await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [WRITER_LOCK]);
        }
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  private async write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await this.transaction(work);
    } catch (error) {
      throw ledgerFault(this.location, error, this.waitMs);
    }
  }

  private async read<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw ledgerFault(this.location, error, this.waitMs);
    }
  }

  recordCollection(input: CollectionInput): Promise<BatchReceipt> {
    return this.write(async (client) => {
      const known = await metaValue(client, 'organization');
      if (input.organizationId && known && known !== input.organizationId) {
        throw new InputError(`${this.location}: this ledger holds organization ${known}, not ${input.organizationId}; use --ledger to choose another ledger`);
      }
      if (input.organizationId && !known) await client.query('INSERT INTO meta (key, value) VALUES ($1, $2)', ['organization', input.organizationId]);
      return appendCollection(client, input, (await metaValue(client, 'anchor_hash')) ?? GENESIS_HASH);
    });
  }

  prune(before: string, at: string): Promise<PruneResult> {
    return this.write((client) => pruneBefore(client, before, at));
  }

  async head(): Promise<BatchInfo | undefined> {
    const row = await this.read(() => headRow(this.pool));
    return row ? toInfo(row) : undefined;
  }

  async *batches(): AsyncGenerator<BatchInfo> {
    let after = 0;
    for (;;) {
      const rows = await this.read(async () => (await this.pool.query<BatchRow>('SELECT * FROM batches WHERE seq > $1 ORDER BY seq LIMIT 500', [after])).rows);
      for (const row of rows) yield toInfo(row);
      const last = rows.at(-1);
      if (!last) return;
      after = last.seq;
    }
  }

  async isEmpty(): Promise<boolean> {
    return (await this.head()) === undefined;
  }

  async verifyChain(options: { index?: 'full' | 'latest' } = {}): Promise<ChainVerification> {
    return this.read(async () => {
      const batches = (await this.pool.query<BatchRow>('SELECT * FROM batches ORDER BY seq')).rows;
      const anchorSeq = Number((await metaValue(this.pool, 'anchor_seq')) ?? 0);
      const anchorHash = (await metaValue(this.pool, 'anchor_hash')) ?? GENESIS_HASH;
      const walk = new ChainWalk(batches, anchorSeq, anchorHash, headerOf);
      let after = 0;
      pages: for (;;) {
        const rows = (
          await this.pool.query<EntryTuple>({
            text: 'SELECT batch_seq, id, kind, job_id, state, final, creation_date, account_id, record FROM entries WHERE id > $1 ORDER BY id LIMIT $2',
            values: [after, PAGE * 5],
            rowMode: 'array',
          })
        ).rows;
        for (const row of rows) if (walk.entry(row)) break pages;
        const last = rows.at(-1);
        if (!last) break;
        after = last[1];
      }
      const result = walk.finish();
      if (!result.ok) return result;
      const index = await this.verifyIndex(options.index ?? 'full');
      return index ? { ok: false, batches: batches.length, brokenSeq: index.seq, reason: index.reason } : result;
    });
  }

  /** The job index against the entries (see ../verify.ts `verifyIndex`). */
  private async verifyIndex(depth: 'full' | 'latest'): Promise<{ seq: number; reason: string } | undefined> {
    const stale = (
      await this.pool.query<{ kind: string; jobId: string; seq: number }>(
        `SELECT x.kind AS kind, x.job_id AS "jobId", e.batch_seq AS seq
         FROM (SELECT kind, job_id, max(id) AS m FROM entries GROUP BY kind, job_id) x
         LEFT JOIN jobs j ON j.kind = x.kind AND j.job_id = x.job_id
         JOIN entries e ON e.id = x.m
         WHERE j.entry_id IS DISTINCT FROM x.m LIMIT 1`,
      )
    ).rows[0];
    if (stale) return { seq: stale.seq, reason: `job index does not point at the latest record of ${stale.kind} job ${stale.jobId}` };
    if (depth === 'latest') return undefined;
    const wrong = (
      await this.pool.query<{ kind: string; jobId: string; seq: number | null }>(
        `SELECT j.kind AS kind, j.job_id AS "jobId", e.batch_seq AS seq FROM jobs j LEFT JOIN entries e ON e.id = j.entry_id
         WHERE e.id IS NULL OR e.kind IS DISTINCT FROM j.kind OR e.job_id IS DISTINCT FROM j.job_id OR e.final IS DISTINCT FROM j.final
            OR e.creation_date IS DISTINCT FROM j.creation_date OR e.account_id IS DISTINCT FROM j.account_id
         LIMIT 1`,
      )
    ).rows[0];
    if (!wrong) return undefined;
    return wrong.seq === null
      ? { seq: 0, reason: `job index lists ${wrong.kind} job ${wrong.jobId} with no recorded entry` }
      : { seq: wrong.seq, reason: `job index disagrees with the record of ${wrong.kind} job ${wrong.jobId}` };
  }

  /** The latest record text of every entry of a kind in the period (see ../queries.ts `iterateRecords`). */
  private async *records(kind: string, period: Period): AsyncGenerator<string> {
    const from = canonicalTime(period.from);
    const to = canonicalTime(period.to);
    let cursor: [string, string] = ['', ''];
    for (;;) {
      const low = cursor[0] > from ? cursor[0] : from;
      const rows = await this.read(
        async () =>
          (
            await this.pool.query({
              text: `SELECT j.creation_date, j.job_id, e.record, e.kind, e.job_id, e.creation_date, e.batch_seq
                     FROM jobs j LEFT JOIN entries e ON e.id = j.entry_id
                     WHERE j.kind = $1 AND j.creation_date >= $2 AND j.creation_date < $3 AND (j.creation_date > $4 OR j.job_id > $5)
                     ORDER BY j.creation_date, j.job_id LIMIT $6`,
              values: [kind, low, to, cursor[0], cursor[1], PAGE],
              rowMode: 'array',
            })
          ).rows as [string, string, string | null, string, string, string, number][],
      );
      for (const [created, id, record, entryKind, entryId, entryCreated, seq] of rows) {
        if (record === null || entryKind !== kind || entryId !== id || entryCreated !== created) {
          throw new LedgerIntegrityError(this.location, seq ?? 0, `job index disagrees with the record of ${kind === AUDIT_EVIDENCE_KIND ? 'Audit Manager evidence' : `${kind} job`} ${id}`);
        }
        yield record;
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      cursor = [last[0], last[1]];
    }
  }

  async *iterateJobs<K extends JobKind>(kind: K, period: Period): AsyncGenerator<JobOfKind[K]> {
    for await (const record of this.records(kind, period)) yield JSON.parse(record) as JobOfKind[K];
  }

  async *iterateAuditEvidence(period: Period): AsyncGenerator<AuditEvidenceItem> {
    for await (const record of this.records(AUDIT_EVIDENCE_KIND, period)) yield JSON.parse(record) as AuditEvidenceItem;
  }

  async *iterateObservations(): AsyncGenerator<AccountObservation> {
    for await (const record of this.records(OBSERVATION_KIND, ALL_TIME)) yield JSON.parse(record) as AccountObservation;
  }

  countJobs(kind: JobKind, period: Period): Promise<number> {
    return this.read(async () => {
      const r = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE kind = $1 AND creation_date >= $2 AND creation_date < $3', [
        kind, canonicalTime(period.from), canonicalTime(period.to),
      ]);
      return r.rows[0]?.n ?? 0;
    });
  }

  collectionsIn(period: Period): Promise<BatchInfo[]> {
    return this.read(async () => {
      const r = await this.pool.query<BatchRow>("SELECT * FROM batches WHERE kind = 'collection' AND collected_at >= $1 AND collected_at < $2 ORDER BY seq", [
        canonicalTime(period.from), canonicalTime(period.to),
      ]);
      return r.rows.map(toInfo);
    });
  }

  private async spanOf(kind: string): Promise<{ count: number; earliest?: string; latest?: string }> {
    const r = (await this.pool.query<{ n: number; lo: string | null; hi: string | null }>(
      'SELECT count(*)::int AS n, min(creation_date) AS lo, max(creation_date) AS hi FROM jobs WHERE kind = $1', [kind],
    )).rows[0];
    return { count: r?.n ?? 0, ...(r?.lo ? { earliest: r.lo } : {}), ...(r?.hi ? { latest: r.hi } : {}) };
  }

  range(): Promise<LedgerRange> {
    return this.read(async () => {
      const head = await headRow(this.pool);
      const first = (await this.pool.query<{ seq: number; collected_at: string }>('SELECT seq, collected_at FROM batches ORDER BY seq LIMIT 1')).rows[0];
      const count = (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM batches')).rows[0]?.n ?? 0;
      const jobs = {} as LedgerRange['jobs'];
      for (const kind of JOB_KINDS) jobs[kind] = await this.spanOf(kind);
      return {
        batches: count,
        ...(first ? { firstBatch: { seq: first.seq, collectedAt: first.collected_at } } : {}),
        ...(head ? { lastBatch: { seq: head.seq, collectedAt: head.collected_at, hash: head.hash } } : {}),
        jobs,
        auditEvidence: await this.spanOf(AUDIT_EVIDENCE_KIND),
      };
    });
  }

  coverage(): Promise<HistoryCoverage> {
    return this.read(async () => {
      const since = (await this.pool.query<{ s: string | null; u: string | null }>("SELECT min(jobs_since) AS s, max(collected_at) AS u FROM batches WHERE kind = 'collection'")).rows[0];
      const mins: string[] = [];
      for (const kind of JOB_KINDS) {
        const e = (await this.pool.query<{ e: string | null }>('SELECT min(creation_date) AS e FROM jobs WHERE kind = $1', [kind])).rows[0]?.e;
        if (e) mins.push(e);
      }
      const notes = (await this.pool.query<{ note: string | null }>("SELECT note FROM batches WHERE kind = 'retention'")).rows.map((r) => r.note);
      return coverageFrom(since?.s ?? null, since?.u ?? null, mins.sort()[0], notes);
    });
  }

  alertsDelivered(sink: string, keys: readonly string[]): Promise<Set<string>> {
    return this.read(async () => {
      const rows = (await this.pool.query<{ k: string }>('SELECT alert_key AS k FROM alert_deliveries WHERE sink = $1 AND alert_key = ANY($2::text[])', [sink, [...keys]])).rows;
      return new Set(rows.map((r) => r.k));
    });
  }

  claimAlert(claim: AlertClaim): Promise<boolean> {
    // One statement, so no other alerter's claim or delivery can slip between the check and the write: a conflicting
    // claim is taken over only when it is this claimant's or stale (the WHERE is re-checked on the row as committed).
    return this.read(async () => {
      const taken = await this.pool.query(
        `INSERT INTO alert_claims (alert_key, sink, claimant, claimed_at)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM alert_deliveries WHERE alert_key = $1 AND sink = $2)
         ON CONFLICT (alert_key, sink) DO UPDATE SET claimant = excluded.claimant, claimed_at = excluded.claimed_at
         WHERE alert_claims.claimant = excluded.claimant OR alert_claims.claimed_at < $5`,
        [claim.key, claim.sink, claim.claimant, claim.at, claim.staleBefore],
      );
      return taken.rowCount === 1;
    });
  }

  releaseAlertClaim(key: string, sink: string, claimant: string): Promise<void> {
    return this.read(async () => {
      await this.pool.query('DELETE FROM alert_claims WHERE alert_key = $1 AND sink = $2 AND claimant = $3', [key, sink, claimant]);
    });
  }

  recordAlertDelivery(delivery: AlertDelivery): Promise<void> {
    // Not a chain write: no writer lock. The key makes a second record of the same delivery a no-op. The alert's own
    // claim stays (../alertClaims.ts); settled claims of earlier deliveries go.
    return this.read(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO alert_deliveries (alert_key, sink, kind, delivered_at) VALUES ($1, $2, $3, $4) ON CONFLICT (alert_key, sink) DO NOTHING', [
          delivery.key,
          delivery.sink,
          delivery.kind,
          delivery.deliveredAt,
        ]);
        await client.query(dropSettledClaimsSql('$1'), [claimsSettledBefore(delivery.deliveredAt)]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Whether the database at `url` holds a Vaultscope ledger yet (its tables exist). */
export async function postgresLedgerExists(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'vaultscope' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return Boolean((await client.query<{ t: string | null }>("SELECT to_regclass('batches')::text AS t")).rows[0]?.t);
  } catch (error) {
    throw ledgerFault(shownPostgresUrl(url), error, 0);
  } finally {
    await client.end().catch(() => undefined);
  }
}
