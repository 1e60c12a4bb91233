/**
 * The deployment examples in docs/examples agree with what they deploy against: every `--role-name` is the role
 * the StackSet creates (any other name is refused in every member account), the CronJob runs the image the
 * Dockerfile builds (no Docker daemon here: its shape is checked, its build steps are the ones the global-install
 * test runs), and the systemd service stays hardened to an exposure of at most 4 by `systemd-analyze security`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXAMPLES = fileURLToPath(new URL('../../../docs/examples/', import.meta.url));
const STACKSET = fileURLToPath(new URL('../../../docs/iam/read-role-stackset.yaml', import.meta.url));
const DOCKERFILE = fileURLToPath(new URL('../../../Dockerfile', import.meta.url));
const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
const read = (name: string): string => readFileSync(`${EXAMPLES}${name}`, 'utf8');
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

describe('deployment examples', () => {
  it('assume the role the StackSet creates', () => {
    const role = /^ {2}RoleName:\n(?: {4}.*\n)*? {4}Default: (\S+)/m.exec(readFileSync(STACKSET, 'utf8'))?.[1];
    expect(role).toBe('VaultscopeReadRole');
    const uses = readdirSync(EXAMPLES).flatMap((name) => [...read(name).matchAll(/--role-name[ =](\S+)/g)].map((m) => [name, m[1]]));
    expect(uses.map(([name]) => name).sort()).toEqual(['vaultscope-collect-indexed-job.yaml', 'vaultscope-pack-cronjob.yaml', 'vaultscope-pack.service']);
    for (const [name, used] of uses) expect(used, name).toBe(role);
  });

  it('run the image the Dockerfile builds: multi-stage, vaultscope-report as entrypoint, the non-root user the CronJob expects', () => {
    const dockerfile = readFileSync(DOCKERFILE, 'utf8');
    const cronjob = read('vaultscope-pack-cronjob.yaml');
    const image = /^\s+image: (\S+)$/m.exec(cronjob)?.[1];
    expect(image).toBe(`registry.example.com/vaultscope:${VERSION}`);
    expect(dockerfile).toContain(`docker build -t ${image} .`);
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build /m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["vaultscope-report"\]$/m);
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    expect(Number(user?.[1])).toBeGreaterThan(0);
    expect(cronjob).toMatch(new RegExp(`runAsUser: ${user?.[1]}$`, 'm'));
    expect(cronjob).toMatch(new RegExp(`fsGroup: ${user?.[2]}$`, 'm'));
    expect(cronjob).toMatch(/runAsNonRoot: true$/m);
  });

  it('run systemd as the user that vaultscope.sysusers creates, with a start timeout', () => {
    const unit = read('vaultscope-pack.service');
    const user = /^u\s+(\S+)\s+-\s+"[^"]*"\s+(\S+)/m.exec(read('vaultscope.sysusers'));
    expect(user?.[1]).toBe('vaultscope');
    expect(unit).toMatch(new RegExp(`^User=${user?.[1]}$`, 'm'));
    expect(user?.[2]).toBe('/var/lib/vaultscope');
    expect(unit).toMatch(/^StateDirectory=vaultscope$/m);
    expect(unit).toMatch(/^TimeoutStartSec=\d+[hmin]*$/m);
  });

  // systemd-analyze is part of systemd; on a machine without it there is nothing to measure with.
  it.skipIf(!hasSystemdAnalyze)('keep the systemd service at an exposure of at most 4 (systemd-analyze security)', () => {
    // --threshold is in tenths: 40 means 4.0. Offline: the unit file is judged as written, not as loaded.
    const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--threshold=40', `${EXAMPLES}vaultscope-pack.service`], { encoding: 'utf8' });
    const level = /Overall exposure level for vaultscope-pack\.service: (\d+\.\d+)/.exec(r.stdout)?.[1];
    expect(Number(level), r.stdout + r.stderr).toBeLessThanOrEqual(4);
    expect(r.status, r.stderr).toBe(0);
    // The figure the unit's own comment states stays true.
    expect(read('vaultscope-pack.service')).toContain(`exposure of ${level} by`);
  });
});
