// Preloaded into each measured worker (`node --import`): at exit the process writes its own peak RSS and CPU time
// to $VAULTSCOPE_BENCH_USAGE_FILE, so nothing is lost between a poller's last look and the end of the process.
import { writeFileSync } from 'node:fs';

const file = process.env.VAULTSCOPE_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
