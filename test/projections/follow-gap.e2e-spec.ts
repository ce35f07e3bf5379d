import type { PartnerDoc } from '../../libs/projections/src';
import { expectAnswer, type Created, Regie } from '../support/initiative-fixtures';
import { sample } from '../support/prometheus-sample';
import { startTestApp, type TestApp } from '../support/test-app';

// The thread that follows the log (PROJECTIONS_THREAD=follow) takes its next batch a gap after the
// last, so that commands one after another share a transaction instead of one each; a client that
// reads its own write (?minPosition=) must not wait for that gap. The gap is set to ten minutes
// here: whatever comes back fresh within the test came because the reader asked for it.
describe('the thread that follows the log: a batch per gap, and no wait for a reader of its own write', () => {
  let t: TestApp;
  let regie: Regie;

  beforeAll(async () => {
    t = await startTestApp({
      EVENT_STORE: 'sqlite',
      READ_STORE: 'sqlite',
      PROJECTIONS_THREAD: 'follow',
      CATCH_UP_THREAD_MIN_EVENTS: 1_000,
      PROJECTIONS_FOLLOW_GAP_MS: 600_000,
    });
    regie = new Regie(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const register = async (name: string) =>
    (await expectAnswer<Created>(regie.send('post', '/api/partners', { token: await regie.admin(), body: { name, kind: 'care' } }), 201)).body;
  const partnersAt = async (position?: number) =>
    regie.send('get', position === undefined ? '/api/partners' : `/api/partners?minPosition=${position}`, { token: await regie.admin() });
  const followed = async () => {
    const text = (
      await regie.t
        .http()
        .get('/metrics')
        .set('Authorization', `Bearer ${await regie.admin()}`)
    ).text;
    const of = (metric: string) => sample(text, metric, { projection: 'partner-registry' })!;
    return { transactions: of('regie_projection_followed_transactions_total'), events: of('regie_projection_followed_events_total') };
  };

  it('twenty commands one after another land in at most three transactions, each once, and a read with minPosition gets them at once', async () => {
    // Under ts-jest the thread transpiles its sources as it starts: a first read may come back
    // stale (after 5 s), and is asked again, as a client would.
    const first = await register('GGD Eerste');
    let read = await partnersAt(first.position);
    for (let tries = 1; read.headers['regie-stale'] === 'true' && tries < 12; tries++) read = await partnersAt(first.position);
    expect(read.headers['regie-stale']).toBeUndefined();
    const before = await followed();

    const written: Created[] = [];
    for (let i = 0; i < 20; i++) written.push(await register(`Zorgpartner ${String(i).padStart(2, '0')}`));
    const last = written.at(-1)!;

    // Nobody asked: the thread waits out its gap, and the list does not show the last one yet.
    const plain = await partnersAt();
    expect(Number(plain.headers['regie-position'])).toBeLessThan(last.position);
    expect((plain.body as PartnerDoc[]).map((p) => p.id)).not.toContain(last.id);

    // A reader of its own write: fresh, not after the 5 s a read waits at most (nor the ten minutes).
    const started = Date.now();
    const fresh = await partnersAt(last.position);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['regie-stale']).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(Number(fresh.headers['regie-position'])).toBeGreaterThanOrEqual(last.position);
    expect((fresh.body as PartnerDoc[]).map((p) => p.id)).toEqual(expect.arrayContaining(written.map((w) => w.id)));

    // Each event in exactly one transaction, and few transactions for the lot.
    const after = await followed();
    expect(after.events - before.events).toBe(written.length);
    expect(after.transactions - before.transactions).toBeGreaterThanOrEqual(1);
    expect(after.transactions - before.transactions).toBeLessThanOrEqual(3);
  }, 120_000);
});
