import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Actor, embeddedSecret, readDemoUsers, signToken, type DemoUser } from '../../../libs/auth/src';
import { createApp, type EnvironmentOverrides } from '../../../apps/api/src/app.factory';
import { runDemo } from '../../../apps/cli/src/demo/demo-runner';
import { tempDir } from '../../support/temp-dir';

export interface DemoApp {
  baseUrl: string;
  users: DemoUser[];
  /** what the API answers this actor, straight over HTTP: the truth the browser must show */
  api: <T>(actor: Actor, path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: T }>;
  user: (sub: string) => DemoUser;
  /** a token this server signed, e.g. one that expires in seconds */
  token: (actor: Actor, expiresIn: string | number) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * The demo's two years written into a fresh data directory, then the real app (API and web app)
 * listening on a free port of this machine, as `npm run demo && npm start` would serve it.
 */
export const startDemoApp = async (overrides: EnvironmentOverrides = {}): Promise<DemoApp> => {
  const dir = tempDir('regie-web-');
  await runDemo({ dataDir: dir.path, today: new Date() });
  const app: NestFastifyApplication = await createApp({ DATA_DIR: dir.path, RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'silent', ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const users = readDemoUsers(dir.path) ?? [];
  const secret = embeddedSecret(dir.path);
  return {
    baseUrl,
    users,
    user: (sub) => {
      const found = users.find((u) => u.sub === sub);
      if (!found) throw new Error(`the demo has no user ${sub}`);
      return found;
    },
    token: (actor, expiresIn) => signToken(actor, secret, expiresIn),
    api: async (actor, path, init = {}) => {
      const response = await fetch(baseUrl + path, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${await signToken(actor, secret)}`, ...(init.body !== undefined && { 'Content-Type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    close: async () => {
      await app.close();
      dir.remove();
    },
  };
};
