/**
 * Re-renders the README's pictures from the built binaries (run after `npm run build`; needs tmux and
 * poppler-utils' pdftoppm):
 *   node docs/images/render.mjs
 * - tui-organization.svg: `vaultscope --source demo` in a real terminal (tmux, 120 × 26), captured with its
 *   colours (`tmux capture-pane -e -p`) and drawn as SVG text by ansiToSvg.mjs;
 * - pack-summary.png: the executive summary (page 3) of the demo's October 2026 evidence pack, by pdftoppm.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansiToSvg } from './ansiToSvg.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const columns = 120;
const rows = 26;
const work = mkdtempSync(join(tmpdir(), 'vaultscope-readme-'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function captureTui() {
  // A server of its own (-L), so an operator's tmux sessions are never touched.
  const tmux = (...args) => execFileSync('tmux', ['-L', `vaultscope-readme-${process.pid}`, ...args], { encoding: 'utf8' });
  const bin = join(root, 'apps/tui/bin/vaultscope.js');
  tmux('new-session', '-d', '-s', 'readme', '-x', String(columns), '-y', String(rows), `${process.execPath} ${bin} --source demo`);
  try {
    // Until the organization table is drawn (the demo is generated first: seconds on a loaded machine).
    for (let waited = 0; !tmux('capture-pane', '-t', 'readme', '-p').includes('ACCOUNT'); waited += 250) {
      if (waited > 120_000) throw new Error('the TUI did not draw its organization table within 2 minutes');
      await sleep(250);
    }
    await sleep(1000);
    return tmux('capture-pane', '-t', 'readme', '-e', '-p');
  } finally {
    tmux('kill-server');
  }
}

function renderPackPage(page) {
  const env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(work, 'config'), VAULTSCOPE_DATA_DIR: join(work, 'data') };
  const bin = join(root, 'apps/reporter/bin/vaultscope-report.js');
  const pack = join(work, 'pack');
  const r = spawnSync(process.execPath, [bin, 'pack', '--period', '2026-10', '--source', 'demo', '--out', pack, '--now', '2026-11-02T06:00:00Z'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack failed: ${r.stderr}`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), join(pack, 'dora-evidence-pack.pdf'), join(work, 'page')]);
  const png = readdirSync(work).find((f) => f.startsWith('page') && f.endsWith('.png'));
  if (!png) throw new Error('pdftoppm wrote no page');
  renameSync(join(work, png), join(here, 'pack-summary.png'));
}

try {
  const captured = await captureTui();
  writeFileSync(join(here, 'tui-organization.svg'), ansiToSvg(captured, { columns, rows, title: 'vaultscope --source demo: the organization view' }));
  renderPackPage(3);
  console.log('wrote docs/images/tui-organization.svg and docs/images/pack-summary.png');
} finally {
  rmSync(work, { recursive: true, force: true });
}
