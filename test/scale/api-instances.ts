/**
 * Real API processes (apps/api/src/main.ts under ts-node) on one shared PostgreSQL database, as
 * several instances behind a load balancer would run in production.
 */
import { randomBytes } from 'node:crypto';
import { type Actor, signToken } from '../../libs/auth/src';
import { ChildScript } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

export interface ApiInstance {
  name: string;
  /** e.g. http://localhost:41234 */
  url: string;
  child: ChildScript;
  /** SIGTERM, then SIGKILL when it has not exited within timeoutMs; answers the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** the scraper's bearer token for its /metrics */
  metricsToken: string;
}

export interface SharedSetup {
  databaseUrl: string;
  /** one HS256 secret for every instance: a token signed with it works on all of them */
  authSecret: string;
  /** one master key for the data keys: every instance opens the free text the others sealed */
  dataKeySecret: string;
  token(actor: Actor): Promise<string>;
}

export const sharedSetup = (databaseUrl: string): SharedSetup => {
  const authSecret = randomBytes(36).toString('base64url');
  const key = new TextEncoder().encode(authSecret);
  return { databaseUrl, authSecret, dataKeySecret: randomBytes(36).toString('base64url'), token: (actor) => signToken(actor, key, '1h') };
};

const METRICS_TOKEN = randomBytes(32).toString('base64url');

/** Starts one API process on the shared database; resolves once it listens. */
export const startApiInstance = async (name: string, shared: SharedSetup, env: Record<string, string> = {}): Promise<ApiInstance> => {
  // Each instance its own data directory: nothing on disk is shared, only the database.
  const dir = tempDir(`regie-${name}-`);
  const child = new ChildScript('apps/api/src/main.ts', {
    PORT: '0',
    DATA_DIR: dir.path,
    EVENT_STORE: 'postgres',
    READ_STORE: 'postgres',
    DATABASE_URL: shared.databaseUrl,
    AUTH_SECRET: shared.authSecret,
    DATA_KEY_SECRET: shared.dataKeySecret,
    METRICS_TOKEN: METRICS_TOKEN,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  let stopped: Promise<number | null> | null = null;
  const stop = (timeoutMs = 15_000): Promise<number | null> => {
    stopped ??= (async () => {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.process.kill('SIGTERM');
        const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
        try {
          return await child.exited();
        } finally {
          clearTimeout(timer);
          dir.remove();
        }
      }
      dir.remove();
      return child.process.exitCode;
    })();
    return stopped;
  };
  try {
    const exited = child.exited().then((code) => {
      throw new Error(`API instance ${name} exited with ${code} before listening; stderr:\n${child.stderr}`);
    });
    const line = await Promise.race([child.waitFor((l) => l.startsWith('Regie API on '), 60_000), exited]);
    const url = line.match(/http:\/\/localhost:\d+/)![0];
    return { name, url, child, stop, metricsToken: METRICS_TOKEN };
  } catch (error) {
    await stop(2_000);
    throw error;
  }
};

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** which instance answered */
  instance: string;
}

/** A JSON request to one instance (global fetch: keep-alive, no supertest overhead under load). */
export const call = async <T = unknown>(
  instance: ApiInstance,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> => {
  const res = await fetch(instance.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, instance: instance.name };
};

/** Runs tasks with at most `concurrency` in flight; answers their results in task order. */
export const runPool = async <T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> => {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
};

/** Asserts a 2xx answer, with the problem body in the message when it is not. */
export const ok = <T>(answer: Answer<T>, what: string): Answer<T> => {
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${what} on ${answer.instance}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
};
