import { createHash } from 'node:crypto';
import type { Tier } from '../../policy/schema.js';
import type { CheckId, Finding } from '../../posture/schema.js';
import { CHECKS, severityFor } from './catalog.js';

/** What a check knows when it fires. */
export interface FindingInput {
  check: CheckId;
  tier?: Tier;
  accountId: string;
  region: string;
  resourceArn?: string;
  message: string;
  remediation: string;
  evidence?: Record<string, unknown>;
  /** Distinguishes several findings of one check on one resource (e.g. one per failed restore test). */
  discriminator?: string;
}

/** Builds a finding with a stable id, the severity for its class and the check's DORA references. */
export function makeFinding(input: FindingInput): Finding {
  const id = createHash('sha256')
    .update([input.check, input.accountId, input.region, input.resourceArn ?? '', input.discriminator ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
  return {
    id,
    check: input.check,
    severity: severityFor(input.check, input.tier),
    accountId: input.accountId,
    region: input.region,
    ...(input.resourceArn ? { resourceArn: input.resourceArn } : {}),
    message: input.message,
    remediation: input.remediation,
    dora: CHECKS[input.check].dora,
    ...(input.evidence ? { evidence: input.evidence } : {}),
  };
}
