import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { type Actor, embeddedSecret, signToken } from '../../libs/auth/src';
import { createApp, type EnvironmentOverrides } from '../../apps/api/src/app.factory';
import { tempDir } from './temp-dir';

export interface TestApp {
  app: NestFastifyApplication;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  token: (actor: Actor, expiresIn?: string | number) => Promise<string>;
  close: () => Promise<void>;
}

/** The real app on a temporary SQLite file (or the store `overrides` name), ready for supertest. */
export const startTestApp = async (overrides: EnvironmentOverrides = {}): Promise<TestApp> => {
  const dir = tempDir('regie-app-');
  const dataDir = String(overrides.DATA_DIR ?? dir.path);
  const app = await createApp({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'silent', ...overrides });
  const secret = embeddedSecret(dataDir, overrides.AUTH_SECRET as string | undefined);
  return {
    app,
    dataDir,
    http: () => request(app.getHttpServer()),
    token: (actor, expiresIn) => signToken(actor, secret, expiresIn),
    close: async () => {
      await app.close();
      dir.remove();
    },
  };
};
