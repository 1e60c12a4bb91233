/**
 * Audit Manager evidence in the ledger: extracted from an estate with its assessment and control, stored once per
 * evidence id inside the hash chain, read back by period, and left out of the job-history span.
 */
import { describe, expect, it } from 'vitest';
import type { Estate } from '@vaultscope/core';
import { auditEvidenceOf } from './auditEvidence.js';
import { collectionFromEstate } from './collect.js';
import { openLedger } from './ledger.js';

const OCTOBER = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };

function estateWith(evidence: Record<string, unknown>[], capturedAt = '2026-10-20T00:00:00Z'): Estate {
  return {
    format: 'vaultscope.estate/v1',
    capturedAt,
    organization: { Id: 'o-test' },
    accounts: [],
    regions: [],
    jobs: { since: '2026-10-01T00:00:00Z', backup: [] },
    auditManager: {
      assessments: [
        {
          assessment: { arn: 'arn:aws:auditmanager:eu-west-1:111122223333:assessment/a-1', metadata: { id: 'a-1', name: 'DORA' } },
          evidenceFolders: [{ id: 'f-1', controlName: 'Backups tested', name: '2026-10-03' }],
          evidence,
        },
      ],
    },
  } as unknown as Estate;
}

const item = (id: string, time: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id, evidenceFolderId: 'f-1', time, dataSource: 'AWS Config', eventName: 'PutEvaluations', complianceCheck: 'COMPLIANT', evidenceAwsAccountId: '111122223333', ...extra,
});

describe('Audit Manager evidence in the ledger', () => {
  it('extracts items with their assessment, control and a canonical time; skips items without id or time', () => {
    const items = [...auditEvidenceOf(estateWith([item('e-1', 1_791_000_000), item('', '2026-10-03T00:00:00Z'), item('e-3', 'not a time')]))];
    expect(items).toEqual([
      expect.objectContaining({ id: 'e-1', time: new Date(1_791_000_000_000).toISOString(), accountId: '111122223333', assessment: 'DORA', control: 'Backups tested' }),
    ]);
  });

  it('stores each item once by id, inside the chain, and reads a period back in time order', () => {
    const ledger = openLedger(':memory:');
    const estate = estateWith([item('e-2', '2026-10-04T10:00:00Z'), item('e-1', '2026-10-03T10:00:00Z'), item('e-nov', '2026-11-01T00:00:00Z')]);
    const first = ledger.recordCollection(collectionFromEstate(estate, { collectedAt: '2026-10-20T00:00:00Z', source: 'aws' }));
    expect(first.auditEvidence).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    // Audit Manager does not revise evidence: a second sight of an id (even with other text) changes nothing.
    const again = estateWith([item('e-1', '2026-10-03T10:00:00Z', { complianceCheck: 'NON_COMPLIANT' }), item('e-2', '2026-10-04T10:00:00Z')]);
    const second = ledger.recordCollection(collectionFromEstate(again, { collectedAt: '2026-10-21T00:00:00Z', source: 'aws' }));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, auditEvidence: { inserted: 0, unchanged: 2 } });

    const october = [...ledger.iterateAuditEvidence(OCTOBER)];
    expect(october.map((e) => [e.id, e.evidence.complianceCheck])).toEqual([['e-1', 'COMPLIANT'], ['e-2', 'COMPLIANT']]);
    expect(ledger.verifyChain()).toMatchObject({ ok: true, batches: 2, entries: 0, auditEvidence: 3 });
    expect(ledger.range().auditEvidence).toEqual({ count: 3, earliest: '2026-10-03T10:00:00.000Z', latest: '2026-11-01T00:00:00.000Z' });
    // Evidence is not job history: the span of jobs the ledger vouches for is unchanged by it.
    expect(ledger.coverage()).toEqual({ from: '2026-10-01T00:00:00.000Z', until: '2026-10-21T00:00:00.000Z' });
    ledger.close();
  });

  it('breaks the chain when an evidence row is tampered with, and the period read when its index is', () => {
    const ledger = openLedger(':memory:');
    ledger.recordCollection(collectionFromEstate(estateWith([item('e-1', '2026-10-03T10:00:00Z', { complianceCheck: 'NON_COMPLIANT' })]), { collectedAt: '2026-10-20T00:00:00Z', source: 'aws' }));
    ledger.recordCollection({ collectedAt: '2026-10-21T00:00:00Z', source: 'aws', jobs: {} });
    const db = ledger.database;
    db.prepare("UPDATE entries SET record = replace(record, 'NON_COMPLIANT', 'COMPLIANT') WHERE job_id = 'e-1'").run();
    expect(ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 1, reason: 'content does not match its hash' });
    db.prepare("UPDATE entries SET record = replace(record, '\"COMPLIANT\"', '\"NON_COMPLIANT\"') WHERE job_id = 'e-1'").run();
    expect(ledger.verifyChain().ok).toBe(true);

    db.prepare("UPDATE jobs SET creation_date = '2026-10-05T00:00:00.000Z' WHERE job_id = 'e-1'").run();
    expect(ledger.verifyChain()).toMatchObject({ ok: false, reason: expect.stringMatching(/audit-evidence job e-1/) });
    expect(() => [...ledger.iterateAuditEvidence(OCTOBER)]).toThrow(/Audit Manager evidence e-1/);
    ledger.close();
  });
});
