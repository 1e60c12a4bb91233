/**
 * Builds a signed evidence pack directory: CSVs streamed from the ledger, the PDF, the manifest and its
 * signature. Everything is written into a temporary directory beside the target and renamed into place at the
 * end, so a reader never sees half a pack. Same inputs and clock give the same bytes.
 */
import { lstat, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  evaluate,
  InputError,
  isRestoreTest,
  restoreVerdict,
  toWriteError,
  type Estate,
  type LoadedPolicy,
  type Posture,
  type PostureAsset,
  type RestoreJob,
} from '@vaultscope/core';
import { collectRecords, type LedgerStore, type RecordStream } from '@vaultscope/ledger';
import { signDetachedStamped } from '../evidence/cms.js';
import { signPdf } from '../evidence/pdfSignature.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { certificatePem, fingerprint, type SigningIdentity } from '../evidence/identity.js';
import { describeFiles, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, manifestText, PACK_FORMAT, PACK_FORMAT_VERSION, type PackManifest } from '../evidence/manifest.js';
import { verifyDoc } from '../evidence/verifyDoc.js';
import { asOfBackup, asOfCopy, asOfRestore, estateAsOf, judgedFromJobs, timeBaseAt, type HistoryJobs, type TimeBase } from './model/asOf.js';
import { auditEvidenceRows } from './model/auditManager.js';
import { ExceptionCollector } from './model/exceptions.js';
import { businessFunctions } from './model/objectives.js';
import { RestoreTargetCollector } from './model/restoreTargets.js';
import {
  assetColumns,
  auditEvidenceColumns,
  backupJobColumns,
  copyJobColumns,
  doraColumns,
  exceptionColumns,
  findingColumns,
  objectiveColumns,
  restoreJobColumns,
  restoreTestColumns,
  vaultColumns,
  type CsvContext,
} from './csv/columns.js';
import { writeCsv } from './csv/writeCsv.js';
import { historyScope, yearWindow } from './model/historyScope.js';
import { periodCoverage, type PackPeriod } from './model/period.js';
import { renderPdf } from './pdf/renderPdf.js';
import { estateErrors, toPackReport, type PackReport } from './model/report.js';
import { summarizeRestoreTests, toRestoreTestRow, type RestoreTestRow } from './model/restoreTestRows.js';
import { BackupStatsCollector, CopyStatsCollector } from './model/stats.js';
import { claimTempDir, releaseTempDir } from './tempDirs.js';

export const PDF_FILE = 'dora-evidence-pack.pdf';
export const SIGNER_FILE = 'signer.pem';
export const VERIFY_FILE = 'VERIFY.md';

/** What a pack is built from. */
export interface PackInput {
  estate: Estate;
  policy: LoadedPolicy;
  /** The `--source` value, recorded as provenance. */
  sourceSpec: string;
  period: PackPeriod;
  /** Generation time (the injected clock); a period still running at this time is packed as incomplete. */
  now: Date;
  ledger: LedgerStore;
  ledgerStorage: 'file' | 'memory';
  identity: SigningIdentity;
  outDir: string;
  /** Replace an existing non-empty directory. */
  force?: boolean;
  generator: { name: string; version: string };
  /** An already evaluated posture of `estate` at its capture time (evaluated here when absent). */
  posture?: Posture;
  /** Called as each stage finishes (progress and profiling). */
  onStage?: (stage: string) => void;
}

/** What was built. */
export interface PackResult {
  dir: string;
  manifest: PackManifest;
}

function organizationOf(estate: Estate): { id?: string; name?: string } {
  const org = estate.organization as { Id?: string; Name?: string; MasterAccountId?: string } | undefined;
  const name = org?.Name ?? estate.accounts.find((a) => a.Id === org?.MasterAccountId)?.Name;
  return { ...(org?.Id ? { id: org.Id } : {}), ...(name ? { name } : {}) };
}

/** Moves the finished temporary directory onto the target. */
async function install(temp: string, target: string, force: boolean): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (!existing) {
    await rename(temp, target);
    return;
  }
  if (!existing.isDirectory()) throw new InputError(`--out: ${target} exists and is not a directory`);
  if ((await readdir(target)).length === 0) {
    await rmdir(target);
    await rename(temp, target);
    return;
  }
  if (!force) throw new InputError(`--out: ${target} exists and is not empty (choose a new directory, or --force to replace it)`);
  const old = `${temp}.old`;
  await rename(target, old);
  await rename(temp, target);
  await rm(old, { recursive: true, force: true });
}

/** Fails early (a user error) when the pack could not be installed at `outDir`; returns its absolute path. */
export async function checkOutDir(outDir: string, force: boolean): Promise<string> {
  const target = resolve(outDir);
  // A link planted where the pack goes is refused, never followed (--force would otherwise replace its target).
  if ((await lstat(target).catch(() => undefined))?.isSymbolicLink()) {
    throw new InputError(`--out: ${target} is a symbolic link; refusing to write through it — name the real directory, or remove the link`);
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new InputError(`--out: ${target} exists and is not a directory`);
  if (existing && !force && (await readdir(target)).length > 0) {
    throw new InputError(`--out: ${target} exists and is not empty (choose a new directory, or --force to replace it)`);
  }
  return target;
}

/** Builds the pack. */
export async function buildPack(input: PackInput): Promise<PackResult> {
  const { ledger } = input;
  const target = await checkOutDir(input.outDir, input.force ?? false);
  // Re-hash the ledger while the pack is written (a file ledger on a worker thread); install only if it holds.
  // The full index check is `history verify`'s job: reading the period checks every row it uses.
  const chain = ledger.verifyChain({ index: 'latest' });
  chain.catch(() => undefined);
  await mkdir(dirname(target), { recursive: true });
  const temp = claimTempDir(target);
  await mkdir(temp);
  try {
    const manifest = await writePack(input, temp);
    const verified = await chain;
    input.onStage?.('ledger verified');
    if (!verified.ok) {
      throw new VerificationFailedError(`ledger ${ledger.location}: chain broken at batch ${verified.brokenSeq} (${verified.reason}); run "vaultscope-report history verify"`);
    }
    await install(temp, target, input.force ?? false);
    releaseTempDir(temp);
    return { dir: target, manifest };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    releaseTempDir(temp);
    if (error instanceof Error && error.name === 'LedgerIntegrityError') throw new VerificationFailedError(error.message, { cause: error });
    // A full disk (or a read-only folder) while writing: one line naming the pack, and nothing of it left behind.
    throw toWriteError(target, error);
  }
}

/**
 * Jobs as they stood at the end of what the pack covers (an outcome reached later is not the period's), passed
 * through `see` on the way (the statistics ride along with the CSV stream). A plain iterable stays plain, so a
 * SQLite read costs no promise per job.
 */
function jobsAsOf<T>(jobs: RecordStream<T>, cutoff: string, asOf: (job: T, cutoff: string, count: () => void) => T, see: (job: T) => void = () => undefined): RecordStream<T> {
  const step = (job: T): T => {
    const stood = asOf(job, cutoff, () => undefined);
    see(stood);
    return stood;
  };
  if (Symbol.asyncIterator in jobs) {
    return (async function* (): AsyncGenerator<T> {
      for await (const job of jobs) yield step(job);
    })();
  }
  return (function* (): Generator<T> {
    for (const job of jobs) yield step(job);
  })();
}

/**
 * The posture at the pack's time base: the estate in hand as of the period end (see asOf.ts), the ledger's jobs
 * filling in what the estate's own job lists no longer reach.
 */
async function postureAtTimeBase(input: PackInput, coveredUntil: string, complete: boolean): Promise<{ posture: Posture; estate: Estate; timeBase: TimeBase }> {
  const { estate, policy, ledger } = input;
  const base = timeBaseAt(coveredUntil, estate.capturedAt, complete);
  const observedAt = new Date(Date.parse(estate.capturedAt)).toISOString();
  if (Date.parse(base.at) >= Date.parse(estate.capturedAt)) {
    const posture = input.posture ?? evaluate(estate, policy.policy, new Date(estate.capturedAt), { policyHash: policy.hash });
    return { posture, estate, timeBase: { ...base, observedAt, removed: { jobs: 0, recoveryPointTimes: 0, assets: 0, outcomesAfter: 0 }, judgedFromJobs: 0 } };
  }
  // Recovery points and job failures before the cutoff: the evaluation window, and at least the longest RPO.
  const longestRpo = Math.max(...Object.values(policy.policy.classes).map((c) => c.rpoHours));
  const days = Math.max(policy.policy.evaluationWindowDays, Math.ceil(longestRpo / 24) + 1);
  const window = { from: new Date(Date.parse(base.at) - days * 86_400_000).toISOString(), to: base.at };
  const ownJobsReach = estate.jobs?.since !== undefined && Date.parse(estate.jobs.since) <= Date.parse(window.from);
  const history: HistoryJobs | undefined = ownJobsReach
    ? undefined
    : {
        backup: await collectRecords(ledger.iterateJobs('backup', window)),
        copy: await collectRecords(ledger.iterateJobs('copy', window)),
        restore: await collectRecords(ledger.iterateJobs('restore', window)),
      };
  const asOf = estateAsOf(estate, base.at, history);
  const posture = evaluate(asOf.estate, policy.policy, new Date(base.at), { policyHash: policy.hash });
  return { posture, estate: asOf.estate, timeBase: { ...base, observedAt, removed: asOf.removed, judgedFromJobs: judgedFromJobs(posture, asOf.laterRecoveryPoints) } };
}

/** The ledger's observation (with a posture summary) nearest to `at`: a cross-check of the pack's posture figures. */
async function nearestObservation(ledger: LedgerStore, at: string): Promise<PackReport['nearestObservation']> {
  let best: PackReport['nearestObservation'];
  let bestGap = Number.POSITIVE_INFINITY;
  for await (const batch of ledger.batches()) {
    if (!batch.summary) continue;
    const observedAt = batch.estateCapturedAt ?? batch.collectedAt;
    const gap = Math.abs(Date.parse(observedAt) - Date.parse(at));
    if (gap < bestGap) {
      bestGap = gap;
      best = { seq: batch.seq, observedAt, summary: batch.summary };
    }
  }
  return best;
}

async function writePack(input: PackInput, dir: string): Promise<PackManifest> {
  const { ledger, period, now, identity, policy } = input;
  const stage = input.onStage ?? ((): void => undefined);
  const coverage = periodCoverage(period, now);
  const { posture, estate, timeBase } = await postureAtTimeBase(input, coverage.coveredUntil, coverage.complete);
  stage('posture');
  const cutoff = coverage.coveredUntil;
  const accountNames = new Map(estate.accounts.map((a) => [a.Id, a.Name]));
  const functions = businessFunctions(estate, policy.policy.businessFunctionTags);
  const ctx: CsvContext = { accountName: (id) => accountNames.get(id), businessFunction: (arn) => functions.get(arn) };
  const assetByArn = new Map<string, PostureAsset>(posture.assets.map((a) => [a.arn, a]));
  const csv = (name: string): string => join(dir, name);

  await writeCsv(csv('assets.csv'), assetColumns(ctx), posture.assets);
  await writeCsv(csv('findings.csv'), findingColumns(ctx), posture.findings);
  stage('assets.csv, findings.csv');

  // The period's jobs as they stood at its end: an outcome reached after it belongs to the next period.
  const exceptions = new ExceptionCollector();
  const backup = new BackupStatsCollector();
  const backupJobs = await writeCsv(
    csv('backup-jobs.csv'),
    backupJobColumns(ctx),
    jobsAsOf(ledger.iterateJobs('backup', period), cutoff, asOfBackup, (j) => {
      backup.add(j);
      exceptions.backup(j);
    }),
  );
  stage('backup-jobs.csv');
  const copy = new CopyStatsCollector();
  const copyJobs = await writeCsv(
    csv('copy-jobs.csv'),
    copyJobColumns(ctx),
    jobsAsOf(ledger.iterateJobs('copy', period), cutoff, asOfCopy, (j) => {
      copy.add(j);
      exceptions.copy(j);
    }),
  );
  stage('copy-jobs.csv');

  // Every restore job goes into restore-jobs.csv (so the manifest's count is a file's row count); the tests are
  // kept for restore-tests.csv and the PDF.
  const restoreTests: RestoreTestRow[] = [];
  const targets = new RestoreTargetCollector();
  const restoreJobs = await writeCsv(
    csv('restore-jobs.csv'),
    restoreJobColumns(ctx),
    jobsAsOf(ledger.iterateJobs('restore', period), cutoff, asOfRestore, (job) => {
      targets.add(job);
      exceptions.restore(job);
      if (isRestoreTest(job)) restoreTests.push(toRestoreTestRow(job, job.SourceResourceArn ? assetByArn.get(job.SourceResourceArn) : undefined));
    }),
  );
  await writeCsv(csv('restore-tests.csv'), restoreTestColumns(ctx), restoreTests);
  const restore = summarizeRestoreTests(restoreTests, restoreJobs - restoreTests.length);
  const restoreYear = { total: 0, passed: 0 };
  for await (const job of jobsAsOf(ledger.iterateJobs('restore', yearWindow(period)) as RecordStream<RestoreJob>, cutoff, asOfRestore)) {
    if (!isRestoreTest(job)) continue;
    restoreYear.total++;
    if (restoreVerdict(job) === 'passed') restoreYear.passed++;
  }
  stage('restore-tests.csv');
  const exceptionRows = exceptions.result();
  await writeCsv(csv('exceptions.csv'), exceptionColumns(ctx), exceptionRows);

  const history = historyScope(period, coverage.coveredUntil, await ledger.coverage());
  const auditEvidence = auditEvidenceRows(await collectRecords(ledger.iterateAuditEvidence(period)));
  const csvFiles = ['assets.csv', 'findings.csv', 'exceptions.csv', 'backup-jobs.csv', 'copy-jobs.csv', 'restore-jobs.csv', 'restore-tests.csv', 'vaults.csv', 'objectives.csv', 'dora-controls.csv'];
  if (auditEvidence.length) csvFiles.push('audit-manager-evidence.csv');

  const range = await ledger.range();
  const organization = organizationOf(estate);
  const cert = identity.certificate;
  const signerFingerprint = fingerprint(identity);
  const nearest = await nearestObservation(ledger, timeBase.at);
  const report = toPackReport({
    organization,
    period,
    coverage,
    history,
    generatedAt: now.toISOString(),
    generator: input.generator,
    source: { spec: input.sourceSpec, capturedAt: input.estate.capturedAt, ...(input.estate.jobs?.since ? { jobsSince: input.estate.jobs.since } : {}) },
    signer: { subject: cert.subject.replace(/\n/g, ', '), fingerprint: signerFingerprint, selfSigned: identity.selfSigned, validTo: cert.validTo, origin: identity.origin },
    policy: { hash: policy.hash, origin: policy.origin, doraRegime: policy.policy.doraRegime, businessFunctionTags: policy.policy.businessFunctionTags },
    ledger: {
      storage: input.ledgerStorage,
      batches: range.batches,
      ...(range.lastBatch ? { headSeq: range.lastBatch.seq, headHash: range.lastBatch.hash, lastCollectedAt: range.lastBatch.collectedAt } : {}),
      ...(range.firstBatch ? { firstCollectedAt: range.firstBatch.collectedAt } : {}),
      collectionsInPeriod: await ledger.collectionsIn({ from: period.from, to: cutoff }),
    },
    estate,
    posture,
    timeBase,
    ...(nearest ? { nearestObservation: nearest } : {}),
    backup: backup.result(period),
    copy: copy.result(period),
    restoreTests,
    restore,
    restoreYear,
    restoreTargets: targets.result(),
    exceptions: exceptionRows,
    auditEvidence,
    estateErrors: estateErrors(input.estate),
    csvFiles,
  });
  await writeCsv(csv('vaults.csv'), vaultColumns(ctx), report.vaults);
  await writeCsv(csv('objectives.csv'), objectiveColumns(), report.objectives);
  await writeCsv(csv('dora-controls.csv'), doraColumns(), report.dora);
  if (auditEvidence.length) await writeCsv(csv('audit-manager-evidence.csv'), auditEvidenceColumns(), auditEvidence);

  // Drawn by the renderer with an empty signature field, signed here (the renderer never holds the key).
  await writeFile(join(dir, PDF_FILE), await signPdf(await renderPdf(report), identity));
  stage('pdf');
  await writeFile(join(dir, SIGNER_FILE), identity.certificates.map(certificatePem).join(''));
  const orgText = organization.name && organization.id ? `${organization.name} (${organization.id})` : (organization.name ?? organization.id ?? 'organization not identified');
  await writeFile(
    join(dir, VERIFY_FILE),
    verifyDoc({
      organization: orgText,
      period: `${period.firstDay} to ${period.lastDay}`,
      periodLabel: period.label,
      ...(coverage.complete ? {} : { incompleteUntil: coverage.coveredUntil }),
      generatedAt: report.generatedAt,
      generator: `${input.generator.name} ${input.generator.version}`,
      pdfFile: PDF_FILE,
      signerFile: SIGNER_FILE,
      signerSubject: report.signer.subject,
      fingerprint: signerFingerprint,
      selfSigned: identity.selfSigned,
      ...(identity.timestamper ? { timestampedBy: withoutCredentials(identity.timestamper.url) } : {}),
    }),
  );

  const files = await describeFiles(dir, [...csvFiles, PDF_FILE, SIGNER_FILE, VERIFY_FILE]);
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    packFormatVersion: PACK_FORMAT_VERSION,
    organization,
    period: { label: period.label, from: period.from, to: period.to, firstDay: period.firstDay, lastDay: period.lastDay, ...coverage },
    generatedAt: report.generatedAt,
    generator: input.generator,
    sources: [report.source],
    policy: { origin: policy.origin, sha256: policy.hash },
    ledger: {
      storage: input.ledgerStorage,
      chainVerified: true,
      batches: range.batches,
      ...(range.firstBatch ? { firstSeq: range.firstBatch.seq, firstCollectedAt: range.firstBatch.collectedAt } : {}),
      ...(range.lastBatch ? { head: { seq: range.lastBatch.seq, collectedAt: range.lastBatch.collectedAt, sha256: range.lastBatch.hash } } : {}),
      jobsInPeriod: { backup: backupJobs, copy: copyJobs, restore: restoreJobs },
      history: { ...(history.from ? { from: history.from } : {}), ...(history.until ? { until: history.until } : {}), period: history.state },
    },
    signer: {
      subject: report.signer.subject,
      issuer: cert.issuer.replace(/\n/g, ', '),
      serialNumber: cert.serialNumber.toLowerCase(),
      fingerprintSha256: signerFingerprint,
      selfSigned: identity.selfSigned,
      validFrom: new Date(cert.validFrom).toISOString(),
      validTo: new Date(cert.validTo).toISOString(),
    },
    postureTimeBase: report.timeBase.at,
    files,
  };
  const text = Buffer.from(manifestText(manifest), 'utf8');
  await writeFile(join(dir, MANIFEST_FILE), text);
  await writeFile(join(dir, MANIFEST_SIGNATURE_FILE), await signDetachedStamped(text, identity, { signingTime: now }));
  stage('manifest');
  return manifest;
}

/** A URL as it may be printed in the pack: never a user name or password it might carry. */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
