/**
 * `schedule` through the real binary: `--once` cycles for timers and CronJobs, a JSON-lines log, catch-up of
 * missing packs from the ledger, and a clean exit on SIGTERM.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth } from '../pack/model/period.js';
import { lookBackMonths } from '../schedule/duePacks.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ESTATE = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;

interface LogLine {
  time: string;
  level: string;
  event: string;
  [key: string]: unknown;
}

const parseLog = (text: string): LogLine[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-schedule-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vaultscope-report schedule', () => {
  const period = previousMonth(new Date());
  const common = (): string[] => ['--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'ledger.sqlite'), '--out-root', join(dir, 'packs')];

  it('--once collects, then packs every missing month the ledger holds history for, oldest first; then only collects', () => {
    // The snapshot's job lists start on 2026-09-01: every month since then (within the look-back) is packed.
    const due = lookBackMonths(new Date(), 12).filter((m) => m >= '2026-09');
    expect(due.at(-1)).toBe(period);
    const first = spawnSync(process.execPath, [BIN, 'schedule', '--once', ...common()], { encoding: 'utf8', env });
    expect(first.status, first.stderr).toBe(0);
    const log = parseLog(first.stdout);
    // The snapshot records a collection fault: the cycle packs anyway, and says so at warn.
    expect(log.map((l) => l.event)).toEqual(['cycle.started', 'discovery.incomplete', 'catch-up.checked', ...due.flatMap(() => ['pack.started', 'pack.finished']), 'cycle.finished']);
    expect(log.find((l) => l.event === 'discovery.incomplete')).toMatchObject({ level: 'warn', findings: 1, accounts: 1 });
    expect(log.filter((l) => l.event === 'pack.finished').map((l) => l.period)).toEqual(due);
    expect(log.find((l) => l.event === 'pack.finished' && l.period === period)).toMatchObject({ level: 'info', reason: 'once', packed: true, dir: join(dir, 'packs', period) });
    expect(log.at(-1)).toMatchObject({ reason: 'once', packed: due, collected: expect.stringMatching(/^batch 1: backup \d+ new/) });
    for (const m of due) expect(existsSync(join(dir, 'packs', m, 'manifest.json'))).toBe(true);

    const second = spawnSync(process.execPath, [BIN, 'schedule', '--once', ...common(), '--log', join(dir, 'schedule.log')], { encoding: 'utf8', env });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    const logged = parseLog(readFileSync(join(dir, 'schedule.log'), 'utf8'));
    expect(logged.map((l) => l.event)).toEqual(['cycle.started', 'discovery.incomplete', 'catch-up.checked', 'cycle.finished']);
    expect(logged.at(-1)).toMatchObject({ event: 'cycle.finished', packed: [] });
    expect(String(logged.at(-1)?.collected)).toMatch(/^batch \d+: backup 0 new/);

    // --log-level warn keeps only what an operator must look at.
    const quiet = spawnSync(process.execPath, [BIN, 'schedule', '--once', ...common(), '--log-level', 'warn'], { encoding: 'utf8', env });
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(parseLog(quiet.stdout).map((l) => [l.level, l.event])).toEqual([['warn', 'discovery.incomplete']]);
  });

  it('catches up a missing pack on start and stops cleanly on SIGTERM', async () => {
    const root = join(dir, 'daemon-packs');
    const child = spawn(process.execPath, [BIN, 'schedule', '--cron', '0 6 1 * *', '--timezone', 'Europe/Berlin', ...common().slice(0, 4), '--out-root', root], { env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!out.includes('"cycle.finished"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const events = parseLog(out).map((l) => l.event).filter((e) => !e.startsWith('pack.'));
    expect(events).toEqual(['schedule.started', 'schedule.warning', 'catch-up.checked', 'catch-up.due', 'cycle.started', 'discovery.incomplete', 'catch-up.checked', 'cycle.finished', 'signal', 'schedule.stopped']);
    expect(parseLog(out)[0]).toMatchObject({ cron: '0 6 1 * *', timezone: 'Europe/Berlin' });
    expect(existsSync(join(root, period, 'manifest.json'))).toBe(true);
  });

  it('--once: SIGTERM mid-pack is logged, removes the half-built pack, exits 143; stale temp dirs go on start', async () => {
    const root = join(dir, 'killed');
    const stale = join(root, '.2026-01.0123456789ab.tmp');
    mkdirSync(stale, { recursive: true });
    utimesSync(stale, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const child = spawn(process.execPath, [BIN, 'schedule', '--once', '--source', 'demo', '--out-root', root], { env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const building = (): string[] => (existsSync(root) ? readdirSync(root).filter((n) => n.endsWith('.tmp') && join(root, n) !== stale) : []);
    const deadline = Date.now() + 30_000;
    while (building().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(building()).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const log = parseLog(out);
    // The demo's ledger lives in memory: it holds no history to catch up from, so only the previous month is due.
    expect(log.map((l) => l.event)).toEqual(['temp.removed', 'cycle.started', 'catch-up.checked', 'pack.started', 'signal', 'cycle.aborted']);
    expect(log[0]).toMatchObject({ path: stale });
    expect(log[3]).toMatchObject({ period });
    expect(log[5]).toMatchObject({ level: 'warn', signal: 'SIGTERM', removed: [expect.stringMatching(/\.tmp$/)] });
    expect(readdirSync(root)).toEqual([]);
  });

  it('rejects an AWS-style cron expression with one line and exit 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'schedule', '--cron', 'cron(0 5 ? * * *)', ...common()], { encoding: 'utf8', env });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['vaultscope-report: --cron: "cron(0 5 ? * * *)" is not a valid cron expression (e.g. "0 6 1 * *": 06:00 on the 1st)']);
  });

  it('rejects a --catch-up-months that is not a whole number of months with exit 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'schedule', '--once', '--catch-up-months', '1.5', ...common()], { encoding: 'utf8', env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--catch-up-months: expected a whole number of months from 0 to 120, got "1.5"/);
  });
});
