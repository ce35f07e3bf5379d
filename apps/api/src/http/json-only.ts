import type { FastifyInstance } from 'fastify';
import { problemType, titleFor } from './problem';

/** The one route that takes something else: bulk measurements as CSV. */
const CSV_ROUTE = /^\/api\/initiatives\/[^/?]+\/measurements(?:\?|$)/;

const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;

/**
 * Commands take JSON. A body sent as a form or as plain text (curl -d without a Content-Type) would
 * otherwise be read as one strange field name and answered with ten messages about missing ones;
 * this says what is wrong in one line before anything parses it.
 */
export const jsonBodiesOnly = (fastify: FastifyInstance): void => {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) || !request.url.startsWith('/api/')) return;
    if (!hasBody(request.headers)) return;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) return;
    const csvRoute = request.method === 'POST' && CSV_ROUTE.test(request.url);
    if (csvRoute && mediaType === 'text/csv') return;
    const wanted = csvRoute ? 'text/csv' : 'application/json';
    reply
      .code(415)
      .type('application/problem+json')
      .send({
        type: problemType('unsupported-media-type'),
        title: titleFor(415),
        status: 415,
        detail: `the body was sent as ${mediaType || 'no media type at all'}; send it as ${wanted}, with the header Content-Type: ${wanted}`,
        instance: request.url,
      });
    return reply;
  });
};
