/**
 * Faults met while observing the organization, in the shape collectors record them: one S3 permission gap in a
 * member account, and two organization-level faults (a throttled Organizations call, a Region where STS is off).
 */
import type { CollectionError } from '@vaultscope/core';
import { accountNamed, MANAGEMENT_ACCOUNT_ID, ORGANIZATION_ID, SECONDARY_REGION } from './organization.js';

/** The bucket whose tags the read role may not see. */
export const TAG_DENIED_BUCKET = 'customer-correspondence-ie';

/** Errors of one account/Region observation (empty for all but one). */
export function observationErrors(accountName: string, region: string): CollectionError[] {
  if (accountName !== 'customer-data-prod' || region !== SECONDARY_REGION) return [];
  const account = accountNamed(accountName).id;
  const resource = `arn:aws:s3:::${TAG_DENIED_BUCKET}`;
  return [
    {
      service: 's3',
      operation: 'GetBucketTagging',
      resource,
      code: 'AccessDenied',
      message: `User: arn:aws:sts::${account}:assumed-role/VaultscopeReadRole/vaultscope is not authorized to perform: s3:GetBucketTagging on resource: "${resource}" because no identity-based policy allows the s3:GetBucketTagging action`,
      accountId: account,
      region,
    },
  ];
}

/** Organization-level errors (`estate.errors`). */
export function organizationErrors(): CollectionError[] {
  const quant = accountNamed('sandbox-quant').id;
  return [
    {
      service: 'organizations',
      operation: 'DescribeEffectivePolicy',
      resource: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:account/${ORGANIZATION_ID}/${accountNamed('sandbox-engineering').id}`,
      code: 'TooManyRequestsException',
      message: 'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
      accountId: accountNamed('sandbox-engineering').id,
      region: 'us-east-1',
    },
    {
      service: 'sts',
      operation: 'AssumeRole',
      resource: `arn:aws:iam::${quant}:role/VaultscopeReadRole`,
      code: 'RegionDisabledException',
      message: `STS is not activated in this region for account:${quant}. Your account administrator can activate STS in this region using the IAM Console.`,
      accountId: quant,
      region: SECONDARY_REGION,
    },
  ];
}
