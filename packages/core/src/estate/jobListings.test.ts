/**
 * A job listing's error is a Region's (AWS Backup's ListBackupJobs / ListCopyJobs / ListRestoreJobs, with a
 * Region: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html); other operations, or
 * one without a Region, are not.
 */
import { describe, expect, it } from 'vitest';
import { isJobListingError, JOB_LIST_OPERATIONS } from './jobListings.js';

describe('isJobListingError', () => {
  it.each([
    [{ operation: 'ListBackupJobs', region: 'eu-west-1' }, true],
    [{ operation: 'ListCopyJobs', region: 'eu-central-1' }, true],
    [{ operation: 'ListRestoreJobs', region: 'us-east-1' }, true],
    [{ operation: 'ListBackupJobs' }, false],
    [{ operation: 'ListBackupPlans', region: 'eu-west-1' }, false],
    [{ operation: 'collect', region: 'eu-west-1' }, false],
  ])('%j → %s', (error, expected) => {
    expect(isJobListingError(error)).toBe(expected);
  });

  it('names one listing operation per job kind', () => {
    expect(JOB_LIST_OPERATIONS).toEqual({ backup: 'ListBackupJobs', copy: 'ListCopyJobs', restore: 'ListRestoreJobs' });
  });
});
