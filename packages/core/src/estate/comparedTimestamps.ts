/**
 * The timestamps evaluation compares, per kind of estate object. One list for everything that must touch all of
 * them: normalising them on load (normaliseTimestamps).
 */
export const COMPARED_TIMESTAMPS = {
  estate: ['capturedAt'],
  asset: ['createdAt'],
  backupVault: ['LockDate', 'CreationDate'],
  protectedResource: ['LastBackupTime'],
  jobs: ['since'],
  backupJob: ['CreationDate', 'CompletionDate', 'StartBy'],
  copyJob: ['CreationDate', 'CompletionDate'],
  restoreJob: ['CreationDate', 'CompletionDate', 'RecoveryPointCreationDate'],
} as const;
