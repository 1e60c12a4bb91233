/**
 * Builds a signed evidence pack directory: CSVs streamed from the ledger, the PDF, the manifest and its
 * signature. Everything is written into a temporary directory beside the target and renamed into place at the
 * end, so a reader never sees half a pack. Same inputs and clock give the same bytes.
 */
import { lstat, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { evaluate, InputError, isRestoreTest, restoreVerdict, toWriteError, type Estate, type LoadedPolicy, type Posture, type PostureAsset, type RestoreJob } from '@vaultscope/core';
import { MEMORY_LEDGER, verifyChainInWorker, type Ledger } from '@vaultscope/core/history';
import { signDetachedStamped } from '../evidence/cms.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { certificatePem, fingerprint, type SigningIdentity } from '../evidence/identity.js';
import { describeFiles, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, manifestText, PACK_FORMAT, PACK_FORMAT_VERSION, type PackManifest } from '../evidence/manifest.js';
import { verifyDoc } from '../evidence/verifyDoc.js';
import { auditEvidenceRows } from './model/auditManager.js';
import { assetColumns, auditEvidenceColumns, backupJobColumns, copyJobColumns, doraColumns, findingColumns, restoreJobColumns, restoreTestColumns, type CsvContext } from './csv/columns.js';
import { writeCsv } from './csv/writeCsv.js';
import { doraRows } from './model/dora.js';
import { historyScope, yearWindow } from './model/historyScope.js';
import { periodCoverage, type PackPeriod } from './model/period.js';
import { renderPdf } from './pdf/renderPdf.js';
import { estateErrors, vaultRows, type PackReport } from './model/report.js';
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
  ledger: Ledger;
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
  const chain =
    ledger.path === MEMORY_LEDGER ? Promise.resolve(ledger.verifyChain({ index: 'latest' })) : verifyChainInWorker(ledger.path, { index: 'latest' });
  chain.catch(() => undefined);
  await mkdir(dirname(target), { recursive: true });
  const temp = claimTempDir(target);
  await mkdir(temp);
  try {
    const manifest = await writePack(input, temp);
    const verified = await chain;
    input.onStage?.('ledger verified');
    if (!verified.ok) {
      throw new VerificationFailedError(`ledger ${ledger.path}: chain broken at batch ${verified.brokenSeq} (${verified.reason}); run "vaultscope-report history verify"`);
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

async function writePack(input: PackInput, dir: string): Promise<PackManifest> {
  const { estate, ledger, period, now, identity, policy } = input;
  const stage = input.onStage ?? ((): void => undefined);
  const posture = input.posture ?? evaluate(estate, policy.policy, new Date(estate.capturedAt), { policyHash: policy.hash });
  stage('posture');
  const accountNames = new Map(estate.accounts.map((a) => [a.Id, a.Name]));
  const ctx: CsvContext = { accountName: (id) => accountNames.get(id) };
  const assetByArn = new Map<string, PostureAsset>(posture.assets.map((a) => [a.arn, a]));
  const csv = (name: string): string => join(dir, name);

  await writeCsv(csv('assets.csv'), assetColumns(ctx), posture.assets);
  await writeCsv(csv('findings.csv'), findingColumns(ctx), posture.findings);
  stage('assets.csv, findings.csv');

  const backup = new BackupStatsCollector();
  const backupJobs = await writeCsv(csv('backup-jobs.csv'), backupJobColumns(ctx), tap(ledger.iterateJobs('backup', period), (j) => backup.add(j)));
  stage('backup-jobs.csv');
  const copy = new CopyStatsCollector();
  const copyJobs = await writeCsv(csv('copy-jobs.csv'), copyJobColumns(ctx), tap(ledger.iterateJobs('copy', period), (j) => copy.add(j)));
  stage('copy-jobs.csv');

  // Every restore job goes into restore-jobs.csv (so the manifest's count is a file's row count); the tests are
  // kept for restore-tests.csv and the PDF.
  const restoreTests: RestoreTestRow[] = [];
  const restoreJobs = await writeCsv(
    csv('restore-jobs.csv'),
    restoreJobColumns(ctx),
    tap(ledger.iterateJobs('restore', period), (job) => {
      if (isRestoreTest(job)) restoreTests.push(toRestoreTestRow(job, job.SourceResourceArn ? assetByArn.get(job.SourceResourceArn) : undefined));
    }),
  );
  await writeCsv(csv('restore-tests.csv'), restoreTestColumns(ctx), restoreTests);
  const restore = summarizeRestoreTests(restoreTests, restoreJobs - restoreTests.length);
  const restoreYear = { total: 0, passed: 0 };
  for (const job of ledger.iterateJobs('restore', yearWindow(period)) as Iterable<RestoreJob>) {
    if (!isRestoreTest(job)) continue;
    restoreYear.total++;
    if (restoreVerdict(job) === 'passed') restoreYear.passed++;
  }
  stage('restore-tests.csv');

  const backupStats = backup.result(period);
  const copyStats = copy.result(period);
  const coverage = periodCoverage(period, now);
  const history = historyScope(period, coverage.coveredUntil, ledger.coverage());
  const dora = doraRows({ posture, backup: backupStats, copy: copyStats, restore, restoreYear, history });
  await writeCsv(csv('dora-controls.csv'), doraColumns(), dora);
  const auditEvidence = auditEvidenceRows(ledger.iterateAuditEvidence(period));
  const csvFiles = ['assets.csv', 'findings.csv', 'backup-jobs.csv', 'copy-jobs.csv', 'restore-jobs.csv', 'restore-tests.csv', 'dora-controls.csv'];
  if (auditEvidence.length) {
    await writeCsv(csv('audit-manager-evidence.csv'), auditEvidenceColumns(), auditEvidence);
    csvFiles.push('audit-manager-evidence.csv');
  }

  const range = ledger.range();
  const organization = organizationOf(estate);
  const cert = identity.certificate;
  const signerFingerprint = fingerprint(identity);
  const report: PackReport = {
    organization,
    period,
    coverage,
    history,
    generatedAt: now.toISOString(),
    generator: input.generator,
    source: { spec: input.sourceSpec, capturedAt: estate.capturedAt, ...(estate.jobs?.since ? { jobsSince: estate.jobs.since } : {}) },
    signer: { subject: cert.subject.replace(/\n/g, ', '), fingerprint: signerFingerprint, selfSigned: identity.selfSigned, validTo: cert.validTo, origin: identity.origin },
    policy: { hash: policy.hash, origin: policy.origin },
    ledger: {
      storage: input.ledgerStorage,
      batches: range.batches,
      ...(range.lastBatch ? { headSeq: range.lastBatch.seq, headHash: range.lastBatch.hash, lastCollectedAt: range.lastBatch.collectedAt } : {}),
      ...(range.firstBatch ? { firstCollectedAt: range.firstBatch.collectedAt } : {}),
      collectionsInPeriod: ledger.collectionsIn(period),
    },
    posture,
    accountNames,
    backup: backupStats,
    copy: copyStats,
    restoreTests,
    restore,
    restoreYear,
    dora,
    vaults: vaultRows(estate, now),
    auditEvidence,
    estateErrors: estateErrors(estate),
    csvFiles,
  };
  await writeFile(join(dir, PDF_FILE), await renderPdf(report, identity));
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
    files,
  };
  const text = Buffer.from(manifestText(manifest), 'utf8');
  await writeFile(join(dir, MANIFEST_FILE), text);
  await writeFile(join(dir, MANIFEST_SIGNATURE_FILE), await signDetachedStamped(text, identity, { signingTime: now }));
  stage('manifest');
  return manifest;
}

/** Passes items through while feeding them to `see` (the statistics ride along with the CSV stream). */
function* tap<T>(items: Iterable<T>, see: (item: T) => void): Generator<T> {
  for (const item of items) {
    see(item);
    yield item;
  }
}
