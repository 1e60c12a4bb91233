/**
 * `@vaultscope/sources/aws`: live, read-only collection from an AWS Organization. The only module of Vaultscope
 * that talks to AWS; loaded lazily so other sources never pay for the SDK.
 */
export { collectEstate } from './collectEstate.js';
export { AwsSetupError } from './errors.js';
export { DEFAULT_CONCURRENCY, DEFAULT_ROLE_NAME, type AwsCollectOptions } from './options.js';
export { createProgressLine, formatProgress, type CollectProgress } from './progress.js';
export { isReadOperation, ReadOnlyViolationError } from './readOnly.js';
export type { ApiCall } from './governor.js';
