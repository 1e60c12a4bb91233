/**
 * The estate (`vaultscope.estate/v1`): what was observed, in AWS's own shapes.
 *
 * AWS objects are loose objects: the fields the evaluation reads are typed (all optional, as in the SDK), and any
 * other field AWS returns is kept as it is, so a user can drop real API output in.
 */
import { z } from 'zod';
import { hasCalendarDate, ISO_TIMESTAMP } from './canonicalTimestamp.js';

import { ESTATE_FORMAT } from './format.js';

export { ESTATE_FORMAT, RESOURCE_TYPES } from './format.js';

/**
 * ISO-8601 timestamp with a zone (`Z` or an offset, as the AWS CLI prints them), as every timestamp in the
 * formats is. Field ranges are checked so that an impossible time is rejected at load instead of evaluating to
 * NaN (and so passing every age check).
 */
export const isoTimestamp = z
  .string()
  .regex(
    ISO_TIMESTAMP,
    'expected ISO-8601 timestamp with a time zone (e.g. 2026-11-21T06:00:00Z)',
  )
  .refine(hasCalendarDate, 'not a calendar date (the day does not exist in that month)');
const tagMap = z.record(z.string(), z.string());
const optStr = z.string().optional();

export const assetAttributesSchema = z.looseObject({
  pointInTimeRecovery: z.enum(['ENABLED', 'DISABLED']).optional(),
  versioning: z.enum(['Enabled', 'Suspended']).optional(),
  encrypted: z.boolean().optional(),
  efsAutomaticBackups: z.enum(['ENABLED', 'ENABLING', 'DISABLED', 'DISABLING']).optional(),
  /** RDS/Aurora engine, e.g. `aurora-postgresql`, `postgres`. */
  engine: optStr,
  /** RDS/Aurora native automated-backup retention in days (0 = off). */
  backupRetentionPeriod: z.number().optional(),
  multiAZ: z.boolean().optional(),
  /** EBS: the instance the volume is attached to. */
  attachedInstanceId: optStr,
  /** EC2: the EBS volumes attached to the instance (DescribeInstances BlockDeviceMappings; added field). */
  attachedVolumeIds: z.array(z.string()).optional(),
  /** Lifecycle status as the service reports it (ACTIVE, available, in-use, …). */
  status: optStr,
  /** FSx: WINDOWS | LUSTRE | ONTAP | OPENZFS. */
  fileSystemType: optStr,
});

export const assetSchema = z.looseObject({
  arn: z.string(),
  resourceType: z.string(),
  name: z.string(),
  tags: tagMap,
  sizeBytes: z.number().optional(),
  createdAt: isoTimestamp.optional(),
  attributes: assetAttributesSchema.optional(),
});

const kv = z.looseObject({ ConditionKey: z.string(), ConditionValue: z.string() });

export const backupSelectionSchema = z.looseObject({
  SelectionName: z.string(),
  IamRoleArn: optStr,
  Resources: z.array(z.string()).optional(),
  NotResources: z.array(z.string()).optional(),
  ListOfTags: z.array(z.looseObject({ ConditionType: optStr, ConditionKey: z.string(), ConditionValue: z.string() })).optional(),
  Conditions: z
    .looseObject({
      StringEquals: z.array(kv).optional(),
      StringNotEquals: z.array(kv).optional(),
      StringLike: z.array(kv).optional(),
      StringNotLike: z.array(kv).optional(),
    })
    .optional(),
});

const lifecycleSchema = z.looseObject({
  MoveToColdStorageAfterDays: z.number().optional(),
  DeleteAfterDays: z.number().optional(),
});

export const backupRuleSchema = z.looseObject({
  RuleName: z.string(),
  RuleId: optStr,
  TargetBackupVaultName: z.string(),
  TargetLogicallyAirGappedBackupVaultArn: optStr,
  ScheduleExpression: optStr,
  ScheduleExpressionTimezone: optStr,
  StartWindowMinutes: z.number().optional(),
  CompletionWindowMinutes: z.number().optional(),
  Lifecycle: lifecycleSchema.optional(),
  CopyActions: z.array(z.looseObject({ DestinationBackupVaultArn: z.string(), Lifecycle: lifecycleSchema.optional() })).optional(),
  EnableContinuousBackup: z.boolean().optional(),
});

export const backupPlanSchema = z.looseObject({
  BackupPlanId: z.string(),
  BackupPlanArn: optStr,
  VersionId: optStr,
  BackupPlan: z.looseObject({ BackupPlanName: z.string(), Rules: z.array(backupRuleSchema) }),
  Selections: z.array(z.looseObject({ SelectionId: z.string(), BackupSelection: backupSelectionSchema })).optional(),
});

export const backupVaultSchema = z.looseObject({
  BackupVaultName: z.string(),
  BackupVaultArn: z.string(),
  VaultType: optStr,
  VaultState: optStr,
  Locked: z.boolean().optional(),
  LockDate: isoTimestamp.optional(),
  MinRetentionDays: z.number().optional(),
  MaxRetentionDays: z.number().optional(),
  EncryptionKeyArn: optStr,
  NumberOfRecoveryPoints: z.number().optional(),
  CreationDate: isoTimestamp.optional(),
});

export const protectedResourceSchema = z.looseObject({
  ResourceArn: z.string(),
  ResourceType: optStr,
  LastBackupTime: isoTimestamp.optional(),
  ResourceName: optStr,
  LastBackupVaultArn: optStr,
  LastRecoveryPointArn: optStr,
});

const keyValue = z.looseObject({ Key: z.string(), Value: z.string() });

export const restoreTestingSelectionSchema = z.looseObject({
  RestoreTestingSelectionName: z.string(),
  RestoreTestingPlanName: optStr,
  ProtectedResourceType: z.string(),
  ProtectedResourceArns: z.array(z.string()).optional(),
  ProtectedResourceConditions: z
    .looseObject({ StringEquals: z.array(keyValue).optional(), StringNotEquals: z.array(keyValue).optional() })
    .optional(),
  IamRoleArn: optStr,
  ValidationWindowHours: z.number().optional(),
});

export const restoreTestingPlanSchema = z.looseObject({
  RestoreTestingPlanName: z.string(),
  RestoreTestingPlanArn: z.string(),
  ScheduleExpression: optStr,
  ScheduleExpressionTimezone: optStr,
  StartWindowHours: z.number().optional(),
  RecoveryPointSelection: z
    .looseObject({
      Algorithm: optStr,
      RecoveryPointTypes: z.array(z.string()).optional(),
      IncludeVaults: z.array(z.string()).optional(),
      ExcludeVaults: z.array(z.string()).optional(),
      SelectionWindowDays: z.number().optional(),
    })
    .optional(),
  Selections: z.array(restoreTestingSelectionSchema).optional(),
});

/** A fault met while observing: never fatal, always reported as `discovery.incomplete`. */
export const collectionErrorSchema = z.looseObject({
  service: z.string(),
  operation: z.string(),
  resource: optStr,
  /** Every resource a folded entry stands for, `resource` first (added field). */
  resources: z.array(z.string()).optional(),
  code: z.string(),
  message: z.string(),
  accountId: optStr,
  region: optStr,
});

export const regionObservationSchema = z.looseObject({
  accountId: z.string(),
  region: z.string(),
  assets: z.array(assetSchema).optional(),
  regionSettings: z
    .looseObject({
      ResourceTypeOptInPreference: z.record(z.string(), z.boolean()).optional(),
      ResourceTypeManagementPreference: z.record(z.string(), z.boolean()).optional(),
    })
    .optional(),
  backupPlans: z.array(backupPlanSchema).optional(),
  backupVaults: z.array(backupVaultSchema).optional(),
  protectedResources: z.array(protectedResourceSchema).optional(),
  restoreTestingPlans: z.array(restoreTestingPlanSchema).optional(),
  frameworks: z.array(z.looseObject({ FrameworkName: z.string() })).optional(),
  errors: z.array(collectionErrorSchema).optional(),
});

const createdBySchema = z
  .looseObject({
    BackupPlanId: optStr,
    BackupPlanArn: optStr,
    BackupPlanName: optStr,
    BackupRuleId: optStr,
    BackupRuleName: optStr,
    BackupRuleCron: optStr,
  })
  .optional();

export const backupJobSchema = z.looseObject({
  AccountId: z.string(),
  Region: optStr,
  BackupJobId: z.string(),
  BackupVaultName: optStr,
  BackupVaultArn: optStr,
  VaultType: optStr,
  VaultLockState: optStr,
  RecoveryPointArn: optStr,
  ResourceArn: z.string(),
  ResourceType: optStr,
  ResourceName: optStr,
  CreationDate: isoTimestamp,
  CompletionDate: isoTimestamp.optional(),
  StartBy: isoTimestamp.optional(),
  State: z.string(),
  StatusMessage: optStr,
  MessageCategory: optStr,
  PercentDone: optStr,
  BackupSizeInBytes: z.number().optional(),
  IamRoleArn: optStr,
  CreatedBy: createdBySchema,
});

export const copyJobSchema = z.looseObject({
  AccountId: z.string(),
  Region: optStr,
  CopyJobId: z.string(),
  SourceBackupVaultArn: optStr,
  SourceRecoveryPointArn: optStr,
  DestinationBackupVaultArn: optStr,
  DestinationVaultType: optStr,
  DestinationVaultLockState: optStr,
  DestinationRecoveryPointArn: optStr,
  ResourceArn: z.string(),
  ResourceType: optStr,
  ResourceName: optStr,
  CreationDate: isoTimestamp,
  CompletionDate: isoTimestamp.optional(),
  State: z.string(),
  StatusMessage: optStr,
  MessageCategory: optStr,
  BackupSizeInBytes: z.number().optional(),
  CreatedBy: createdBySchema,
  CreatedByBackupJobId: optStr,
});

export const restoreJobSchema = z.looseObject({
  AccountId: z.string(),
  Region: optStr,
  RestoreJobId: z.string(),
  RecoveryPointArn: optStr,
  RecoveryPointCreationDate: isoTimestamp.optional(),
  SourceResourceArn: optStr,
  BackupVaultArn: optStr,
  CreatedResourceArn: optStr,
  ResourceType: optStr,
  CreationDate: isoTimestamp,
  CompletionDate: isoTimestamp.optional(),
  Status: z.string(),
  StatusMessage: optStr,
  PercentDone: optStr,
  BackupSizeInBytes: z.number().optional(),
  ExpectedCompletionTimeMinutes: z.number().optional(),
  CreatedBy: z.looseObject({ RestoreTestingPlanArn: optStr }).optional(),
  ValidationStatus: optStr,
  ValidationStatusMessage: optStr,
  DeletionStatus: optStr,
  DeletionStatusMessage: optStr,
});

export const auditManagerSchema = z.looseObject({
  assessments: z.array(
    z.looseObject({
      assessment: z.looseObject({}),
      evidenceFolders: z.array(z.looseObject({})).optional(),
      evidence: z.array(z.looseObject({})).optional(),
    }),
  ),
});

export const accountSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  State: optStr,
  Email: optStr,
  OuPath: optStr,
  Tags: tagMap.optional(),
});

export const estateSchema = z.looseObject({
  format: z.literal(ESTATE_FORMAT),
  capturedAt: isoTimestamp,
  /** Where the estate came from: `demo`, `aws`, `snapshot:…` (added field). */
  source: optStr,
  organization: z.looseObject({ Id: optStr, Arn: optStr, MasterAccountId: optStr }).optional(),
  accounts: z.array(accountSchema),
  regions: z.array(regionObservationSchema),
  jobs: z
    .looseObject({
      backup: z.array(backupJobSchema).optional(),
      copy: z.array(copyJobSchema).optional(),
      restore: z.array(restoreJobSchema).optional(),
      /** Start of the window the job lists cover (added field; absent = unknown). */
      since: isoTimestamp.optional(),
    })
    .optional(),
  auditManager: auditManagerSchema.optional(),
  errors: z.array(collectionErrorSchema).optional(),
});

export type Estate = z.infer<typeof estateSchema>;
export type Account = z.infer<typeof accountSchema>;
export type RegionObservation = z.infer<typeof regionObservationSchema>;
export type Asset = z.infer<typeof assetSchema>;
export type AssetAttributes = z.infer<typeof assetAttributesSchema>;
export type BackupPlan = z.infer<typeof backupPlanSchema>;
export type BackupRule = z.infer<typeof backupRuleSchema>;
export type BackupSelection = z.infer<typeof backupSelectionSchema>;
export type BackupVault = z.infer<typeof backupVaultSchema>;
export type ProtectedResource = z.infer<typeof protectedResourceSchema>;
export type RestoreTestingPlan = z.infer<typeof restoreTestingPlanSchema>;
export type RestoreTestingSelection = z.infer<typeof restoreTestingSelectionSchema>;
export type BackupJob = z.infer<typeof backupJobSchema>;
export type CopyJob = z.infer<typeof copyJobSchema>;
export type RestoreJob = z.infer<typeof restoreJobSchema>;
export type CollectionError = z.infer<typeof collectionErrorSchema>;
export type AuditManagerEvidence = z.infer<typeof auditManagerSchema>;
