// Public API of @vaultscope/sources: everything that produces an Estate, the policy file loader, and the atomic
// file writer both apps write their outputs with. The AWS adapters (`@vaultscope/sources/aws`) and the demo
// organization (`@vaultscope/sources/demo`) have their own entries, so a consumer pays for the AWS SDK or the demo
// generator only when it asks for them; `@vaultscope/sources/snapshot` is the snapshot loaders alone, for a bundled
// consumer (the TUI) that builds the estate schema (zod) only when it opens a snapshot.
export {
  describeShard,
  inShard,
  jobListRegions,
  organizationJobRegions,
  parseShard,
  recordsOrganization,
  shardEstate,
  shardOfAccount,
  withJobListRegions,
  type Shard,
} from './shard.js';
export { describeSource, loadSource, parseSourceSpec, type SourceOptions, type SourceSpec } from './source.js';
export { loadEstateFile, loadEstateFileInPieces, parseEstate, type EstateBeforeJobs, type InPiecesOptions } from './snapshot/load.js';
export { readJsonFile } from './snapshot/jsonFile.js';
export { defaultPolicy, loadPolicy } from './policy/load.js';
export { createEstateObserver, DEMO_TICK_MS, type EstateObserver, type ObserverOptions } from './live/observe.js';
export { mergeEstateJobs, newestJobTime, oldestUnfinishedJobTime, pollSince } from './live/mergeJobs.js';
export { writeOutput, writeOutputChunks, type WriteOptions } from './files/atomicWrite.js';
export { setHeapGrowingPercent } from './runtime/heapGrowth.js';
