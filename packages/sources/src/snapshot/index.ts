// `@vaultscope/sources/snapshot`: the snapshot loaders alone, the entry that a source is imported through when a
// snapshot is asked for (source.ts, the TUI). A module that only re-exports: a bundler then keeps the loaders, and
// the estate schema (zod) they build, out of what a demo start loads (apps/tui/scripts/bundle.mjs).
export { loadEstateFile, loadEstateFileInPieces, parseEstate, type EstateBeforeJobs, type InPiecesOptions } from './load.js';
