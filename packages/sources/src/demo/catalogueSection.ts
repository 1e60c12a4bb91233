/**
 * A slice of the catalogue: the assets of one account in one Region, and the tags every asset there carries.
 */
import type { AssetDef, Tags } from './catalogue.js';
import type { DemoRegion } from './organization.js';

/** The assets of one account in one Region. */
export interface CatalogueSection {
  account: string;
  region: DemoRegion;
  /** Tags every asset of the section carries (asset tags win). */
  baseTags: Tags;
  assets: readonly AssetDef[];
}
