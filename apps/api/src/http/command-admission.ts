import type { FastifyInstance } from 'fastify';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * At most `limit` commands at a time get past this point; the others wait their turn without doing
 * any work. A command's work on the event loop (its token, validation, load, decide, the projection
 * batch its events wake) comes in slices between its awaits, and the loop runs the slices of every
 * request in hand in turn: with fifty commands in hand a read waited behind fifty slices each turn
 * (its p99 17 × idle). With a few admitted it waits behind those few, and they are still enough to
 * keep the core busy while their group commit is on the disk. Reads are never held here.
 */
export const admitCommands = (fastify: FastifyInstance, limit: number): void => {
  if (limit <= 0) return;
  let running = 0;
  const waiting: Array<() => void> = [];
  /** A turn ends: the next in line gets it, or there is one turn fewer in use. */
  const pass = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  fastify.addHook('onRequest', async (request, reply) => {
    if (!WRITES.has(request.method) || !request.url.startsWith('/api/')) return;
    // A client already gone takes no turn (no 'close' would come to give it back).
    if (request.raw.socket?.destroyed) return;
    let holds = false;
    let over = false;
    // 'close' comes once the answer is sent, or when the client goes away first, in line or not.
    reply.raw.once('close', () => {
      over = true;
      if (holds) pass();
    });
    if (running < limit) {
      running++;
      holds = true;
      return;
    }
    await new Promise<void>((resolve) => {
      waiting.push(() => {
        // Given a turn after the client left: hand it straight on.
        if (over) pass();
        else holds = true;
        resolve();
      });
    });
  });
};
