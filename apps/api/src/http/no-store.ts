import type { FastifyInstance } from 'fastify';

/**
 * An answer to a request that carried credentials is that user's view of the network's data: no
 * browser or proxy cache may keep it. Routes that chose their own Cache-Control keep it.
 */
export const noStoreForCredentials = (fastify: FastifyInstance): void => {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.headers.authorization !== undefined && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
};
