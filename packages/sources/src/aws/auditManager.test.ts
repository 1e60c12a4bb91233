/**
 * Audit Manager with aws-sdk-client-mock (moto lacks it): assessments, evidence folders filtered to the period,
 * evidence over pages keyed by nextToken; absence and refusal are silent, other faults are recorded.
 */
import {
  AuditManagerClient,
  GetAssessmentCommand,
  GetEvidenceByEvidenceFolderCommand,
  GetEvidenceFoldersByAssessmentCommand,
  ListAssessmentsCommand,
} from '@aws-sdk/client-auditmanager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectAssessments } from './auditManager.js';
import { ErrorSink } from './errors.js';
import type { RegionScope } from './scope.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const amMock = mockClient(AuditManagerClient);
const client = new AuditManagerClient({ region: 'eu-west-1' });
const ACCOUNT = '111111111111';
const SINCE = new Date('2026-10-01T00:00:00Z');
const ASSESSMENT_ID = '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

let scope: RegionScope;
beforeEach(() => {
  amMock.reset();
  scope = { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', errors: new ErrorSink({ accountId: ACCOUNT, region: 'eu-west-1' }) };
});

const folder = (id: string, date: string) => ({
  name: date.slice(0, 10),
  date: new Date(date),
  assessmentId: ASSESSMENT_ID,
  controlSetId: 'Backup',
  controlId: 'c-1',
  id,
  dataSource: 'AWS Config',
  totalEvidence: 2,
  controlName: 'dynamodb-pitr-enabled',
});

describe('collectAssessments', () => {
  it('reads assessments and the evidence of the period over pages', async () => {
    const listTokens: Array<string | undefined> = [];
    amMock.on(ListAssessmentsCommand).callsFake((input: { nextToken?: string }) => {
      listTokens.push(input.nextToken);
      return input.nextToken
        ? { assessmentMetadata: [] }
        : {
            assessmentMetadata: [{ id: ASSESSMENT_ID, name: 'DORA backups', complianceType: 'DORA', status: 'ACTIVE', creationTime: new Date('2026-01-01T00:00:00Z') }],
            nextToken: 'am-2',
          };
    });
    amMock.on(GetAssessmentCommand).resolves({
      assessment: {
        arn: `arn:aws:auditmanager:eu-west-1:${ACCOUNT}:assessment/${ASSESSMENT_ID}`,
        awsAccount: { id: ACCOUNT, name: 'management' },
        metadata: { id: ASSESSMENT_ID, name: 'DORA backups', status: 'ACTIVE', creationTime: new Date('2026-01-01T00:00:00Z'), scope: { awsAccounts: [{ id: ACCOUNT }] } },
        framework: { id: 'fw-1', metadata: { name: 'Custom DORA' }, controlSets: [] },
      },
    });
    amMock.on(GetEvidenceFoldersByAssessmentCommand).callsFake((input: { nextToken?: string }) =>
      input.nextToken
        ? { evidenceFolders: [folder('old', '2026-09-01T00:00:00Z')] }
        : { evidenceFolders: [folder('f-1', '2026-11-20T00:00:00Z')], nextToken: 'folders-2' },
    );
    const evidenceTokens: Array<string | undefined> = [];
    amMock.on(GetEvidenceByEvidenceFolderCommand).callsFake((input: { evidenceFolderId: string; nextToken?: string }) => {
      evidenceTokens.push(`${input.evidenceFolderId}:${input.nextToken ?? ''}`);
      const item = (id: string) => ({
        id,
        dataSource: 'AWS Config',
        evidenceAwsAccountId: ACCOUNT,
        time: new Date('2026-11-20T03:00:00Z'),
        eventSource: 'config.amazonaws.com',
        evidenceByType: 'Compliance check',
        complianceCheck: 'COMPLIANT',
        resourcesIncluded: [{ arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`, complianceCheck: 'COMPLIANT' }],
        evidenceFolderId: input.evidenceFolderId,
      });
      return input.nextToken ? { evidence: [item('e-2')] } : { evidence: [item('e-1')], nextToken: 'ev-2' };
    });

    const assessments = await collectAssessments(client, scope, SINCE);
    expect(listTokens).toEqual([undefined, 'am-2']);
    expect(evidenceTokens).toEqual(['f-1:', 'f-1:ev-2']); // the folder from before the period is not read
    expect(assessments).toHaveLength(1);
    expect(assessments?.[0]?.assessment).toMatchObject({ arn: expect.stringContaining(ASSESSMENT_ID), metadata: { creationTime: '2026-01-01T00:00:00.000Z' } });
    expect(assessments?.[0]?.evidenceFolders?.map((f) => f.id)).toEqual(['f-1']);
    expect(assessments?.[0]?.evidence?.map((e) => [e.id, e.time])).toEqual([
      ['e-1', '2026-11-20T03:00:00.000Z'],
      ['e-2', '2026-11-20T03:00:00.000Z'],
    ]);
    expect(scope.errors.list()).toEqual([]);
  });

  it('is silent when the account does not use Audit Manager', async () => {
    amMock.on(ListAssessmentsCommand).rejects(awsError('AccessDeniedException', 'Please complete AWS Audit Manager setup from home page to enable this action in this account.', 403));
    expect(await collectAssessments(client, scope, SINCE)).toBeUndefined();
    amMock.on(ListAssessmentsCommand).rejects(Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 500 } }));
    expect(await collectAssessments(client, scope, SINCE)).toBeUndefined();
    expect(scope.errors.list()).toEqual([]);
  });

  it('records faults met while reading an existing customer’s assessments', async () => {
    amMock.on(ListAssessmentsCommand).resolves({ assessmentMetadata: [{ id: ASSESSMENT_ID, name: 'DORA' }] });
    amMock.on(GetAssessmentCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    amMock.on(GetEvidenceFoldersByAssessmentCommand).resolves({ evidenceFolders: [] });
    const assessments = await collectAssessments(client, scope, SINCE);
    expect(assessments?.[0]?.assessment).toEqual({ id: ASSESSMENT_ID, name: 'DORA' });
    expect(scope.errors.list()).toEqual([expect.objectContaining({ service: 'auditmanager', operation: 'GetAssessment', code: 'ThrottlingException' })]);
  });

  it('records a throttled ListAssessments (not an absence)', async () => {
    amMock.on(ListAssessmentsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect(await collectAssessments(client, scope, SINCE)).toBeUndefined();
    expect(scope.errors.list()).toHaveLength(1);
  });
});
