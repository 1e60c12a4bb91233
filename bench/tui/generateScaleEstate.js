/**
 * `node bench/tui/generateScaleEstate.js FILE`: writes the 100,000-asset estate the TUI benchmarks use (200
 * accounts, 180,000 backup jobs, captured an hour ago). Run as its own process by `writeScaleEstate` (scale.js).
 */
import { writeFileSync } from 'node:fs';
import { generateScaleEstate } from '@vaultscope/test-fixtures/scale';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/tui/generateScaleEstate.js FILE\n');
  process.exit(2);
}
const estate = generateScaleEstate({ accounts: 200, assets: 100_000, backupJobs: 180_000, seed: 7, now: new Date(Date.now() - 3_600_000) });
writeFileSync(file, JSON.stringify(estate));
