/**
 * Where the TUI's memory goes at 100,000 assets: the source worker's steps run one after the other on this thread
 * (read, parse and check the snapshot, evaluate, index, build the first screen and the `:assets` list, remember
 * what was sent), with a full GC after each, printing what is then alive (heap used, external, RSS).
 *
 * `node bench/tui/memoryPhases.js [estate.json]` (the estate is generated when not given).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { writeScaleEstate } from './scale.js';

const dist = new URL('../../apps/tui/dist/', import.meta.url);
const mb = (n) => Math.round(n / 1e6);

export async function measure(file) {
  const { collectGarbage } = await import(new URL('model/collectGarbage.js', dist).href);
  const { loadPolicy } = await import('@vaultscope/sources');
  const { createObserver } = await import(new URL('app/model/loadData.js', dist).href);
  const { buildOrgData } = await import(new URL('model/orgData.js', dist).href);
  const { viewOf } = await import(new URL('views/resolve.js', dist).href);
  const { diffRows, sentRows } = await import(new URL('model/viewPatch.js', dist).href);

  const lines = [];
  let prev = 0;
  const phase = (name) => {
    collectGarbage();
    collectGarbage();
    const m = process.memoryUsage();
    const used = m.heapUsed + m.external + m.arrayBuffers;
    lines.push({ phase: name, 'live MB': mb(used), 'Δ MB': mb(used - prev), 'heap used': mb(m.heapUsed), external: mb(m.external), 'heap total': mb(v8.getHeapStatistics().total_heap_size), rss: mb(m.rss) });
    prev = used;
  };
  phase('start');
  const { readFile } = await import('node:fs/promises');
  // What reading the whole file at once would hold (the worker reads it in pieces: readJsonInPieces.ts).
  await (async () => {
    const text = await readFile(file, 'utf8');
    phase('whole-file read: its text');
    const parsed = JSON.parse(text);
    phase('whole-file read: its text + parsed');
    return parsed === undefined;
  })();
  phase('(both let go)');
  const { policy, hash } = await loadPolicy(undefined);
  // As the worker observes it: read, checked, its repeated strings shared, evaluated as of its capture time.
  const observe = createObserver({ spec: { kind: 'snapshot', path: file }, policy, policyHash: hash, label: '' });
  const { estate: keepEstate, posture: keepPosture } = await observe(Date.now());
  phase('estate + posture, as observed by the worker');
  const org = buildOrgData(keepEstate, keepPosture, '');
  phase('OrgData indexes');
  const screens = [{ kind: 'org' }, { kind: 'list', list: 'assets' }, { kind: 'list', list: 'jobs' }];
  const views = [];
  for (const screen of screens) {
    views.push(viewOf(org, screen));
    phase(`view ${JSON.stringify(screen)}: ${views.at(-1).rows.length} rows`);
  }
  const copies = views.map((v) => v8.deserialize(v8.serialize(v.rows)));
  phase('the rows as the UI thread receives them (structured clones)');
  const sent = views.map((v) => sentRows(v.rows));
  phase('sent rows remembered');
  const diffed = sent.map((s, i) => diffRows(s, views[i].rows).sent);
  phase('sent rows after a diff');
  return { lines, keep: [observe, org, views, diffed, copies] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let file = process.argv[2];
  let dir;
  if (!file) {
    dir = mkdtempSync(join(tmpdir(), 'vaultscope-tui-memory-'));
    file = join(dir, 'estate.json');
    await writeScaleEstate(file);
  }
  try {
    const { lines } = await measure(file);
    console.table(lines);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
