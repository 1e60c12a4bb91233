// Public API of @vaultscope/test-fixtures/scale: estates of a requested size, and a synthetic AWS organization of
// any size behind a loopback server, for benchmarks.
export { generateScaleEstate, type ScaleEstateOptions } from './generateScaleEstate.js';
export { SyntheticOrg, type SyntheticOrgOptions } from './syntheticOrg.js';
export { startSyntheticAws, type CallCounts, type SyntheticAwsServer } from './syntheticAwsServer.js';
