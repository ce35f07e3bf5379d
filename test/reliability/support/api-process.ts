import request from 'supertest';
import { type Actor, signToken } from '../../../libs/auth/src';
import { ChildScript } from '../../support/child-process';
import type { TestApp } from '../../support/test-app';

export interface ApiProcess {
  url: string;
  child: ChildScript;
  /** what the fixtures (Regie, InitiativeWalk) need of an app: requests and tokens */
  asTestApp: TestApp;
  kill(): Promise<void>;
  /** SIGTERM, and the exit code */
  stop(): Promise<number | null>;
}

/** A shared secret, so tokens can be signed before the process has written one into DATA_DIR. */
export const AUTH_SECRET = 'reliability-suite-secret-of-at-least-32-chars';

/**
 * The API as its own process (apps/api/src/main.ts) on DATA_DIR's SQLite stores, so a test can kill
 * it with SIGKILL; `wrap` runs it under another command (e.g. in a mount namespace).
 */
export const startApiProcess = async (dataDir: string, env: Record<string, string> = {}, wrapper: string[] = []): Promise<ApiProcess> => {
  const child = new ChildScript(
    'apps/api/src/main.ts',
    {
      PORT: '0',
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      READ_STORE: 'sqlite',
      AUTH_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    [],
    wrapper,
  );
  const exited = child.exited().then((code) => {
    throw new Error(`the API exited with ${code} before listening; stderr:\n${child.stderr}`);
  });
  const line = await Promise.race([child.waitFor((l) => l.startsWith('Regie API on '), 60_000), exited]);
  const url = line.match(/http:\/\/localhost:\d+/)![0].replace('localhost', '127.0.0.1');
  const key = new TextEncoder().encode(AUTH_SECRET);
  const asTestApp = {
    dataDir,
    http: () => request(url),
    token: (actor: Actor) => signToken(actor, key, '1h'),
  } as unknown as TestApp;
  return {
    url,
    child,
    asTestApp,
    kill: async () => {
      child.process.kill('SIGKILL');
      await child.exited();
    },
    stop: async () => {
      if (child.process.exitCode !== null || child.process.signalCode !== null) return child.process.exitCode;
      child.process.kill('SIGTERM');
      return child.exited();
    },
  };
};
