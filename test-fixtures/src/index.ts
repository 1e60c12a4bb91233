// Public API of @vaultscope/test-fixtures: the demo organization and its hostile strings (scale generators are
// exported separately from `@vaultscope/test-fixtures/scale`).
export { DEFAULT_DEMO_SEED, generateDemoEstate, type DemoEstateOptions } from './demo/generateDemoEstate.js';
export { HOSTILE_STRINGS } from './demo/hostile.js';
export { mutateEstate, type EstateMutation } from './fuzz/mutateEstate.js';
