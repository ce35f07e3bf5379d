import { PROJECTIONS } from '../../libs/projections/src';
import { bodyOf, type Created, HAARLEM_NETWORK, InitiativeWalk, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { figure } from './support/figures';

// A reducer with a bug that one event trips: the reviews projection throws on a review scheduled
// for one reason. The bug is put into the running process and taken out again ("the fix
// deployed"); everything around it (runner, stores, HTTP) is the real app's.

interface Status {
  name: string;
  checkpoint: number;
  error: string | null;
}

describe('a projection handler that throws on one event', () => {
  let t: TestApp;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on the same object, never called detached
  const reduce = PROJECTIONS.reviews.reduce;
  afterAll(async () => {
    PROJECTIONS.reviews.reduce = reduce;
    await t.close();
  });

  const waitFor = async <T>(what: string, probe: () => Promise<T | null>, ms = 20_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const found = await probe();
      if (found !== null) return found;
      if (Date.now() > until) throw new Error(`waited ${ms} ms for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it("the process stays up, the failure names the event's position in GET /api/projections and /health, the others go on, the fixed handler resumes there", async () => {
    // The bug goes into this process's reviews projection, so this process must feed it: with the
    // default PROJECTIONS_THREAD=follow a second thread would, with a module copy of its own.
    t = await startTestApp({ EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', PROJECTIONS_THREAD: 'catch-up' });
    const regie = new Regie(t);
    const p = await regie.registerPartners(HAARLEM_NETWORK);
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.walkTo('pilot');
    const admin = await regie.admin();
    const statuses = async () => (await regie.send('get', '/api/projections', { token: admin })).body as Status[];

    PROJECTIONS.reviews.reduce = (doc, event, stored, id) => {
      if (event.type === 'ReviewScheduled' && event.data.reason === 'trips the bug') throw new Error('reviews: cannot read the due date');
      return reduce(doc, event, stored, id);
    };
    const poison = (await walk.ok<Created>('post', '/reviews', { dueOn: '2027-01-15', reason: 'trips the bug' }, { status: 201 })).body.position;
    const later = (await walk.ok<Created>('post', '/lessons', { lesson: 'after the poisoned event' }, { status: 201 })).body.position;

    const failing = await waitFor(
      'the reviews projection to report its failure',
      async () => (await statuses()).find((s) => s.name === 'reviews' && s.error) ?? null,
    );
    const ready = await waitFor('readiness to fail', async () => {
      const res = await t.http().get('/health/ready');
      return res.status === 503 ? res : null;
    });
    const others = await waitFor(
      'the other projections to pass the poisoned event',
      async () => {
        const rest = (await statuses()).filter((s) => s.name !== 'reviews' && s.name in PROJECTIONS_BY_NAME);
        return rest.every((s) => s.checkpoint >= later) ? rest : null;
      },
      10_000,
    ).catch(() => null);
    expect((await t.http().get('/health/live')).status).toBe(200);

    PROJECTIONS.reviews.reduce = reduce;
    const resumed = await waitFor(
      'the fixed reviews projection to catch up',
      async () => (await statuses()).find((s) => s.name === 'reviews' && !s.error && s.checkpoint >= later) ?? null,
    );
    const reviews = await walk.send('get', `/reviews?minPosition=${later}`);
    figure(`failed at position ${poison}: "${failing.error}"; others past it: ${others ? 'yes' : 'no'}; resumed to ${resumed.checkpoint}`);

    expect(failing.checkpoint).toBeLessThan(poison);
    expect(failing.error).toContain(String(poison));
    expect(bodyOf<{ details: Record<string, Record<string, unknown>> }>(ready).details.projections.stopped).toEqual(
      expect.arrayContaining([expect.objectContaining({ projection: 'reviews' })]),
    );
    expect(others).not.toBeNull();
    expect(bodyOf<Array<{ reason: string }>>(reviews).map((r) => r.reason)).toContain('trips the bug');
  }, 90_000);
});

const PROJECTIONS_BY_NAME = Object.fromEntries(Object.values(PROJECTIONS).map((p) => [p.name, p]));
