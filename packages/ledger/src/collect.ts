/**
 * Turns an observed estate (and the posture evaluated from it) into one ledger collection.
 */
import type { Estate, Posture } from '@vaultscope/core';
import { auditEvidenceOf } from './auditEvidence.js';
import { observationsOf } from './observations.js';
import type { CollectionInput } from './types.js';

/**
 * The collection input for an estate: its job lists, its Audit Manager evidence, provenance and, when given, the
 * posture summary.
 */
export function collectionFromEstate(
  estate: Estate,
  options: {
    collectedAt: string;
    source: string;
    posture?: Posture;
    policyHash?: string;
    /**
     * Also record what was seen of each account (`organization`: and the organization-level record; `jobRegions`: and
     * the organization-wide job listing of each of those Regions).
     */
    observations?: { organization: boolean; jobRegions?: readonly string[] };
  },
): CollectionInput {
  const policyHash = options.policyHash ?? options.posture?.policyHash;
  return {
    collectedAt: options.collectedAt,
    source: options.source,
    ...(estate.organization?.Id ? { organizationId: estate.organization.Id } : {}),
    estateCapturedAt: estate.capturedAt,
    ...(estate.jobs?.since ? { jobsSince: estate.jobs.since } : {}),
    ...(policyHash ? { policyHash } : {}),
    ...(options.posture ? { summary: options.posture.summary } : {}),
    jobs: {
      ...(estate.jobs?.backup ? { backup: estate.jobs.backup } : {}),
      ...(estate.jobs?.copy ? { copy: estate.jobs.copy } : {}),
      ...(estate.jobs?.restore ? { restore: estate.jobs.restore } : {}),
    },
    ...(estate.auditManager ? { auditEvidence: auditEvidenceOf(estate) } : {}),
    ...(options.observations ? { observations: observationsOf(estate, options.observations) } : {}),
  };
}
