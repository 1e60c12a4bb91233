/**
 * The published IAM policies (docs/iam) grant exactly what the collector calls: every SDK command the AWS
 * source can send is found by scanning its sources, mapped to its IAM action, and must be allowed; the StackSet
 * template must grant the same actions as the member read-role policy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isReadOperation } from './readOnly.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const docs = fileURLToPath(new URL('../../../../docs/iam/', import.meta.url));

/** IAM prefix per SDK client package. */
const IAM_PREFIX: Record<string, string> = {
  auditmanager: 'auditmanager',
  backup: 'backup',
  dynamodb: 'dynamodb',
  ec2: 'ec2',
  efs: 'elasticfilesystem',
  fsx: 'fsx',
  organizations: 'organizations',
  rds: 'rds',
  s3: 's3',
  sts: 'sts',
};
/** Operations whose IAM action is named differently, or needs no permission (null). */
const SPECIAL: Record<string, string | null> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  'sts:GetCallerIdentity': null,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `service:Operation` for every command or paginator the sources use. */
function operationsUsed(): Set<string> {
  const used = new Set<string>();
  for (const file of sourceFiles(here)) {
    const text = readFileSync(file, 'utf8');
    const owner = new Map<string, string>();
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([\w-]+)'/g)) {
      for (const name of (match[1] ?? '').split(',')) owner.set(name.replace(/\btype\b/, '').trim().split(/\s+as\s+/)[0] ?? '', match[2] ?? '');
    }
    for (const match of text.matchAll(/\bnew (\w+)Command\(|\bpaginate(\w+)\(/g)) {
      const operation = match[1] ?? match[2] ?? '';
      const name = match[1] ? `${operation}Command` : `paginate${operation}`;
      const client = owner.get(name);
      if (!client) throw new Error(`${file}: cannot tell which client ${name} belongs to`);
      used.add(`${client}:${operation}`);
    }
  }
  return used;
}

function actionsOf(policy: { Statement: Array<{ Effect: string; Action: string | string[] }> }): Set<string> {
  return new Set(policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

const member = actionsOf(JSON.parse(readFileSync(join(docs, 'member-read-role.json'), 'utf8')));
const management = actionsOf(JSON.parse(readFileSync(join(docs, 'management-read-policy.json'), 'utf8')));

describe('docs/iam', () => {
  const used = operationsUsed();

  it('finds the commands the collector sends', () => {
    expect(used.size).toBeGreaterThan(30);
    for (const operation of ['backup:ListBackupJobs', 's3:GetBucketTagging', 'organizations:ListAccounts', 'sts:AssumeRole']) expect(used).toContain(operation);
    // And only reads.
    expect([...used].filter((o) => !isReadOperation(o.split(':')[1] ?? ''))).toEqual([]);
  });

  it('grants every action the collector needs, and nothing that writes', () => {
    const needed = [...used].flatMap((entry) => {
      const [client = '', operation = ''] = entry.split(':');
      const action = entry in SPECIAL ? SPECIAL[entry] : `${IAM_PREFIX[client] ?? client}:${operation}`;
      return action ? [action] : [];
    });
    const memberSide = needed.filter((a) => !a.startsWith('organizations:') && a !== 'sts:AssumeRole');
    expect(memberSide.filter((a) => !member.has(a))).toEqual([]);
    expect(needed.filter((a) => !management.has(a))).toEqual([]);
    // Least privilege: nothing granted that the code does not call.
    expect([...member].filter((a) => !needed.includes(a))).toEqual([]);
    expect([...management].filter((a) => !needed.includes(a))).toEqual([]);
    for (const action of [...member, ...management]) {
      const operation = action.split(':')[1] ?? '';
      expect(isReadOperation(operation) || action === 's3:ListAllMyBuckets').toBe(true);
    }
  });

  it('deploys the same actions with the StackSet template', () => {
    const template = readFileSync(join(docs, 'read-role-stackset.yaml'), 'utf8');
    const granted = new Set([...template.matchAll(/^\s+- ([a-z0-9]+:[A-Za-z]+)\s*$/gm)].map((m) => m[1] ?? ''));
    expect([...granted].sort()).toEqual([...member].sort());
    expect(template).toMatch(/Action: sts:AssumeRole/);
  });
});
