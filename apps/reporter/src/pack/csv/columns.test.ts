import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
} from './columns.js';

const DOC = readFileSync(fileURLToPath(new URL('../../../../../docs/csv-columns.md', import.meta.url)), 'utf8');
const ctx = { accountName: (): undefined => undefined };

describe('docs/csv-columns.md', () => {
  it.each([
    ['assets.csv', assetColumns(ctx)],
    ['findings.csv', findingColumns(ctx)],
    ['backup-jobs.csv', backupJobColumns(ctx)],
    ['copy-jobs.csv', copyJobColumns(ctx)],
    ['restore-tests.csv', restoreTestColumns(ctx)],
    ['restore-jobs.csv', restoreJobColumns(ctx)],
    ['dora-controls.csv', doraColumns()],
    ['exceptions.csv', exceptionColumns(ctx)],
    ['vaults.csv', vaultColumns(ctx)],
    ['objectives.csv', objectiveColumns()],
    ['audit-manager-evidence.csv', auditEvidenceColumns()],
  ] as const)('documents every column of %s, in order', (file, columns) => {
    const section = DOC.split(/^## /m).find((s) => s.startsWith(`${file}\n`));
    expect(section, file).toBeDefined();
    const documented = [...(section ?? '').matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(columns.map((c) => c.header));
  });
});
