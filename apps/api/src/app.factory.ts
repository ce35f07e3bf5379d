import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { type Environment, validateEnvironment } from './config/environment';
import { regieValidationPipe } from './http/validation.pipe';
import type { Clock } from './write/clock';

export type EnvironmentOverrides = Partial<Record<keyof Environment, string | number>>;

/** Builds the configured app without listening: main.ts listens, tests hand it to supertest. */
export const createApp = async (overrides: EnvironmentOverrides = {}, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> => {
  const env = validateEnvironment({ ...process.env, ...overrides });
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: true,
    // Fastify waits for in-flight requests on close; this bounds how long.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  adapter.getInstance().addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: env.BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(overrides, options.clock), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(helmet as any, {
    // Swagger UI needs inline scripts and styles on /docs.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
  });
  app.useGlobalPipes(regieValidationPipe());

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Regie')
    .setDescription('Event-sourced programme management for inter-organisational safety networks. Errors are application/problem+json (RFC 9457).')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
};
