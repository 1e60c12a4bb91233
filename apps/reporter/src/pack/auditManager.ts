/**
 * AWS Audit Manager evidence, for the customers who still have it (the service is closed to new customers, so
 * every pack is complete without it). Fields are read defensively: Audit Manager's strings are free-form.
 */
import type { Estate } from '@vaultscope/core';
import type { PackPeriod } from './period.js';

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

/** Audit Manager timestamps arrive as ISO text or epoch seconds. */
function isoTime(v: unknown): string {
  if (typeof v === 'number') return new Date(v < 1e12 ? v * 1000 : v).toISOString();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  return '';
}

/** Evidence collected within the period, oldest first (then by id, so output is stable). */
export function auditEvidenceRows(estate: Estate, period: PackPeriod): AuditEvidenceRow[] {
  const rows: AuditEvidenceRow[] = [];
  for (const entry of estate.auditManager?.assessments ?? []) {
    const assessment = obj(entry.assessment);
    const name = str(obj(assessment.metadata).name) || str(assessment.name) || str(obj(assessment.metadata).id) || str(assessment.arn);
    const folders = new Map((entry.evidenceFolders ?? []).map((f) => [str(f.id), f]));
    for (const e of entry.evidence ?? []) {
      const time = isoTime(e.time);
      if (!time || time < period.from || time >= period.to) continue;
      const folder = folders.get(str(e.evidenceFolderId));
      const resources = Array.isArray(e.resourcesIncluded) ? e.resourcesIncluded.map((r) => str(obj(r).arn)).filter(Boolean) : [];
      rows.push({
        assessment: name,
        control: str(folder?.controlName) || str(folder?.name),
        folderId: str(e.evidenceFolderId),
        id: str(e.id),
        time,
        accountId: str(e.evidenceAwsAccountId) || str(e.awsAccountId),
        dataSource: str(e.dataSource),
        eventSource: str(e.eventSource),
        eventName: str(e.eventName),
        evidenceType: str(e.evidenceByType),
        complianceCheck: str(e.complianceCheck),
        resources: resources.join('; '),
      });
    }
  }
  return rows.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
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
