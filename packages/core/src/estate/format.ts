/**
 * The estate format's name and the resource types it knows. Apart from the estate schema (zod), so that code
 * generating or judging an estate reads them without loading the schema library (a bundled app's start:
 * apps/tui/scripts/bundle.mjs).
 */
export const ESTATE_FORMAT = 'vaultscope.estate/v1';

/** AWS Backup resource-type strings the product understands (others are kept, not evaluated per service). */
export const RESOURCE_TYPES = ['S3', 'RDS', 'Aurora', 'DynamoDB', 'EFS', 'EBS', 'EC2', 'FSx', 'DocumentDB', 'Neptune'] as const;
