// `@vaultscope/test-fixtures/fuzz`: seeded estate mutations for robustness tests.
export { mutateEstate, type EstateMutation } from './mutateEstate.js';
