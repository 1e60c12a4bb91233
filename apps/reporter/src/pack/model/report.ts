/**
 * Everything the PDF shows, gathered in one plain object: the renderers only draw it.
 */
import type { CollectionError, Estate, Posture } from '@vaultscope/core';
import type { BatchInfo } from '@vaultscope/core/history';
import type { AuditEvidenceRow } from './auditManager.js';
import type { DoraRow } from './dora.js';
import type { HistoryScope } from './historyScope.js';
import type { PackPeriod } from './period.js';
import type { RestoreSummary, RestoreTestRow } from './restoreTestRows.js';
import type { BackupStats, CopyStats } from './stats.js';

/** A vault as the segregation section lists it. */
export interface VaultRow {
  accountId: string;
  region: string;
  name: string;
  lock: 'compliance' | 'governance' | 'none';
  airGapped: boolean;
  minRetentionDays?: number;
  recoveryPoints?: number;
}

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
  posture: Posture;
  accountNames: ReadonlyMap<string, string>;
  backup: BackupStats;
  copy: CopyStats;
  restoreTests: RestoreTestRow[];
  restore: RestoreSummary;
  restoreYear: { total: number; passed: number };
  dora: DoraRow[];
  vaults: VaultRow[];
  auditEvidence: AuditEvidenceRow[];
  estateErrors: CollectionError[];
  /** The CSV files in the pack. */
  csvFiles: string[];
}

/** Vault Lock mode: compliance once the lock date has passed, governance while it can still be changed. */
export function vaultRows(estate: Estate, now: Date): VaultRow[] {
  const rows: VaultRow[] = [];
  for (const obs of estate.regions) {
    for (const v of obs.backupVaults ?? []) {
      const lockDate = v.LockDate ? Date.parse(v.LockDate) : undefined;
      const lock = !v.Locked ? 'none' : lockDate !== undefined && lockDate <= now.getTime() ? 'compliance' : 'governance';
      rows.push({
        accountId: obs.accountId,
        region: obs.region,
        name: v.BackupVaultName,
        lock,
        airGapped: v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
        ...(v.MinRetentionDays !== undefined ? { minRetentionDays: v.MinRetentionDays } : {}),
        ...(v.NumberOfRecoveryPoints !== undefined ? { recoveryPoints: v.NumberOfRecoveryPoints } : {}),
      });
    }
  }
  return rows.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
}

/** All collection errors of an estate (organization-level and per Region). */
export function estateErrors(estate: Estate): CollectionError[] {
  return [
    ...(estate.errors ?? []),
    ...estate.regions.flatMap((obs) => (obs.errors ?? []).map((e) => ({ accountId: obs.accountId, region: obs.region, ...e }))),
  ];
}
