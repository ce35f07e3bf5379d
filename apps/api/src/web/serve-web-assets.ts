import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { webAppDist } from './web-app-files';

/**
 * The web app's bundles under /assets/. Their names carry a content hash, so browsers may keep
 * them for a year; index.html itself (WebAppController) is never cached.
 */
export const serveWebAssets = async (app: NestFastifyApplication): Promise<void> => {
  const dist = webAppDist();
  if (!dist) return;
  await app.register(fastifyStatic, {
    root: join(dist, 'assets'),
    prefix: '/assets/',
    // Swagger UI registered @fastify/static already; the reply decorator exists once.
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
  });
};
