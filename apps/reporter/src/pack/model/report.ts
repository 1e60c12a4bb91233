/**
 * Everything the PDF shows, gathered in one plain object by `toPackReport` (pure: the I/O that streams the
 * ledger's jobs into the CSVs hands it the figures it gathered): the renderers only draw it.
 */
import type { CollectionError, Estate, Posture, Summary } from '@vaultscope/core';
import type { BatchInfo } from '@vaultscope/ledger';
import { timeBaseLabel, type TimeBase } from './asOf.js';
import type { AuditEvidenceRow } from './auditManager.js';
import { doraRows, type DoraRegime, type DoraRow } from './dora.js';
import type { ExceptionRow } from './exceptions.js';
import { yearWindow, type HistoryScope } from './historyScope.js';
import { businessFunctions, objectiveRows, type ObjectiveRow } from './objectives.js';
import type { PackPeriod } from './period.js';
import type { RestoreTargetStats } from './restoreTargets.js';
import type { RestoreSummary, RestoreTestRow } from './restoreTestRows.js';
import { sectionTallies, type SectionTallies } from './sections.js';
import type { BackupStats, CopyStats } from './stats.js';
import { vaultRows, type VaultRow } from './vaults.js';

/** Who signed the pack. */
export interface SignerInfo {
  subject: string;
  fingerprint: string;
  selfSigned: boolean;
  validTo: string;
  origin: string;
}

/** Ledger provenance. */
export interface LedgerInfo {
  /** `file` or `memory` (demo runs, seeded from the demo's own history). */
  storage: 'file' | 'memory';
  batches: number;
  headSeq?: number;
  headHash?: string;
  firstCollectedAt?: string;
  lastCollectedAt?: string;
  /** Collections whose time falls inside the period, with their posture summaries. */
  collectionsInPeriod: BatchInfo[];
}

/** The report model. */
export interface PackReport {
  organization: { id?: string; name?: string };
  period: PackPeriod;
  /** Whether the period had ended when the pack was made, and how far the pack covers it. */
  coverage: { coveredUntil: string; complete: boolean };
  /** How much of the period the ledger's job history covers. */
  history: HistoryScope;
  generatedAt: string;
  generator: { name: string; version: string };
  source: { spec: string; capturedAt: string; jobsSince?: string };
  signer: SignerInfo;
  policy: { hash: string; origin: string };
  ledger: LedgerInfo;
  /** The posture as of `timeBase`: coverage, RPO attainment, stale recovery points, findings, assets. */
  posture: Posture;
  /** The instant the posture figures describe, and the words that say so. */
  timeBase: TimeBase & { label: string };
  /** The ledger's observation nearest to the period end with a posture summary (a cross-check of the figures). */
  nearestObservation?: { seq: number; observedAt: string; summary: Summary };
  /** `jobs created 2026-10-01 to 2026-10-31 (UTC)` and the twelve-month window of the annual rows. */
  jobsTimeBase: string;
  yearTimeBase: string;
  regime: DoraRegime;
  accountNames: ReadonlyMap<string, string>;
  backup: BackupStats;
  copy: CopyStats;
  restoreTests: RestoreTestRow[];
  restore: RestoreSummary;
  restoreYear: { total: number; passed: number };
  restoreTargets: RestoreTargetStats;
  /** Every failed job and restore test of the period. */
  exceptions: ExceptionRow[];
  objectives: ObjectiveRow[];
  dora: DoraRow[];
  vaults: VaultRow[];
  sections: SectionTallies;
  auditEvidence: AuditEvidenceRow[];
  estateErrors: CollectionError[];
  /** The CSV files in the pack. */
  csvFiles: string[];
}

/** All collection errors of an estate (organization-level and per Region). */
export function estateErrors(estate: Estate): CollectionError[] {
  return [
    ...(estate.errors ?? []),
    ...estate.regions.flatMap((obs) => (obs.errors ?? []).map((e) => ({ accountId: obs.accountId, region: obs.region, ...e }))),
  ];
}

/** What `toPackReport` is given: the pack's inputs and the figures gathered while the CSVs were written. */
export interface PackModelInput {
  organization: PackReport['organization'];
  period: PackPeriod;
  coverage: PackReport['coverage'];
  history: HistoryScope;
  generatedAt: string;
  generator: PackReport['generator'];
  source: PackReport['source'];
  signer: SignerInfo;
  policy: PackReport['policy'] & { doraRegime: DoraRegime; businessFunctionTags: readonly string[] };
  ledger: LedgerInfo;
  /** The estate as of the time base (see asOf.ts) and the posture evaluated from it. */
  estate: Estate;
  posture: Posture;
  timeBase: TimeBase;
  nearestObservation?: PackReport['nearestObservation'];
  backup: BackupStats;
  copy: CopyStats;
  restoreTests: RestoreTestRow[];
  restore: RestoreSummary;
  restoreYear: { total: number; passed: number };
  restoreTargets: RestoreTargetStats;
  exceptions: ExceptionRow[];
  auditEvidence: AuditEvidenceRow[];
  estateErrors: CollectionError[];
  csvFiles: string[];
}

const MONTH = (365 / 12) * 86_400_000;
const day = (iso: string): string => iso.slice(0, 10);
const lastDayBefore = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

/** Whole months of job history before `end`, at most twelve. */
export function historyMonths(history: HistoryScope, end: string): number {
  if (!history.from) return 0;
  return Math.max(0, Math.min(12, Math.floor((Date.parse(end) - Date.parse(history.from)) / MONTH + 1e-9)));
}

/** The report model: pure, from the pack's inputs and gathered figures. */
export function toPackReport(input: PackModelInput): PackReport {
  const accountNames = new Map(input.estate.accounts.map((a) => [a.Id, a.Name]));
  const timeBase = { ...input.timeBase, label: timeBaseLabel(input.timeBase) };
  const jobsTimeBase = `jobs created ${input.period.firstDay} to ${lastDayBefore(input.coverage.coveredUntil)} (UTC)${input.coverage.complete ? '' : `, up to ${input.coverage.coveredUntil}`}`;
  const year = yearWindow(input.period);
  const yearTimeBase = `restore tests created ${day(year.from)} to ${input.period.lastDay} (UTC)`;
  const objectives = objectiveRows(input.posture.assets, input.restoreTests, businessFunctions(input.estate, input.policy.businessFunctionTags));
  const dora = doraRows({
    regime: input.policy.doraRegime,
    summary: input.posture.summary,
    postureTimeBase: timeBase.label,
    jobsTimeBase,
    yearTimeBase,
    backup: input.backup,
    copy: input.copy,
    restore: input.restore,
    restoreTargets: input.restoreTargets,
    restoreYear: input.restoreYear,
    history: input.history,
    historyMonths: historyMonths(input.history, input.period.to),
    objectives,
    businessFunctionTags: input.policy.businessFunctionTags,
  });
  return {
    organization: input.organization,
    period: input.period,
    coverage: input.coverage,
    history: input.history,
    generatedAt: input.generatedAt,
    generator: input.generator,
    source: input.source,
    signer: input.signer,
    policy: { hash: input.policy.hash, origin: input.policy.origin },
    ledger: input.ledger,
    posture: input.posture,
    timeBase,
    ...(input.nearestObservation ? { nearestObservation: input.nearestObservation } : {}),
    jobsTimeBase,
    yearTimeBase,
    regime: input.policy.doraRegime,
    accountNames,
    backup: input.backup,
    copy: input.copy,
    restoreTests: input.restoreTests,
    restore: input.restore,
    restoreYear: input.restoreYear,
    restoreTargets: input.restoreTargets,
    exceptions: input.exceptions,
    objectives,
    dora,
    vaults: vaultRows(input.estate, new Date(input.timeBase.at)),
    sections: sectionTallies({ assets: input.posture.assets, findings: input.posture.findings, restoreTests: input.restoreTests, days: input.backup.daily, auditEvidence: input.auditEvidence }),
    auditEvidence: input.auditEvidence,
    estateErrors: input.estateErrors,
    csvFiles: input.csvFiles,
  };
}
