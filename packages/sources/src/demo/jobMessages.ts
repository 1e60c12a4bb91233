/**
 * Outcomes of backup and copy jobs that did not simply succeed, with the status messages and message categories
 * AWS Backup reports for them. Some messages quote a resource's Name tag, which is how hostile text reaches them.
 */

/** The failure modes the demo's job history uses. */
export type FailureKind =
  | 'access-denied'
  | 'kms-access-denied'
  | 's3-versioning'
  | 'expired'
  | 'aborted'
  | 'partial'
  | 'completed-with-issues'
  | 'invalid-state';

/** State, category and message of one job. */
export interface JobOutcome {
  State: string;
  MessageCategory?: string;
  StatusMessage?: string;
}

/** What a message may mention about the resource. */
export interface FailureSubject {
  name: string;
  accountId: string;
  region: string;
  resourceType: string;
}

/** The outcome AWS Backup reports for one failure mode. */
export function failureOutcome(kind: FailureKind, s: FailureSubject): JobOutcome {
  switch (kind) {
    case 'access-denied':
      return { State: 'FAILED', MessageCategory: 'AccessDenied', StatusMessage: 'Insufficient privileges to perform this action.' };
    case 'kms-access-denied':
      return {
        State: 'FAILED',
        MessageCategory: 'AccessDenied',
        StatusMessage: `Insufficient privileges to perform this action. The backup role cannot use the customer managed KMS key that encrypts volume "${s.name}".`,
      };
    case 's3-versioning':
      return {
        State: 'FAILED',
        MessageCategory: 'InvalidParameters',
        StatusMessage: `Bucket versioning must be enabled to back up an S3 bucket. Versioning is not enabled on ${s.name} within account ${s.accountId}.`,
      };
    case 'expired':
      return {
        State: 'EXPIRED',
        StatusMessage: 'The backup job did not start within the start window and expired. Another backup job for this resource was still running.',
      };
    case 'aborted':
      return { State: 'ABORTED', MessageCategory: 'ABORTED', StatusMessage: 'Backup job was stopped by user request.' };
    case 'partial':
      return {
        State: 'PARTIAL',
        MessageCategory: 'InvalidParameters',
        StatusMessage: `Some objects were not backed up from the source bucket ${s.name}: objects in the S3 Glacier Flexible Retrieval storage class are not supported.`,
      };
    case 'completed-with-issues':
      return {
        State: 'COMPLETED',
        MessageCategory: 'AccessDenied',
        StatusMessage: `Backup completed with issues: 214 objects in ${s.name} were not backed up because access to their KMS key was denied. To get notified of these failures please enable SNS event notifications.`,
      };
    case 'invalid-state':
      return {
        State: 'FAILED',
        MessageCategory: 'InvalidParameters',
        StatusMessage: `DB instance ${s.name} is not in the available state (current state: modifying). AWS Backup can only back up available DB instances.`,
      };
  }
}

/** A copy into another account's vault that the destination vault's access policy refused. */
export function copyDeniedOutcome(destinationAccountId: string, sourceAccountId: string): JobOutcome {
  return {
    State: 'FAILED',
    MessageCategory: 'AccessDenied',
    StatusMessage: `Access denied: the access policy of the destination backup vault in account ${destinationAccountId} does not allow backup:CopyIntoBackupVault from account ${sourceAccountId}.`,
  };
}

/** Rare failures sprinkled over history older than the evaluation window, so old weeks look lived-in. */
export const BACKGROUND_FAILURES: readonly FailureKind[] = ['expired', 'access-denied', 'aborted', 'expired', 'invalid-state'];
