/**
 * End-to-end `vaultscope-report posture --json` on a generated estate of 100,000 assets in 200 accounts with
 * 180,000 backup jobs, against Node's bare JSON.parse + JSON.stringify of the same file (both as fresh
 * processes reading the file and writing their output). Target: at most 1.5×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScaleEstate } from '@vaultscope/test-fixtures/scale';

const cli = fileURLToPath(new URL('../../apps/reporter/dist/main.js', import.meta.url));
const RUNS = 3;

function timeCommand(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

/** Figures for the posture benchmark. */
export async function run(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-bench-'));
  try {
    const estate = generateScaleEstate({ accounts: 200, assets: 100_000, backupJobs: 180_000, seed: 7, now: new Date('2026-11-21T06:00:00Z') });
    const file = join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(estate));
    const baselineScript = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(join(dir, 'copy.json'))},JSON.stringify(JSON.parse(fs.readFileSync(${JSON.stringify(file)},'utf8'))))`;
    const baseline = timeCommand(['-e', baselineScript]);
    const posture = timeCommand([cli, 'posture', '--source', `snapshot:${file}`, '--json', '--out', join(dir, 'posture.json')]);
    return {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      'estate size (MB)': Math.round(statSync(file).size / 1e5) / 10,
      'assets / accounts / backup jobs': '100,000 / 200 / 180,000',
      'JSON.parse + stringify (ms, median of 3)': Math.round(baseline),
      'posture --json end to end (ms, median of 3)': Math.round(posture),
      'ratio (target ≤ 1.5)': Math.round((posture / baseline) * 100) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
