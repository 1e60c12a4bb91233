/**
 * The data classes' tiers, most demanding first. Apart from the policy schema (zod), so that code judging an estate
 * reads them without loading the schema library (a bundled app's start: apps/tui/scripts/bundle.mjs).
 */
export const TIERS = ['critical', 'important', 'standard', 'archival'] as const;
export type Tier = (typeof TIERS)[number];
