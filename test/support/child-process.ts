import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/** A TypeScript script run as its own Node process, read line by line. */
export class ChildScript {
  readonly lines: string[] = [];
  private readonly waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void }> = [];
  readonly process: ChildProcessWithoutNullStreams;
  stderr = '';

  /** `wrapper`: a command that runs Node in turn, e.g. in a mount namespace; Node's path and arguments follow it. */
  constructor(script: string, env: Record<string, string>, args: string[] = [], wrapper: string[] = []) {
    const node = [process.execPath, '-r', 'ts-node/register/transpile-only', join(ROOT, script), ...args];
    const [command, ...rest] = [...wrapper, ...node];
    this.process = spawn(command, rest, {
      cwd: ROOT,
      env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    this.process.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const w of [...this.waiters]) {
        if (w.match(line)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
  }

  send(line: string): void {
    this.process.stdin.write(line + '\n');
  }

  /** Resolves with the first line (already printed or still to come) that matches. */
  waitFor(match: (line: string) => boolean, timeoutMs = 30000): Promise<string> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }

  exited(): Promise<number | null> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }
}
