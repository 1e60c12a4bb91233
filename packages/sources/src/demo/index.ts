// `@vaultscope/sources/demo`: the demo organization (the default source), its hostile strings, and the seeded
// random numbers and time grid the scale generators in test-fixtures share with it.
export { DEFAULT_DEMO_SEED, generateDemoEstate, type DemoEstateOptions } from './generateDemoEstate.js';
export { HOSTILE_STRINGS } from './hostile.js';
export { createRng, deriveSeed, type Rng } from './random.js';
export { DAY, HOUR, MINUTE, iso } from './time.js';
