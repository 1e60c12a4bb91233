/**
 * Audit Manager evidence in a pack comes from the ledger, for the pack's period: a month packed after Audit
 * Manager (and the estate in hand) moved on still shows the evidence collected then, and an estate's evidence is
 * never shown for a period the ledger holds none for.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import type { Estate } from '@vaultscope/core';
import { collectionFromEstate, openLedger, type Ledger, SqliteLedgerStore } from '@vaultscope/ledger';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningIdentity, type SigningIdentity } from '../../evidence/identity.js';
import { buildPack } from '../buildPack.js';
import { parsePeriod } from './period.js';

const ESTATE = fileURLToPath(new URL('../__golden__/estate.json', import.meta.url));
const LATER = new Date('2026-12-02T06:00:00Z');

let dir: string;
let identity: SigningIdentity;
let october: Estate;
let december: Estate;

/** The golden estate (October evidence) and the same organization observed in December, when Audit Manager shows only November. */
function estates(): { october: Estate; december: Estate } {
  const raw = JSON.parse(readFileSync(ESTATE, 'utf8')) as Record<string, unknown> & { auditManager: { assessments: { evidence: Record<string, unknown>[] }[] } };
  const later = structuredClone(raw);
  later.capturedAt = LATER.toISOString();
  for (const a of later.auditManager.assessments) a.evidence = [{ id: 'e-dec', evidenceFolderId: 'f-1', time: '2026-11-20T10:00:00Z', complianceCheck: 'COMPLIANT' }];
  return { october: parseEstate(raw, 'estate.json'), december: parseEstate(later, 'later.json') };
}

async function evidenceIn(ledger: Ledger, period: string, name: string): Promise<Record<string, string>[] | undefined> {
  const pack = await buildPack({
    estate: december,
    policy: defaultPolicy(),
    sourceSpec: 'snapshot:later.json',
    period: parsePeriod(period),
    now: LATER,
    ledger: new SqliteLedgerStore(ledger),
    ledgerStorage: 'memory',
    identity,
    outDir: join(dir, name),
    generator: { name: 'vaultscope-report', version: 'test' },
  });
  const file = join(pack.dir, 'audit-manager-evidence.csv');
  return existsSync(file) ? (parseCsv(readFileSync(file, 'utf8').slice(1), { columns: true }) as Record<string, string>[]) : undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-audit-'));
  identity = await loadSigningIdentity({ configDir: join(dir, 'config'), now: LATER });
  ({ october, december } = estates());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Audit Manager evidence in a pack', () => {
  it('packs an earlier month with the evidence the ledger recorded then, not the current estate’s', async () => {
    const ledger = openLedger(':memory:');
    ledger.recordCollection(collectionFromEstate(october, { collectedAt: '2026-11-02T06:00:00Z', source: 'snapshot:estate.json' }));
    ledger.recordCollection(collectionFromEstate(december, { collectedAt: LATER.toISOString(), source: 'snapshot:later.json' }));
    const rows = await evidenceIn(ledger, '2026-10', 'october');
    expect(rows?.map((r) => [r.evidence_id, r.assessment, r.control, r.compliance_check])).toEqual([
      ['e-1', 'Resilience controls', 'Backup plan frequency', 'COMPLIANT'],
      ['e-2', 'Resilience controls', 'Backup plan frequency', 'NON_COMPLIANT'],
    ]);
    expect((await evidenceIn(ledger, '2026-11', 'november'))?.map((r) => r.evidence_id)).toEqual(['e-3', 'e-dec']);
    ledger.close();
  });

  it('writes no evidence for a period the ledger holds none for, whatever the estate in hand carries', async () => {
    const ledger = openLedger(':memory:');
    ledger.recordCollection({ collectedAt: LATER.toISOString(), source: 'snapshot:later.json', organizationId: 'o-golden1234', jobs: {} });
    expect(await evidenceIn(ledger, '2026-11', 'none')).toBeUndefined();
    ledger.close();
  });
});
