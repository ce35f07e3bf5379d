import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** A port nobody listens on now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface Server {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system, ms) of a process's first thread and of all its threads, from /proc; null where there is none. */
export const cpuOf = (pid: number): { main: number; all: number } | null => {
  const ms = (file: string) => {
    const stat = readFileSync(file, 'utf8');
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  };
  try {
    return { main: ms(`/proc/${pid}/task/${pid}/stat`), all: ms(`/proc/${pid}/stat`) };
  } catch {
    return null;
  }
};

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Starts `node <args>` with PORT set and waits until `readyPath` answers 200. The server gets its
 * own process, as in production, so the load generator's CPU is not counted in its event loop.
 */
/**
 * The API's process as `npm start` runs it. Since a catch-up folds stream by stream, what a heap
 * holds live is small (the main thread's 34 MB at a million events) and the rest is garbage
 * waiting for a full collection: an old generation allowed to grow 25 % past what is live (V8
 * lets it grow several times) and semi-spaces of 16 MB instead of 32 (every thread's isolate has
 * them) took the scale bench's peak RSS at 1,000,000 events from 476–487 to 383–385 MB; the cold
 * catch-up (13.6 s twice against 12.0–13.3 s) and the rebuild (5.7–5.9 s against 5.8–8.2 s)
 * stayed within what two runs of the same build differ by.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=25'];

export const startServer = async (args: string[], env: Record<string, string>, readyPath = '/'): Promise<Server> => {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}: ${stderr}`);
    const status = await fetch(url + readyPath, { method: readyPath === '/' ? 'POST' : 'GET' }).then(
      (r) => r.status,
      () => 0,
    );
    if (status > 0 && (readyPath === '/' || status === 200)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not get ready: ${stderr}`);
    }
    await sleep(200);
  }
  return { url, process: child, stop };
};
