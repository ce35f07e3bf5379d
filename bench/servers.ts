import { type ChildProcess, spawn } from 'node:child_process';
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

/**
 * Starts `node <args>` with PORT set and waits until `readyPath` answers 200. The server gets its
 * own process, as in production, so the load generator's CPU is not counted in its event loop.
 */
/**
 * The API's process as `npm start` runs it. A young generation of 32 MB (V8's default is 16) lets
 * the short-lived document versions of a catch-up die young instead of being promoted: a cold
 * catch-up of 1,000,000 events took 37.7–42.0 s against 45.7–45.8 s, with a lower peak RSS
 * (829–832 against 876–892 MB).
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=32'];

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
