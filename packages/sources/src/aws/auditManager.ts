/**
 * AWS Audit Manager (closed to new customers): assessments and their evidence for the period, for the accounts
 * that have any. An account or Region without Audit Manager — refused, not set up, not offered — is normal and
 * recorded nowhere; only faults met while reading an existing customer's assessments are.
 */
import {
  GetAssessmentCommand,
  paginateGetEvidenceByEvidenceFolder,
  paginateGetEvidenceFoldersByAssessment,
  paginateListAssessments,
  type AuditManagerClient,
} from '@aws-sdk/client-auditmanager';
import type { AuditManagerEvidence } from '@vaultscope/core';
import { errorCodeOf, isAccessDenied, isUnavailable } from './errors.js';
import type { RegionScope } from './scope.js';
import { allPages, toPlain } from './shapes.js';

type Assessment = AuditManagerEvidence['assessments'][number];

const SERVICE = 'auditmanager';

/** Codes meaning "this account does not use Audit Manager here". */
function isAbsence(code: string): boolean {
  return isAccessDenied(code) || isUnavailable(code) || code === 'ResourceNotFoundException' || code === 'UnrecognizedClientException';
}

/** The account's assessments in this Region with evidence folders dated on or after `since`; `undefined` when absent. */
export async function collectAssessments(client: AuditManagerClient, scope: RegionScope, since: Date): Promise<Assessment[] | undefined> {
  let listed;
  try {
    listed = await allPages(paginateListAssessments({ client }, { maxResults: 1000 }), (p) => p.assessmentMetadata);
  } catch (error) {
    if (!isAbsence(errorCodeOf(error))) scope.errors.record(error, { service: SERVICE, operation: 'ListAssessments' });
    return undefined;
  }
  const out = await Promise.all(
    listed.map(async (meta): Promise<Assessment | undefined> => {
      const assessmentId = meta.id;
      if (!assessmentId) return undefined;
      const site = (operation: string) => ({ service: SERVICE, operation, resource: assessmentId });
      const [assessment, folders] = await Promise.all([
        scope.errors.attempt(site('GetAssessment'), async () => (await client.send(new GetAssessmentCommand({ assessmentId }))).assessment),
        scope.errors.attempt(site('GetEvidenceFoldersByAssessment'), () =>
          allPages(paginateGetEvidenceFoldersByAssessment({ client }, { assessmentId, maxResults: 1000 }), (p) => p.evidenceFolders),
        ),
      ]);
      const inPeriod = (folders ?? []).filter((f) => !f.date || f.date.getTime() >= since.getTime());
      const evidence = await Promise.all(
        inPeriod.map(async (folder) => {
          const { controlSetId, id: evidenceFolderId } = folder;
          if (!controlSetId || !evidenceFolderId) return [];
          const items = await scope.errors.attempt(site('GetEvidenceByEvidenceFolder'), () =>
            allPages(
              paginateGetEvidenceByEvidenceFolder({ client }, { assessmentId, controlSetId, evidenceFolderId, maxResults: 1000 }),
              (p) => p.evidence,
            ),
          );
          return items ?? [];
        }),
      );
      return {
        assessment: toPlain(assessment ?? meta) as Record<string, unknown>,
        ...(folders ? { evidenceFolders: toPlain(inPeriod) as Array<Record<string, unknown>> } : {}),
        evidence: toPlain(evidence.flat()) as Array<Record<string, unknown>>,
      };
    }),
  );
  return out.filter((a): a is Assessment => a !== undefined);
}
