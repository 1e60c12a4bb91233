import type { Tier } from '../../policy/schema.js';
import type { CheckId, Finding } from '../../posture/schema.js';
import { frameworkRefs } from '../frameworks/evaluateFrameworks.js';
import { CHECKS, severityFor } from './catalog.js';

/** What a check knows when it fires. */
export interface FindingInput {
  check: CheckId;
  tier?: Tier;
  accountId: string;
  region: string;
  resourceArn?: string;
  /** The resource's AWS Backup type: decides which framework rules the finding carries. */
  resourceType?: string;
  message: string;
  remediation: string;
  evidence?: Record<string, unknown>;
  /** Distinguishes several findings of one check on one resource (e.g. one per failed restore test). */
  discriminator?: string;
}

/**
 * Two mixed 32-bit FNV-1a lanes as 16 hex digits: stable across runs and machines, and cheap enough for 100,000 findings
 * (an id, not a security boundary).
 */
export function stableId(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 7);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Builds a finding with a stable id, the severity for its class, the check's DORA and framework references. */
export function makeFinding(input: FindingInput): Finding {
  const id = stableId(`${input.check}\u0000${input.accountId}\u0000${input.region}\u0000${input.resourceArn ?? ''}\u0000${input.discriminator ?? ''}`);
  // Built field by field in a fixed order (no spreads): postures hold up to hundreds of thousands of findings.
  const finding: Finding = {
    id,
    check: input.check,
    severity: severityFor(input.check, input.tier),
    accountId: input.accountId,
    region: input.region,
    message: input.message,
    remediation: input.remediation,
    dora: CHECKS[input.check].dora,
  };
  if (input.resourceArn) finding.resourceArn = input.resourceArn;
  const frameworks = input.resourceType !== undefined ? frameworkRefs(input.check, input.resourceType) : undefined;
  if (frameworks) finding.frameworks = frameworks;
  if (input.evidence) finding.evidence = input.evidence;
  return finding;
}
