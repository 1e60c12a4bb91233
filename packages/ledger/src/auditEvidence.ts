/**
 * Audit Manager evidence as the ledger keeps it. A pack for an old month is often built long after the month, when
 * the estate in hand is a later one; so each collection stores the evidence items it saw (with the assessment and
 * control they belong to) and packs read a period's evidence from the ledger, never from the current estate.
 * Audit Manager evidence does not change once collected, so an item is keyed by its id and its first record stands.
 */
import type { Estate } from '@vaultscope/core';

/** The `kind` of evidence entries in the ledger (beside the job kinds). */
export const AUDIT_EVIDENCE_KIND = 'audit-evidence';

/** One evidence item with its context, as stored. */
export interface AuditEvidenceItem {
  /** Evidence id: the ledger key. */
  id: string;
  /** When Audit Manager collected it (`time`), ISO-8601 UTC. */
  time: string;
  /** The account the evidence is about (`evidenceAwsAccountId`, else `awsAccountId`; empty when neither). */
  accountId: string;
  /** The assessment's name (else its id or ARN). */
  assessment: string;
  /** The control of the evidence folder (its `controlName`, else the folder name). */
  control: string;
  /** The item as Audit Manager returned it. */
  evidence: Record<string, unknown>;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});

/** Audit Manager timestamps arrive as ISO text or epoch seconds; '' when neither. */
export function evidenceTime(v: unknown): string {
  if (typeof v === 'number') return new Date(v < 1e12 ? v * 1000 : v).toISOString();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  return '';
}

/**
 * The evidence items of an estate. Items without an id (nothing to key them by) or a time (no period to put them
 * in) are left out; Audit Manager always sets both.
 */
export function* auditEvidenceOf(estate: Estate): Generator<AuditEvidenceItem> {
  for (const entry of estate.auditManager?.assessments ?? []) {
    const assessment = obj(entry.assessment);
    const meta = obj(assessment.metadata);
    const name = str(meta.name) || str(assessment.name) || str(meta.id) || str(assessment.arn);
    const folders = new Map((entry.evidenceFolders ?? []).map((f) => [str(f.id), f]));
    for (const evidence of entry.evidence ?? []) {
      const id = str(evidence.id);
      const time = evidenceTime(evidence.time);
      if (!id || !time) continue;
      const folder = folders.get(str(evidence.evidenceFolderId));
      yield {
        id,
        time,
        accountId: str(evidence.evidenceAwsAccountId) || str(evidence.awsAccountId),
        assessment: name,
        control: str(folder?.controlName) || str(folder?.name),
        evidence,
      };
    }
  }
}
