import Fastify from 'fastify';
import { CheckPhaseTurns, startCommandsAfterReads } from './commands-after-reads';

describe('CheckPhaseTurns', () => {
  it('lets every waiter of a turn go together, in order, before what was scheduled after them', async () => {
    const turns = new CheckPhaseTurns();
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map((name) => turns.next().then(() => order.push(name)));
    const later = new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push('scheduled after');
        resolve();
      }),
    );
    await Promise.all([...waiters, later]);
    expect(order).toEqual(['a', 'b', 'c', 'scheduled after']);
  });

  it('sends a waiter that comes while a turn goes to the next turn', async () => {
    const turns = new CheckPhaseTurns();
    const order: string[] = [];
    let between!: Promise<void>;
    await turns.next().then(() => {
      order.push('first turn');
      between = new Promise((resolve) =>
        setImmediate(() => {
          order.push('between');
          resolve();
        }),
      );
      return turns.next().then(() => order.push('next turn'));
    });
    await between;
    expect(order).toEqual(['first turn', 'between', 'next turn']);
  });
});

describe('startCommandsAfterReads', () => {
  it('answers a read that came after a command before the command starts', async () => {
    const app = Fastify();
    startCommandsAfterReads(app);
    const handled: string[] = [];
    app.delete('/command', (_request, reply) => {
      handled.push('DELETE');
      void reply.send({ ok: true });
    });
    app.get('/read', (_request, reply) => {
      handled.push('GET');
      void reply.send({ ok: true });
    });
    await app.ready();
    try {
      const [command, read] = await Promise.all([app.inject({ method: 'DELETE', url: '/command' }), app.inject({ method: 'GET', url: '/read' })]);
      expect([command.statusCode, read.statusCode]).toEqual([200, 200]);
      expect(handled).toEqual(['GET', 'DELETE']);
    } finally {
      await app.close();
    }
  });
});
