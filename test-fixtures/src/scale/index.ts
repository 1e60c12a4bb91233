// Public API of @vaultscope/test-fixtures/scale: estates of a requested size, for benchmarks.
export { generateScaleEstate, type ScaleEstateOptions } from './generateScaleEstate.js';
