/**
 * AWS Audit Manager evidence for the security-audit account (camelCase shapes of GetAssessment,
 * GetEvidenceFoldersByAssessment and GetEvidenceByEvidenceFolder, aws-reference §5). Nordhavn is an existing
 * Audit Manager customer with a custom DORA framework.
 */
import type { AuditManagerEvidence } from '@vaultscope/core';
import type { DemoAsset } from './catalogue.js';
import { AUDIT_ACCOUNT_ID, DEMO_ACCOUNTS, ORGANIZATION_ID, PRIMARY_REGION } from './organization.js';
import { createRng, rngFor } from './random.js';
import { DEMO_EPOCH, type DemoClock } from './schedules.js';
import { DAY, HOUR, iso, MINUTE } from './time.js';

interface ControlSpec {
  name: string;
  description: string;
  dataSource: string;
  sourceType: string;
  eventSource: string;
  eventName: string;
  evidenceByType: string;
  /** Resources this control evaluates, and whether each complies. */
  judge?: (a: DemoAsset) => boolean | undefined;
}

const CONTROLS: readonly ControlSpec[] = [
  {
    name: 'DORA-12.1a Resources protected by a backup plan',
    description: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN evaluated by AWS Config for critical and important data stores.',
    dataSource: 'AWS Config',
    sourceType: 'AWS_Config',
    eventSource: 'config.amazonaws.com',
    eventName: 'PutEvaluations',
    evidenceByType: 'Compliance check',
    judge: (a) => (a.asset.tags['DataClassification'] === 'critical' || a.asset.tags['DataClassification'] === 'important' ? !a.asset.name.startsWith('collections') : undefined),
  },
  {
    name: 'DORA-12.1 DynamoDB point-in-time recovery enabled',
    description: 'dynamodb-pitr-enabled managed rule.',
    dataSource: 'AWS Config',
    sourceType: 'AWS_Config',
    eventSource: 'config.amazonaws.com',
    eventName: 'PutEvaluations',
    evidenceByType: 'Compliance check',
    judge: (a) => (a.asset.resourceType === 'DynamoDB' ? a.asset.attributes?.pointInTimeRecovery === 'ENABLED' : undefined),
  },
  {
    name: 'DORA-12.3 Backup vaults locked',
    description: 'Snapshot of ListBackupVaults: Vault Lock state and retention bounds of every vault.',
    dataSource: 'AWS API call',
    sourceType: 'AWS_API_Call',
    eventSource: 'backup.amazonaws.com',
    eventName: 'ListBackupVaults',
    evidenceByType: 'Configuration data',
  },
  {
    name: 'DORA-12.2 Restore procedures tested',
    description: 'CloudTrail record of restore-testing jobs started by AWS Backup.',
    dataSource: 'AWS CloudTrail',
    sourceType: 'AWS_Cloudtrail',
    eventSource: 'backup.amazonaws.com',
    eventName: 'StartRestoreJob',
    evidenceByType: 'User activity',
  },
];

const SCOPE_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a.role === 'prod' || a.role === 'backup' || a.role === 'security');
const FOLDER_DAYS = 30;

/** The Audit Manager section of the estate: one active DORA assessment with 30 days of evidence. */
export function buildAuditManager(assets: readonly DemoAsset[], clock: DemoClock, seed: number): AuditManagerEvidence {
  const rng = createRng(seed);
  const assessmentId = rng.uuid();
  const frameworkId = rng.uuid();
  const controlSetId = 'DORA Article 12 - Backup, restoration and recovery';
  const region = PRIMARY_REGION;
  const controls = CONTROLS.map((c) => ({ spec: c, id: rng.uuid() }));
  const created = DEMO_EPOCH - 400 * DAY;
  const inScope = assets.filter((a) => SCOPE_ACCOUNTS.some((s) => s.id === a.account.id));

  const evidenceFolders: Record<string, unknown>[] = [];
  const evidence: Record<string, unknown>[] = [];
  // One folder per UTC day and control, its evidence drawn from the folder's own stream (seeded from the control
  // and the date): a day's evidence is the same in every observation, and today's grows as the day goes on.
  const today = Math.floor(clock.now / DAY) * DAY;
  for (let d = FOLDER_DAYS - 1; d >= 0; d--) {
    const day = today - d * DAY;
    const date = iso(day).slice(0, 10);
    for (const { spec, id: controlId } of controls) {
      const rng = rngFor(seed, `${spec.name}|${date}`);
      const folderId = rng.uuid();
      const judged = spec.judge ? inScope.map((a) => ({ a, ok: spec.judge?.(a) })).filter((j) => j.ok !== undefined) : [];
      const drawn = judged.length ? Array.from({ length: rng.int(1, 3) }, () => rng.pick(judged)) : [undefined];
      // Every value of every item is drawn before any is left out, so an item is the same whenever it shows.
      const items = drawn.map((j) => ({ j, time: day + rng.int(1, 23) * HOUR + rng.int(0, 59) * MINUTE, id: rng.hex(32), vaultCount: rng.int(40, 44) }));
      const shown = items.filter((item) => item.time <= clock.now);
      if (shown.length === 0) continue;
      const sample = shown.map((item) => item.j);
      let issues = 0;
      for (const { j, time, id, vaultCount } of shown) {
        const compliant = j ? j.ok === true : undefined;
        if (compliant === false) issues++;
        evidence.push({
          id,
          evidenceFolderId: folderId,
          dataSource: spec.dataSource,
          evidenceAwsAccountId: j ? j.a.account.id : AUDIT_ACCOUNT_ID,
          awsAccountId: AUDIT_ACCOUNT_ID,
          awsOrganization: ORGANIZATION_ID,
          time: iso(time),
          eventSource: spec.eventSource,
          eventName: spec.eventName,
          evidenceByType: spec.evidenceByType,
          ...(compliant === undefined ? {} : { complianceCheck: compliant ? 'COMPLIANT' : 'NON_COMPLIANT' }),
          resourcesIncluded: j ? [{ arn: j.a.asset.arn, complianceCheck: compliant ? 'COMPLIANT' : 'NON_COMPLIANT' }] : [{ arn: `arn:aws:backup:${region}:${AUDIT_ACCOUNT_ID}:backup-vault:*` }],
          attributes: j ? { resourceType: j.a.asset.resourceType, resourceName: j.a.asset.name } : { vaultCount: String(vaultCount) },
          iamId: `arn:aws:iam::${AUDIT_ACCOUNT_ID}:role/service-role/AWSAuditManagerServiceRole`,
          assessmentReportSelection: 'No',
        });
      }
      const checks = spec.evidenceByType === 'Compliance check' ? sample.length : 0;
      evidenceFolders.push({
        name: date,
        date: iso(day - (day % DAY)),
        assessmentId,
        controlSetId,
        controlId,
        id: folderId,
        dataSource: spec.dataSource,
        author: 'Audit Manager',
        totalEvidence: sample.length,
        assessmentReportSelectionCount: 0,
        controlName: spec.name,
        evidenceResourcesIncludedCount: sample.length,
        evidenceByTypeConfigurationDataCount: spec.evidenceByType === 'Configuration data' ? sample.length : 0,
        evidenceByTypeManualCount: 0,
        evidenceByTypeComplianceCheckCount: checks,
        evidenceByTypeComplianceCheckIssuesCount: issues,
        evidenceByTypeUserActivityCount: spec.evidenceByType === 'User activity' ? sample.length : 0,
        evidenceAwsServiceSourceCount: 1,
      });
    }
  }

  const account = (id: string) => {
    const a = DEMO_ACCOUNTS.find((x) => x.id === id);
    return { id, emailAddress: `aws+${a?.name ?? id}@nordhavn-bank.example`, name: a?.name ?? id };
  };
  const assessment = {
    arn: `arn:aws:auditmanager:${region}:${AUDIT_ACCOUNT_ID}:assessment/${assessmentId}`,
    awsAccount: account(AUDIT_ACCOUNT_ID),
    metadata: {
      name: 'Nordhavn DORA ICT resilience - backup and recovery',
      id: assessmentId,
      description: 'Evidence for DORA Art. 11(6) and Art. 12 across production, backup and security accounts.',
      complianceType: 'DORA',
      status: 'ACTIVE',
      assessmentReportsDestination: { destinationType: 'S3', destination: 's3://nordhavn-audit-manager-reports/dora' },
      scope: {
        awsAccounts: SCOPE_ACCOUNTS.map((a) => account(a.id)),
        awsServices: ['backup', 'dynamodb', 'rds', 's3', 'elasticfilesystem', 'ec2', 'fsx'].map((serviceName) => ({ serviceName })),
      },
      roles: [{ roleType: 'PROCESS_OWNER', roleArn: `arn:aws:iam::${AUDIT_ACCOUNT_ID}:role/NordhavnComplianceLead` }],
      delegations: [],
      creationTime: iso(created),
      lastUpdated: iso(clock.now - 3 * HOUR),
    },
    framework: {
      id: frameworkId,
      arn: `arn:aws:auditmanager:${region}:${AUDIT_ACCOUNT_ID}:assessmentFramework/${frameworkId}`,
      metadata: { name: 'Nordhavn DORA Article 12 (custom)', description: 'Custom framework mapping AWS Backup controls to DORA Art. 12 and RTS 2024/1774.', logo: 'Custom', complianceType: 'DORA' },
      controlSets: [
        {
          id: controlSetId,
          description: 'Backup policies, restoration and recovery procedures (Regulation (EU) 2022/2554 Art. 12).',
          status: 'ACTIVE',
          roles: [],
          controls: controls.map(({ spec, id }) => ({
            id,
            name: spec.name,
            description: spec.description,
            status: 'UNDER_REVIEW',
            response: 'AUTOMATE',
            comments: [],
            evidenceSources: [spec.sourceType],
            evidenceCount: evidenceFolders.filter((f) => f['controlId'] === id).reduce((n, f) => n + Number(f['totalEvidence']), 0),
            assessmentReportEvidenceCount: 0,
          })),
          delegations: [],
          systemEvidenceCount: evidence.length,
          manualEvidenceCount: 0,
        },
      ],
    },
    tags: { Owner: 'ciso-office', Framework: 'DORA' },
  };
  return { assessments: [{ assessment, evidenceFolders, evidence }] };
}
