import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document, built from the routes' decorators. The server is relative ('/'), so the
 * document stays true on whichever host and port serves it; paths carry their own /api prefix.
 */
export const openApiDocument = (app: INestApplication): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Regie')
    .setDescription('Event-sourced programme management for inter-organisational safety networks. Errors are application/problem+json (RFC 9457).')
    .setVersion('0.1.0')
    .addServer('/', 'the Regie instance that serves this document')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "a JWT with sub, roles and partner: embedded HS256, or an OpenID Connect provider's RS256/ES256",
    })
    .build();
  // package.json's licence; DocumentBuilder.setLicense would add an empty url beside it.
  config.info.license = { name: 'UNLICENSED' };
  return SwaggerModule.createDocument(app, config);
};

/**
 * Serves the document at /docs-json and Swagger UI at /docs. Built at the first request for
 * either, not at start-up: building it walks every route's decorators, some 0.3 s of the main
 * thread before the API answers (and, on a cold start, before the projections begin).
 */
export const serveOpenApi = (app: INestApplication): void => {
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
};
