/** What an adapter needs to know about where it is observing. */
import type { ErrorSink } from './errors.js';

export interface RegionScope {
  accountId: string;
  region: string;
  partition: string;
  /** Errors of this account × Region observation. */
  errors: ErrorSink;
}
