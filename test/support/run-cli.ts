import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs `npm run cli -- <args>` the way a user would, without npm's own chatter. */
export const runCli = (args: string[], env: Record<string, string>, input?: string) => {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
