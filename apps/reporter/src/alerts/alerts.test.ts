/**
 * Alerts end to end (issue 14): the real binary observes the golden estate (a failed and an expired backup job, a
 * failed copy job, a failed restore test, stale recovery points, a discovery fault) and delivers to a real HTTP
 * receiver (generic webhook, Slack and Teams paths) and a real SMTP server (smtp-server, with authentication), all
 * on loopback. Each alert arrives once across runs; a sink that fails is retried with backoff and, when it keeps
 * failing, nothing is recorded for it, so the next run delivers it — once.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectAlerts, evaluate, type Alert } from '@vaultscope/core';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import { startPostgres } from '@vaultscope/test-fixtures/postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAlertSetup } from './config.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ESTATE = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
// The golden estate's jobs ended in October 2026: far enough back for any clock this runs under.
const LOOKBACK = String(24 * 365 * 3);
const SMTP_USER = 'vaultscope';
const SMTP_PASS = 'smtp-secret-Pa55';
const TOKEN = 'T0KEN-in-the-url-1234';

interface Received {
  path: string;
  body: Record<string, unknown>;
}

let dir: string;
let http: Server;
let smtp: SMTPServer;
let base: string;
let smtpPort: number;
const posts: Received[] = [];
const mails: { from: string; to: string[]; data: string }[] = [];
/** Per path: HTTP statuses to answer before answering 200 (consumed one per request), or `always`. */
const failures = new Map<string, number[] | 'always'>();
let authFailures = 0;
/**
 * When set, the receiver answers no request until this many have arrived (or 60 s passed): the first alerter's
 * first send is still in flight when the second alerter sends, so the two are certainly concurrent.
 */
let gate: { until: number; waiting: (() => void)[]; open?: boolean } | undefined;
function passGate(): Promise<void> {
  const g = gate;
  if (!g || g.open) return Promise.resolve();
  return new Promise((resolve) => {
    g.waiting.push(resolve);
    if (g.waiting.length >= g.until) {
      g.open = true;
      for (const release of g.waiting.splice(0)) release();
    }
    setTimeout(resolve, 60_000).unref();
  });
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    VAULTSCOPE_CONFIG_DIR: join(dir, 'config'),
    VAULTSCOPE_DATA_DIR: join(dir, 'data'),
    HOOK_URL: `${base}/hook/${TOKEN}`,
    SLACK_URL: `${base}/slack/${TOKEN}`,
    TEAMS_URL: `${base}/teams/${TOKEN}`,
    MAIL_USER: SMTP_USER,
    MAIL_PASS: SMTP_PASS,
    ...extra,
  };
}

function run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: env(extraEnv), encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function writeConfig(name: string, config: object): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const ALL_SINKS = {
  sinks: [
    { type: 'webhook', name: 'ops', urlEnv: 'HOOK_URL' },
    { type: 'slack', urlEnv: 'SLACK_URL' },
    { type: 'teams', urlEnv: 'TEAMS_URL' },
    { type: 'email', name: 'oncall', host: '127.0.0.1', port: 0, userEnv: 'MAIL_USER', passwordEnv: 'MAIL_PASS', from: 'vaultscope@bank.test', to: ['oncall@bank.test'] },
  ],
  retry: { attempts: 3, initialDelayMs: 20 },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-alerts-'));
  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      await passGate();
      const path = (req.url ?? '').split('/')[1] ?? '';
      const plan = failures.get(path);
      const status = plan === 'always' ? 500 : plan?.shift();
      if (status) {
        res.writeHead(status).end('try later');
        return;
      }
      posts.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username });
      authFailures++;
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  ALL_SINKS.sinks[3] = { ...ALL_SINKS.sinks[3], port: smtpPort } as (typeof ALL_SINKS.sinks)[number];
});

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  posts.length = 0;
  mails.length = 0;
  failures.clear();
  gate = undefined;
});

/** Runs two alerters on one ledger at the same moment; returns their outputs and the sent counts from their summaries. */
async function twoAlertersAtOnce(args: string[]): Promise<{ outputs: string[]; sent: number; elsewhere: number }> {
  const both = await Promise.all([run(args), run(args)]);
  for (const r of both) expect(r.code, r.stdout + r.stderr).toBe(0);
  const count = (re: RegExp): number => both.reduce((n, r) => n + Number(re.exec(r.stdout)?.[1] ?? 0), 0);
  return { outputs: both.map((r) => r.stdout), sent: count(/ {2}webhook: (\d+) sent/), elsewhere: count(/(\d+) being sent by another alerter/) };
}

/** Subject (RFC 2047 words decoded) and body (quoted-printable decoded) of a received message. */
function readMail(data: string): { subject: string; body: string } {
  const [head = '', ...rest] = data.split(/\r?\n\r?\n/);
  const bytes = (qp: string): string => Buffer.from(qp.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  const folded = head.replace(/\r?\n[ \t]+/g, ' ');
  const rawSubject = /^Subject: (.*)$/m.exec(folded)?.[1] ?? '';
  const subject = rawSubject.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_m, w: string) => bytes(w.replace(/_/g, ' ')));
  return { subject, body: bytes(rest.join('\n\n').replace(/=\r?\n/g, '')) };
}

function goldenAlerts(lookbackHours = Number(LOOKBACK)): Alert[] {
  const estate = parseEstate(JSON.parse(readFileSync(ESTATE, 'utf8')), 'estate.json');
  const policy = defaultPolicy();
  const posture = evaluate(estate, policy.policy, new Date(estate.capturedAt), { policyHash: policy.hash });
  return detectAlerts(estate, posture, { now: new Date(), lookbackHours });
}

describe('what deserves an alert (core detectAlerts on the golden estate)', () => {
  it('finds each kind, with account, asset, class, reason and the fix command', () => {
    const alerts = goldenAlerts();
    const kinds = new Set(alerts.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['discovery-incomplete', 'job-expired', 'job-failed', 'restore-test-failed', 'rpo-breach']);
    const backupFailed = alerts.find((a) => a.key.startsWith('backup-job:') && a.kind === 'job-failed');
    expect(backupFailed).toMatchObject({ accountId: expect.stringMatching(/^\d{12}$/), asset: { arn: expect.stringMatching(/^arn:aws:/) }, assetClass: expect.any(String), severity: 'high' });
    expect(backupFailed?.reason).toMatch(/^backup job \S+ FAILED: /);
    expect(backupFailed?.fix).toMatch(/^aws backup describe-backup-job --region \S+ --backup-job-id /);
    expect(alerts.find((a) => a.key.startsWith('copy-job:'))?.fix).toMatch(/^aws backup describe-copy-job /);
    expect(alerts.find((a) => a.kind === 'job-expired')?.reason).toMatch(/EXPIRED \(it never started within its start window\)/);
    expect(alerts.find((a) => a.kind === 'restore-test-failed')).toMatchObject({ reason: expect.stringMatching(/^restore test \S+ failed: validation FAILED/), fix: expect.stringMatching(/^aws backup describe-restore-job /) });
    const rpo = alerts.filter((a) => a.kind === 'rpo-breach');
    expect(rpo.length).toBeGreaterThan(0);
    for (const a of rpo) expect(a.key).toBe(`rpo:${a.asset?.arn}:${a.at}`);
    // Keys are unique: "once" is per key.
    expect(new Set(alerts.map((a) => a.key)).size).toBe(alerts.length);
  });

  it('counts a job as new only within the lookback', () => {
    const jobKinds = (alerts: Alert[]): Alert[] => alerts.filter((a) => a.kind === 'job-failed' || a.kind === 'job-expired' || a.kind === 'restore-test-failed');
    expect(jobKinds(goldenAlerts())).toHaveLength(4);
    expect(jobKinds(goldenAlerts(1))).toEqual([]);
  });
});

describe('alert configuration', () => {
  it('refuses a bad file or a missing secret with one line naming the file and the JSON path (never echoing a secret)', async () => {
    const bad = (name: string, config: unknown): string => {
      const file = join(dir, name);
      writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
      return file;
    };
    const cases: [string, RegExp][] = [
      [bad('a.json', { sinks: [{ type: 'slack', url: 'https://hooks.slack.test/x' }] }), /a\.json: sinks\[0\]\.urlEnv: required string is missing$/],
      [bad('b.json', { sinks: [{ type: 'pager', urlEnv: 'X' }] }), /b\.json: sinks\[0\]\.type: /],
      [bad('c.json', { sinks: [{ type: 'email', host: 'h', port: 25, from: 'a@b', to: [] }] }), /c\.json: sinks\[0\]\.to: /],
      [bad('d.json', { sinks: [{ type: 'webhook', urlEnv: 'NOT_SET_ANYWHERE' }] }), /d\.json: sinks\[0\]\.urlEnv: environment variable NOT_SET_ANYWHERE is not set/],
      [bad('e.json', { sinks: [{ type: 'slack', urlEnv: 'HOOK_URL' }], kinds: ['job-failed', 'fire'] }), /e\.json: kinds\[1\]: expected one of/],
      [bad('f.json', '{"sinks": ['), /f\.json: not JSON/],
    ];
    for (const [file, message] of cases) await expect(loadAlertSetup({ alertConfig: file }, env())).rejects.toThrow(message);
    await expect(loadAlertSetup({ slackEnv: 'NOT_A_URL' }, env({ NOT_A_URL: `x${TOKEN}` }))).rejects.toThrow(/^--slack-env: environment variable NOT_A_URL does not hold a URL$/);
    expect(await loadAlertSetup({}, env())).toBeUndefined();

    const r = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'bad.sqlite'), '--alert-config', join(dir, 'd.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/d\.json: sinks\[0\]\.urlEnv: environment variable NOT_SET_ANYWHERE is not set$/)]);
  });
});

describe('vaultscope-report alert', () => {
  it('delivers each alert once to the webhook, Slack, Teams and e-mail sinks across two runs, secrets never printed', async () => {
    const config = writeConfig('all.json', ALL_SINKS);
    const ledger = join(dir, 'once.sqlite');
    const expected = goldenAlerts().length;
    const first = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', ledger, '--alert-config', config, '--lookback-hours', LOOKBACK]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`alerts: ${expected} alerts (`);
    for (const sink of ['webhook:ops', 'slack', 'teams', 'email:oncall']) expect(first.stdout).toContain(`  ${sink}: ${expected} sent, 0 already sent`);
    const byPath = (path: string): Received[] => posts.filter((p) => p.path === path);
    for (const path of ['hook', 'slack', 'teams']) expect(byPath(path)).toHaveLength(expected);
    expect(mails).toHaveLength(expected);
    expect(authFailures).toBe(0);

    // Each sink's documented shape, carrying account, asset, class, reason and fix.
    const hook = byPath('hook').map((p) => p.body);
    expect(new Set(hook.map((b) => b.key)).size).toBe(expected);
    const failedJob = hook.find((b) => String(b.key).startsWith('backup-job:') && b.kind === 'job-failed');
    expect(failedJob).toMatchObject({ format: 'vaultscope.alert/v1', title: 'Backup job failed', accountId: expect.any(String), asset: { arn: expect.any(String) }, assetClass: expect.any(String), reason: expect.any(String), fix: expect.stringMatching(/^aws backup /) });
    const slack = byPath('slack')[0]?.body as { text: string; blocks: { type: string }[] };
    expect(slack.text).toEqual(expect.any(String));
    expect(slack.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section']);
    const teams = byPath('teams')[0]?.body as { type: string; attachments: { contentType: string; content: { type: string; version: string; body: { type: string }[] } }[] };
    expect(teams.type).toBe('message');
    expect(teams.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const mail = mails.find((m) => m.data.includes(`X-Vaultscope-Alert: ${String(failedJob?.key)}`));
    expect(mail?.to).toEqual(['oncall@bank.test']);
    const { subject, body } = readMail(mail?.data ?? '');
    expect(subject).toMatch(/^\[Vaultscope\] Backup job failed: /);
    expect(body).toMatch(/^Fix: +aws backup describe-backup-job /m);
    expect(body).toContain(`Reason:   ${String(failedJob?.reason)}`);
    expect(body).toMatch(new RegExp(`^Class: +${String(failedJob?.assetClass)}$`, 'm'));

    // Second run: nothing new is sent anywhere.
    const second = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', ledger, '--alert-config', config, '--lookback-hours', LOOKBACK]);
    expect(second.code, second.stderr).toBe(0);
    for (const sink of ['webhook:ops', 'slack', 'teams', 'email:oncall']) expect(second.stdout).toContain(`  ${sink}: 0 sent, ${expected} already sent`);
    for (const path of ['hook', 'slack', 'teams']) expect(byPath(path)).toHaveLength(expected);
    expect(mails).toHaveLength(expected);

    for (const out of [first, second]) {
      expect(out.stdout + out.stderr).not.toContain(TOKEN);
      expect(out.stdout + out.stderr).not.toContain(SMTP_PASS);
    }
  }, 180_000);

  it('retries a failing sink with backoff; what stays undelivered is not recorded, exits 1, and the next run sends it once', async () => {
    const config = writeConfig('two.json', { sinks: [{ type: 'webhook', urlEnv: 'HOOK_URL' }, { type: 'slack', urlEnv: 'SLACK_URL' }], retry: { attempts: 3, initialDelayMs: 20 } });
    const ledger = join(dir, 'retry.sqlite');
    const expected = goldenAlerts().length;
    // The webhook answers 503 twice, then accepts (within 3 attempts); Slack is down for the whole first run.
    failures.set('hook', [503, 503]);
    failures.set('slack', 'always');
    const first = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', ledger, '--alert-config', config, '--lookback-hours', LOOKBACK]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`  webhook: ${expected} sent, 0 already sent`);
    expect(first.stdout).toMatch(new RegExp(`^  slack: 0 sent, 0 already sent, ${expected} NOT delivered \\(.*HTTP 500 after 3 attempts`, 'm'));
    expect(first.stderr).toMatch(/webhook: \S+: attempt 1 failed \(HTTP 503\); retrying/);
    expect(first.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`${expected} alert deliveries failed; they were not recorded as sent and the next run tries again$`));
    expect(posts.filter((p) => p.path === 'hook')).toHaveLength(expected);
    expect(posts.filter((p) => p.path === 'slack')).toHaveLength(0);

    failures.clear();
    const second = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', ledger, '--alert-config', config, '--lookback-hours', LOOKBACK]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`  webhook: 0 sent, ${expected} already sent`);
    expect(second.stdout).toContain(`  slack: ${expected} sent, 0 already sent`);
    expect(posts.filter((p) => p.path === 'hook')).toHaveLength(expected);
    expect(new Set(posts.filter((p) => p.path === 'slack').map((p) => p.body.text)).size).toBeGreaterThan(0);
    expect(posts.filter((p) => p.path === 'slack')).toHaveLength(expected);
  }, 180_000);

  it('a refused e-mail login is permanent: not retried, not recorded', async () => {
    const config = writeConfig('mail.json', { sinks: [{ ...ALL_SINKS.sinks[3] }], retry: { attempts: 3, initialDelayMs: 20 } });
    const before = authFailures;
    const r = await run(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'mail.sqlite'), '--alert-config', config, '--lookback-hours', LOOKBACK], { MAIL_PASS: 'wrong-password' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/email:oncall: 0 sent, 0 already sent, \d+ NOT delivered \(.*SMTP 535 after 1 attempt[;)]/);
    expect(authFailures - before).toBe(goldenAlerts().length);
    expect(mails).toHaveLength(0);
    expect(r.stdout + r.stderr).not.toContain('wrong-password');
  }, 120_000);

  it('two alerters started at once on one ledger send each alert once between them', async () => {
    const expected = goldenAlerts().length;
    // Without claims, the second alerter would send the first alert too while the first waits for its answer.
    gate = { until: 2, waiting: [] };
    const both = await twoAlertersAtOnce(['alert', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'two.sqlite'), '--webhook-env', 'HOOK_URL', '--lookback-hours', LOOKBACK]);
    const hook = posts.filter((p) => p.path === 'hook');
    expect(hook).toHaveLength(expected);
    expect(new Set(hook.map((p) => p.body.key)).size).toBe(expected);
    expect(both.sent).toBe(expected);
    // The second alerter found the first one's alert claimed while its send was held.
    expect(both.elsewhere).toBeGreaterThan(0);
  }, 180_000);

  it('--watch runs until SIGTERM, sending nothing twice', async () => {
    const child = spawn(process.execPath, [BIN, 'alert', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'watch.sqlite'), '--webhook-env', 'HOOK_URL', '--lookback-hours', LOOKBACK, '--watch', '10'], { env: env() });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('  webhook: ')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toContain(`  webhook: ${goldenAlerts().length} sent`);
    expect(posts.filter((p) => p.path === 'hook')).toHaveLength(goldenAlerts().length);
  }, 120_000);

  it('remembers deliveries in a PostgreSQL ledger just the same', async () => {
    const server = await startPostgres();
    try {
      const url = await server.createDatabase('alerts');
      const args = ['alert', '--source', `snapshot:${ESTATE}`, '--ledger', url, '--webhook-env', 'HOOK_URL', '--lookback-hours', LOOKBACK];
      const first = await run(args);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(`  webhook: ${goldenAlerts().length} sent, 0 already sent`);
      const second = await run(args);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain(`  webhook: 0 sent, ${goldenAlerts().length} already sent`);
      expect(posts.filter((p) => p.path === 'hook')).toHaveLength(goldenAlerts().length);

      // Two alerters at once on a fresh PostgreSQL ledger (separate connections): each alert once between them.
      posts.length = 0;
      gate = { until: 2, waiting: [] };
      const both = await twoAlertersAtOnce([...args.slice(0, 4), await server.createDatabase('alerts-two'), ...args.slice(5)]);
      expect(posts.filter((p) => p.path === 'hook')).toHaveLength(goldenAlerts().length);
      expect(new Set(posts.map((p) => p.body.key)).size).toBe(goldenAlerts().length);
      expect(both.sent).toBe(goldenAlerts().length);
      expect(both.elsewhere).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 240_000);

  it('each schedule cycle alerts after collecting, once across cycles', async () => {
    const args = ['schedule', '--once', '--source', `snapshot:${ESTATE}`, '--ledger', join(dir, 'sched.sqlite'), '--out-root', join(dir, 'packs'), '--catch-up-months', '0', '--webhook-env', 'HOOK_URL', '--lookback-hours', LOOKBACK];
    const first = await run(args);
    expect(first.code, first.stderr).toBe(0);
    const events = (out: string): { event: string; sent?: number; alreadySent?: number }[] =>
      out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string });
    expect(events(first.stdout).find((e) => e.event === 'alert.sent')).toMatchObject({ sent: goldenAlerts().length, alreadySent: 0 });
    const second = await run(args);
    expect(second.code, second.stderr).toBe(0);
    expect(events(second.stdout).find((e) => e.event === 'alert.sent')).toMatchObject({ sent: 0, alreadySent: goldenAlerts().length });
    expect(posts.filter((p) => p.path === 'hook')).toHaveLength(goldenAlerts().length);
    expect(first.stdout + second.stdout).not.toContain(TOKEN);
  }, 240_000);
});
