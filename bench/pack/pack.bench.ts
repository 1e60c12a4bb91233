/**
 * `vaultscope-report pack` for a period of 1,000,000 backup jobs read from the history ledger (plus ~167,000 copy
 * jobs and ~17,000 restore tests, and a 60,000-asset estate for the posture), as a fresh process running the built
 * CLI. Reports wall time and the pack process's peak RSS. Targets: under 60 s and under 1 GB; CSVs are streamed.
 *
 * Standalone: `node --import tsx bench/pack/pack.bench.ts` (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROGRAM = pathToFileURL(fileURLToPath(new URL('../../apps/reporter/dist/program.js', import.meta.url))).href;
const SEED = fileURLToPath(new URL('./seedLedger.ts', import.meta.url));
const BACKUP_JOBS = Number(process.env.VAULTSCOPE_BENCH_JOBS ?? 1_000_000);

/** Runs the CLI in-process inside a child and reports its own peak RSS (KiB) on the last stderr line. */
const WRAPPER = `
const { run } = await import(${JSON.stringify(PROGRAM)});
const code = await run(process.argv.slice(1));
process.stderr.write('\\n' + JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }) + '\\n');
process.exitCode = code;
`;

/** Figures for the pack benchmark. */
export async function run(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-bench-pack-'));
  try {
    const ledger = join(dir, 'ledger.sqlite');
    const estate = join(dir, 'estate.json');
    const seed = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', SEED, ledger, estate, String(BACKUP_JOBS)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (seed.status !== 0) throw new Error(`seeding failed (exit ${seed.status})`);
    const seeded = JSON.parse(seed.stdout.trim().split('\n').pop() ?? '{}') as { generateMs: number; recordMs: number; inserted: number };

    const out = join(dir, 'pack');
    const env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config') };
    // The signing key is made once per config directory: make it before the timed run, as a real install has one.
    spawnSync(process.execPath, ['--input-type=module', '-e', WRAPPER, 'pack', '--period', '2026-10', '--source', `snapshot:${estate}`, '--ledger', ledger, '--no-collect', '--out', join(dir, 'warm')], { env, encoding: 'utf8' });
    rmSync(join(dir, 'warm'), { recursive: true, force: true });

    const t0 = performance.now();
    const pack = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', WRAPPER, 'pack', '--period', '2026-10', '--source', `snapshot:${estate}`, '--ledger', ledger, '--no-collect', '--out', out],
      { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const wall = performance.now() - t0;
    if (pack.status !== 0) throw new Error(`pack failed (exit ${pack.status}): ${pack.stderr.slice(-2000)}`);
    const rss = JSON.parse(pack.stderr.trim().split('\n').pop() ?? '{}') as { maxRSS: number };
    const jobs = /([\d,]+) backup jobs, ([\d,]+) copy jobs, ([\d,]+) restore jobs/.exec(pack.stdout);
    const size = (name: string): number => Math.round(statSync(join(out, name)).size / 1e5) / 10;
    return {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      'backup / copy / restore jobs in the period': jobs ? `${jobs[1]} / ${jobs[2]} / ${jobs[3]}` : '?',
      'ledger file (MB)': Math.round(statSync(ledger).size / 1e5) / 10,
      'seeding: generate / record (s)': `${(seeded.generateMs / 1000).toFixed(1)} / ${(seeded.recordMs / 1000).toFixed(1)}`,
      'pack wall time (s, target < 60)': Math.round(wall / 100) / 10,
      'pack peak RSS (MB, target < 1024)': Math.round(rss.maxRSS / 1024),
      'backup-jobs.csv (MB)': size('backup-jobs.csv'),
      'PDF (MB) / pages': `${size('dora-evidence-pack.pdf')}`,
      'files in pack': readdirSync(out).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(44)} ${v}\n`);
}
