/**
 * AWS Audit Manager evidence, for the customers who still have it (the service is closed to new customers, so
 * every pack is complete without it). Fields are read defensively: Audit Manager's strings are free-form.
 */
import type { AuditEvidenceItem } from '@vaultscope/ledger';

/** One evidence item flattened for the CSV and the PDF. */
export interface AuditEvidenceRow {
  assessment: string;
  control: string;
  folderId: string;
  id: string;
  time: string;
  accountId: string;
  dataSource: string;
  eventSource: string;
  eventName: string;
  evidenceType: string;
  complianceCheck: string;
  resources: string;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});

/**
 * Rows for the evidence items the ledger holds for a period (`Ledger.iterateAuditEvidence`, already in time then
 * id order). The items come from the ledger, not the estate in hand: an estate observed later has moved on, and its
 * evidence belongs to other periods.
 */
export function auditEvidenceRows(items: Iterable<AuditEvidenceItem>): AuditEvidenceRow[] {
  const rows: AuditEvidenceRow[] = [];
  for (const { evidence: e, ...item } of items) {
    const resources = Array.isArray(e.resourcesIncluded) ? e.resourcesIncluded.map((r) => str(obj(r).arn)).filter(Boolean) : [];
    rows.push({
      assessment: item.assessment,
      control: item.control,
      folderId: str(e.evidenceFolderId),
      id: item.id,
      time: item.time,
      accountId: item.accountId,
      dataSource: str(e.dataSource),
      eventSource: str(e.eventSource),
      eventName: str(e.eventName),
      evidenceType: str(e.evidenceByType),
      complianceCheck: str(e.complianceCheck),
      resources: resources.join('; '),
    });
  }
  return rows;
}

/** Evidence counts by compliance verdict (case-insensitive; unknown values kept as they are). */
export function complianceTally(rows: readonly AuditEvidenceRow[]): { verdict: string; count: number }[] {
  const map = new Map<string, number>();
  for (const r of rows) {
    const verdict = r.complianceCheck ? r.complianceCheck.toUpperCase() : 'NOT APPLICABLE';
    map.set(verdict, (map.get(verdict) ?? 0) + 1);
  }
  return [...map].map(([verdict, count]) => ({ verdict, count })).sort((a, b) => b.count - a.count || a.verdict.localeCompare(b.verdict));
}
