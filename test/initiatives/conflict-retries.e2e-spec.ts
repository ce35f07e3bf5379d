/**
 * The write side's answer to a revision conflict: re-load, decide again (5 retries), then 409. The
 * competing writer is real: another "instance" appends to the same stream through the real store
 * right before the command's own append, so every conflict is a genuine stale revision.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, ExpectedRevision } from '../../libs/event-store/src';
import { EVENT_STORE } from '../../apps/api/src/store/event-store.provider';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('revision conflicts: the retry re-loads and decides again', () => {
  let t: TestApp;
  let regie: Regie;
  let walk: InitiativeWalk;
  let partner: Partner;
  let store: EventStore;
  /** what the competing writer does before each of the command's next appends to the walk's stream */
  let competitors: Array<(events: EventToAppend[], expected: ExpectedRevision) => Promise<void>> = [];
  let appendsSeen = 0;
  /** the store's own append, for the competing writer (its appends are not the command's) */
  let realAppend: EventStore['append'];

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    const regisseur = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    partner = await regie.registerPartner({ name: 'Politie Kennemerland', kind: 'police' });
    walk = await InitiativeWalk.start(regie, { regisseur, others: [partner] });
    store = t.app.get(EVENT_STORE, { strict: false });
    const append = store.append.bind(store);
    realAppend = append;
    store.append = async (stream, events, expected) => {
      if (stream === `initiative-${walk.id}`) {
        appendsSeen += 1;
        await competitors.shift()?.(events, expected);
      }
      return append(stream, events, expected);
    };
  });
  beforeEach(() => {
    competitors = [];
    appendsSeen = 0;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Another writer's command: the same kind of events, its own ids and command id, appended first. */
  const someoneElse = (n: number) => async (events: EventToAppend[]) => {
    const current = (await store.readStream(`initiative-${walk.id}`)).length - 1;
    const commandId = randomUUID();
    await realAppend(
      `initiative-${walk.id}`,
      events.map((e) => ({
        ...e,
        id: randomUUID(),
        data: { ...e.data, summary: `the other instance's perspective ${n}` },
        metadata: { ...e.metadata, commandId },
      })),
      current,
    );
  };

  const share = async (summary: string, headers: Record<string, string> = {}) =>
    walk.send<CommandAnswer>('post', '/perspectives', { token: await regie.member(partner), body: { partnerId: partner.id, summary }, headers });

  const summaries = async () => (await store.readStream(`initiative-${walk.id}`)).filter((e) => e.type === 'PerspectiveShared').map((e) => e.data.summary);

  it.each([1, 2, 3, 4, 5])("%i conflict(s) in a row: the command is acknowledged after as many retries, after the other writer's events", async (n) => {
    competitors = Array.from({ length: n }, (_, i) => someoneElse(i + 1));
    const before = await walk.revision();
    const res = await share(`ours after ${n} conflicts`);
    expect(res.status).toBe(200);
    expect(appendsSeen).toBe(n + 1);
    expect(res.body.revision).toBe(before + n + 1);
    const stored = await summaries();
    expect(stored.slice(-(n + 1))).toEqual([...Array.from({ length: n }, (_, i) => `the other instance's perspective ${i + 1}`), `ours after ${n} conflicts`]);
  });

  it('6 conflicts in a row (more than 5 retries): 409 problem+json, and nothing of the command is appended', async () => {
    competitors = Array.from({ length: 6 }, (_, i) => someoneElse(i + 1));
    const before = await walk.revision();
    const res = await share('ours, never stored');
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, type: 'https://regie.dev/problems/write-conflict' });
    expect(appendsSeen).toBe(6);
    expect(await walk.revision()).toBe(before + 6);
    expect(await summaries()).not.toContain('ours, never stored');
  });

  it('a copy of the same keyed command lands elsewhere first (another instance): the conflict is answered with its result, appended once', async () => {
    // The other instance runs the very same command (same Idempotency-Key, so the same derived ids), after one unrelated write.
    let landed: { revision: number; position: number } | undefined;
    competitors = [
      async (events) => {
        await someoneElse(1)(events);
        const current = (await store.readStream(`initiative-${walk.id}`)).length - 1;
        landed = await realAppend(`initiative-${walk.id}`, events, current);
      },
    ];
    const res = await share('ours, sent to two instances', { 'Idempotency-Key': `twice-${randomUUID()}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(landed!);
    expect((await summaries()).filter((s) => s === 'ours, sent to two instances')).toHaveLength(1);
  });

  it('a conflict with If-Match is 412 at once: the client pinned the revision, so there is nothing to retry', async () => {
    competitors = [someoneElse(1)];
    const before = await walk.revision();
    const res = await share('ours, pinned', { 'If-Match': `"${before}"` });
    expect(res.status).toBe(412);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(appendsSeen).toBe(1);
    expect(await summaries()).not.toContain('ours, pinned');
  });
});
