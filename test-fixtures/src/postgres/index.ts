/**
 * A real PostgreSQL server for the ledger's tests: `initdb` in a temporary directory, `postgres` on a free loopback
 * port (TCP on 127.0.0.1 only, its socket in the same directory), password authentication over TCP so tests can
 * check the password never shows. PostgreSQL refuses to run as root, so under root the data directory is given to
 * an unprivileged user (`nobody`, or VAULTSCOPE_PG_USER) and the server runs as that user.
 *
 * Binaries: VAULTSCOPE_PG_BIN, else `initdb` on PATH, else Debian's /usr/lib/postgresql/<newest>/bin (the
 * `postgresql` package does not put them on PATH).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../moto/server.js';

export interface PostgresServer {
  port: number;
  /** `postgres://USER:PASSWORD@127.0.0.1:PORT/DB` (default DB `postgres`). */
  url(database?: string): string;
  /** The password in `url()`: tests assert it is never printed. */
  password: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

const USER = 'vaultscope';

/** The directory holding `initdb`, `postgres` and `createdb`; undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.VAULTSCOPE_PG_BIN;
  if (fromEnv) return fromEnv;
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  // /usr/local/bin may hold links to a few of the binaries only: use the directory the real initdb is in.
  if (found) return dirname(realpathSync(found));
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(debian, versions[0], 'bin') : undefined;
}

/** uid/gid to run the server as: ourselves, or under root an unprivileged user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = process.env.VAULTSCOPE_PG_USER ?? 'nobody';
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Starts a throw-away server; `stop()` shuts it down and removes its directory. */
export async function startPostgres(options: { startTimeoutMs?: number } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin; `apt-get install -y postgresql`)');
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-pg-'));
  const data = join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', USER, '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
    ...asUser,
    encoding: 'utf8',
    cwd: dir,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(bin, data, dir, port, asUser, options.startTimeoutMs ?? 60_000);
      return server(bin, child, dir, port, password);
    } catch (error) {
      lastError = error;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function launch(bin: string, data: string, socketDir: string, port: number, asUser: object, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-k', socketDir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60'],
    { ...asUser, cwd: socketDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    // Generous: a loaded 2-core machine can take a while; readiness is the server's own log line, not a sleep.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`postgres did not start within ${timeoutMs} ms: ${log}`));
    }, timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${code}) before it was ready: ${log}`));
    });
  });
}

function server(bin: string, child: ChildProcess, dir: string, port: number, password: string): PostgresServer {
  const url = (database = 'postgres'): string => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    password,
    url,
    createDatabase(name: string): string {
      const r = spawnSync(join(bin, 'createdb'), ['-h', dir, '-p', String(port), '-U', USER, name], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`createdb ${name} failed: ${r.stderr}`);
      return url(name);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        // SIGINT: PostgreSQL's fast shutdown (disconnects clients, no waiting for them).
        child.kill('SIGINT');
      }),
  };
}
