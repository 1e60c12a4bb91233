import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck } from './fastCheck.js';
import { estateSchema } from '@vaultscope/core';

const isEstate = compileCheck(estateSchema);

const estate = (): Record<string, unknown> => ({
  format: 'vaultscope.estate/v1',
  capturedAt: '2026-11-21T06:00:00Z',
  accounts: [{ Id: '1', Name: 'a', Tags: { k: 'v' } }],
  regions: [
    {
      accountId: '1',
      region: 'eu-west-1',
      assets: [{ arn: 'arn:x', resourceType: 'S3', name: 'b', tags: {}, attributes: { versioning: 'Enabled', encrypted: true } }],
      backupPlans: [{ BackupPlanId: 'p', BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v', Lifecycle: { DeleteAfterDays: 35 } }] } }],
    },
  ],
  jobs: { backup: [{ AccountId: '1', BackupJobId: 'j', ResourceArn: 'arn:x', CreationDate: '2026-11-20T00:00:00Z', State: 'COMPLETED', Extra: [1] }] },
});

/** Paths to leaves of a JSON value. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

describe('compileCheck (estate fast path)', () => {
  it('accepts what zod accepts, unknown fields included', () => {
    expect(estateSchema.safeParse(estate()).success).toBe(true);
    expect(isEstate(estate())).toBe(true);
  });

  it('agrees with zod on every single-leaf corruption of an estate', () => {
    const base = estate();
    for (const path of leaves(base)) {
      for (const replacement of [42, 'text', null, true, [], {}, 'bad-date', undefined]) {
        const doc = structuredClone(base);
        setAt(doc, path, replacement);
        expect(isEstate(doc), `${path.join('.')} = ${JSON.stringify(replacement)}`).toBe(estateSchema.safeParse(doc).success);
      }
    }
  });

  it('refuses to compile schema features it does not model', () => {
    expect(() => compileCheck(z.object({ a: z.string() }))).toThrow(/loose objects/);
    expect(() => compileCheck(z.number().positive())).toThrow(/unsupported checks/);
    expect(() => compileCheck(z.string().email())).toThrow(/unsupported string check/);
  });
});
