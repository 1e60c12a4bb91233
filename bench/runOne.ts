// Runs one benchmark module's `run()` and prints its figures as one JSON line (read by run.ts).
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: runOne.ts BENCH_FILE');
const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<Record<string, string | number>> };
const figures = await mod.run();
process.stdout.write(`\n${JSON.stringify(figures)}\n`);
