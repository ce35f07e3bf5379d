import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { type Environment, trustProxySetting, validateEnvironment } from './config/environment';
import { boundBodyDepth } from './http/body-depth';
import { answerClientError } from './http/client-errors';
import { startCommandsAfterReads } from './http/commands-after-reads';
import { answerFrameworkError } from './http/framework-errors';
import { nameForbiddenKeys } from './http/forbidden-keys';
import { jsonBodiesOnly } from './http/json-only';
import { noStoreForCredentials } from './http/no-store';
import { sendSecurityHeaders } from './http/security-headers';
import { problemType, titleFor } from './http/problem';
import { logRequests, requestLogger } from './http/request-logging';
import { regieValidationPipe } from './http/validation.pipe';
import { serveOpenApi } from './openapi/openapi.document';
import { serveWebAssets } from './web/serve-web-assets';
import type { Clock } from './write/clock';

export type EnvironmentOverrides = Partial<Record<keyof Environment, string | number>>;

/** Builds the configured app without listening: main.ts listens, tests hand it to supertest. */
export const createApp = async (overrides: EnvironmentOverrides = {}, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> => {
  const env = validateEnvironment({ ...process.env, ...overrides });
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    // validateEnvironment refused anything trustProxySetting cannot read.
    trustProxy: trustProxySetting(env.TRUST_PROXY) ?? false,
    // On close Fastify drops idle keep-alive connections and waits for in-flight requests.
    forceCloseConnections: 'idle',
    // Fastify's own 503 while closing is plain JSON; refuseWhileClosing answers a problem instead.
    return503OnClosing: false,
    // A bad URL or an overlong path segment never reaches a route: answer those as problems too.
    frameworkErrors: answerFrameworkError,
    // …and so is what Node's HTTP parser refuses before Fastify sees it (headers over 16 KiB).
    clientErrorHandler: answerClientError,
  });
  const requests = requestLogger(env.LOG_LEVEL);
  // Silent writes no request line, but pino-http would still build each request's child logger
  // (its bindings serialised and redacted): 3-4 % of a command's CPU for nothing.
  if (env.LOG_LEVEL !== 'silent') logRequests(adapter.getInstance(), requests);
  refuseWhileClosing(adapter);
  startCommandsAfterReads(adapter.getInstance());
  boundBodyDepth(adapter.getInstance());
  nameForbiddenKeys(adapter.getInstance());
  noStoreForCredentials(adapter.getInstance());
  jsonBodiesOnly(adapter.getInstance());
  adapter.getInstance().addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: env.BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  // bodyParser: false leaves JSON to the parser nameForbiddenKeys registered (Fastify's own, naming a
  // forbidden key); forms never reach a parser (jsonBodiesOnly answers 415).
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(overrides, requests.logger, options.clock), adapter, {
    bufferLogs: true,
    bodyParser: false,
    // A start that fails throws to the caller (main prints one line; a test sees the error) instead of process.exit(1).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  sendSecurityHeaders(adapter.getInstance(), {
    // Swagger UI needs inline scripts and styles on /docs.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // The web app's OpenID Connect sign-in reads the provider's discovery document and trades its code there.
        connectSrc: ["'self'", ...oidcOrigins(env)],
      },
    },
  });
  app.useGlobalPipes(regieValidationPipe());

  serveOpenApi(app);
  await serveWebAssets(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
};

const oidcOrigins = (env: Environment): string[] => {
  const authority = env.OIDC_CLIENT_ID ? (env.OIDC_AUTHORITY ?? env.AUTH_ISSUER) : undefined;
  if (!authority) return [];
  try {
    return [new URL(authority).origin];
  } catch {
    return [];
  }
};

/**
 * From the moment the server starts closing (SIGTERM), requests that still reach it — pipelined or
 * on a keep-alive connection — get 503 problem+json and `Connection: close`; the ones already in
 * flight finish.
 */
const refuseWhileClosing = (adapter: FastifyAdapter): void => {
  const fastify = adapter.getInstance();
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    new NestLogger('Shutdown').log('closing: no new requests; finishing those in flight');
    done();
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply
      .code(503)
      .header('Connection', 'close')
      .header('Retry-After', '5')
      .type('application/problem+json')
      .send({
        type: problemType('shutting-down'),
        title: titleFor(503),
        status: 503,
        detail: 'this instance is shutting down and takes no new requests; retry shortly (another instance, or this one once it has restarted)',
        instance: request.url,
      });
    return reply;
  });
};
