/**
 * A throw-away PostgreSQL cluster for the tests: found (or, as root on Debian, installed), made
 * with initdb in a temp dir, started on a free loopback port, stopped and deleted by stop().
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface PostgresServer {
  /** The admin URL (superuser, database `postgres`), e.g. postgres://regie:…@127.0.0.1:PORT/postgres */
  url: string;
  /** The cluster's data directory (inside a temp dir that stop() removes). */
  dataDir: string;
  /** Stops the server and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Keep fsync on (for a test about surviving a server crash). Off by default: faster, and the cluster is thrown away. */
  durable?: boolean;
}

const ADMIN_USER = 'regie';
const OS_USER = 'postgres';
const REQUIRED = ['initdb', 'pg_ctl', 'postgres'];

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const hasServerBinaries = (dir: string): boolean => REQUIRED.every((b) => existsSync(join(dir, b)));

const run = (command: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): string => {
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
};

/** Where initdb, pg_ctl and postgres live, or null. REGIE_PG_BINDIR wins; then Debian's highest version; then pg_config; then PATH. */
export const findPostgresBinDir = (): string | null => {
  const candidates: string[] = [];
  if (process.env.REGIE_PG_BINDIR) candidates.push(process.env.REGIE_PG_BINDIR);
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debianRoot, v, 'bin')));
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) candidates.push(dirname(realpathSync(which.stdout.trim())));
  return candidates.find(hasServerBinaries) ?? null;
};

/** Finds the server binaries; as root with apt-get, installs Debian's `postgresql` package when they are missing. */
const ensurePostgresBinDir = (): string => {
  const found = findPostgresBinDir();
  if (found) return found;
  const hint =
    'Install the PostgreSQL server (Debian/Ubuntu: `apt-get install postgresql`), or set REGIE_PG_BINDIR to the folder holding initdb, pg_ctl and postgres, or set REGIE_TEST_DATABASE_URL to an existing server.';
  if (!isRoot() || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    throw new Error(`PostgreSQL server binaries not found (looked in REGIE_PG_BINDIR, /usr/lib/postgresql/*/bin, pg_config --bindir, PATH). ${hint}`);
  }
  process.stderr.write('[test postgres] server binaries not found: installing Debian package "postgresql" (apt-get)…\n');
  try {
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 900_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    const e = error as { message: string; stdout?: Buffer; stderr?: Buffer };
    throw new Error(`installing PostgreSQL with apt-get failed: ${e.message}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}\n${hint}`, {
      cause: error,
    });
  }
  const installed = findPostgresBinDir();
  if (!installed) throw new Error(`apt-get installed "postgresql" but its server binaries are still not found. ${hint}`);
  return installed;
};

/** PostgreSQL refuses to run as root: as root, run its tools as the unprivileged `postgres` user (created if missing). */
const osUser = (): { uid: number; gid: number } | null => {
  if (!isRoot()) return null;
  let id = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
  if (id.status !== 0) {
    run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]);
    id = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
  }
  const gid = spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' });
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

const asServerUser = (user: { uid: number } | null, command: string, args: string[]): [string, string[]] =>
  user ? ['runuser', ['-u', OS_USER, '--', command, ...args]] : [command, args];

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Makes a fresh cluster and starts it on 127.0.0.1 (no other address), its unix socket inside the temp dir. */
export const startPostgres = async (options: StartOptions = {}): Promise<PostgresServer> => {
  const binDir = ensurePostgresBinDir();
  const user = osUser();
  const root = mkdtempSync(join(tmpdir(), 'regie-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  const pwFile = join(root, 'pw');
  const password = randomBytes(18).toString('hex');
  const sh = (command: string, args: string[], timeoutMs?: number) => {
    const [c, a] = asServerUser(user, join(binDir, command), args);
    return run(c, a, { cwd: root, timeoutMs });
  };

  let started = false;
  const stopSync = (): void => {
    if (started) {
      const [c, a] = asServerUser(user, join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      spawnSync(c, a, { cwd: root, timeout: 40_000 });
      started = false;
    }
    rmSync(root, { recursive: true, force: true });
  };
  // Should the run end without calling stop(), the server must not outlive it: on a normal exit
  // the 'exit' hook stops it; when the process is killed (Ctrl-C, SIGKILL), a detached watchdog,
  // in its own session so the terminal's signals miss it, notices and does the same.
  process.once('exit', stopSync);
  let watchdog: ChildProcess | null = null;
  const stopWatchdog = () => {
    if (watchdog?.pid) {
      try {
        process.kill(-watchdog.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    watchdog = null;
  };

  try {
    writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    if (user) {
      chownSync(root, user.uid, user.gid);
      chownSync(pwFile, user.uid, user.gid);
    }
    sh('initdb', ['-D', dataDir, '-U', ADMIN_USER, '--pwfile', pwFile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C', '--no-sync']);
    rmSync(pwFile, { force: true });
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        '# regie test cluster',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${root}'`,
        'max_connections = 300',
        `fsync = ${options.durable ? 'on' : 'off'}`,
        `synchronous_commit = ${options.durable ? 'on' : 'off'}`,
        `full_page_writes = ${options.durable ? 'on' : 'off'}`,
        "log_min_messages = 'warning'",
        '',
      ].join('\n'),
    );

    // A free port can be taken by someone else before the server binds it: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        sh('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', `-p ${port}`, '-w', '-t', '60', 'start'], 90_000);
        started = true;
        break;
      } catch (error) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        if (attempt < 5 && /could not bind|already in use/i.test(log)) continue;
        throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${log}`, { cause: error });
      }
    }

    const [stopCommand, stopArgs] = asServerUser(user, join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    watchdog = spawn(
      'sh',
      [
        '-c',
        ['parent=$1; root=$2; shift 2', 'while kill -0 "$parent" 2>/dev/null; do sleep 1; done', '"$@" >/dev/null 2>&1', 'rm -rf "$root"'].join('\n'),
        'regie-pg-watchdog',
        String(process.pid),
        root,
        stopCommand,
        ...stopArgs,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();

    const url = `postgres://${ADMIN_USER}:${password}@127.0.0.1:${port}/postgres`;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();

    let stopped = false;
    return {
      url,
      dataDir,
      stop() {
        if (stopped) return Promise.resolve();
        stopped = true;
        process.removeListener('exit', stopSync);
        stopWatchdog();
        if (started) {
          const [c, a] = asServerUser(user, join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
          const result = spawnSync(c, a, { cwd: root, timeout: 40_000 });
          if (result.status === 0) started = false;
        }
        stopSync();
        return Promise.resolve();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopWatchdog();
    stopSync();
    throw new Error(`could not start a test PostgreSQL (binaries in ${binDir}): ${(error as Error).message}`, { cause: error });
  }
};

/** Creates a new, empty, uniquely named database on the server and returns its URL. */
export const freshDatabase = async (adminUrl: string): Promise<string> => {
  const name = `regie_t_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The cluster global-setup started for this Jest run; fails loudly when there is none. */
export const testDatabaseUrl = (): string => {
  const url = process.env.REGIE_TEST_DATABASE_URL;
  if (!url) throw new Error('REGIE_TEST_DATABASE_URL is not set: test/support/global-setup.ts starts PostgreSQL for Jest runs');
  return url;
};
