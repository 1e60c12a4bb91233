import { createRequire } from 'node:module';

/** The reporter's version, from its package.json, stamped into packs. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
