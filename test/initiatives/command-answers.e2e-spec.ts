/**
 * Every way a command can end, as the client reads it: status, the headers that carry meaning and
 * the whole body, word for word. The write side says what happened as data and the HTTP layer
 * words it; these answers are the contract that keeps the two in step.
 */
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { EventStore, EventToAppend } from '../../libs/event-store/src';
import { EVENT_STORE } from '../../apps/api/src/store/event-store.provider';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { bodyOf, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('what a command answers, outcome by outcome', () => {
  let t: TestApp;
  let regie: Regie;
  let haarlem: Partner;
  let police: Partner;
  let outsider: Partner;
  let walk: InitiativeWalk;
  let store: EventStore;
  /** another writer's appends, made right before the command's own next appends to the walk's stream */
  let competitors: number;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    haarlem = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    police = await regie.registerPartner({ name: 'Politie Kennemerland', kind: 'police' });
    outsider = await regie.registerPartner({ name: 'Woonstichting Elders', kind: 'housing' });
    walk = await InitiativeWalk.start(regie, { regisseur: haarlem, others: [police] });
    store = t.app.get(EVENT_STORE, { strict: false });
    const append = store.append.bind(store);
    store.append = async (stream, events, expected) => {
      if (stream === `initiative-${walk.id}` && competitors > 0) {
        competitors -= 1;
        await someoneElse(append, events);
      }
      return append(stream, events, expected);
    };
  });
  beforeEach(() => {
    competitors = 0;
  });
  afterAll(async () => {
    await t.close();
  });

  const someoneElse = async (append: EventStore['append'], events: EventToAppend[]) => {
    const current = (await store.readStream(`initiative-${walk.id}`)).length - 1;
    const commandId = randomUUID();
    await append(
      `initiative-${walk.id}`,
      events.map((e) => ({ ...e, id: randomUUID(), metadata: { ...e.metadata, commandId } })),
      current,
    );
  };

  /** The answer with the ids of this run replaced by their names, so it can be compared word for word. */
  const answer = (res: Response) => {
    const named = JSON.stringify(res.body)
      .replaceAll(walk.id, ':initiative')
      .replaceAll(haarlem.id, ':haarlem')
      .replaceAll(police.id, ':police')
      .replaceAll(outsider.id, ':outsider');
    return { status: res.status, contentType: res.headers['content-type'], etag: res.headers.etag, body: JSON.parse(named) as unknown };
  };
  const problem = (status: number, body: Record<string, unknown>) => ({
    status,
    contentType: 'application/problem+json; charset=utf-8',
    etag: undefined,
    body: { ...body, status },
  });

  const share = async (summary: string, headers: Record<string, string> = {}, token?: string) =>
    walk.send('post', '/perspectives', { token: token ?? (await regie.member(police)), body: { partnerId: police.id, summary }, headers });

  it('appended: 200 with the new revision and position, the revision as ETag', async () => {
    const before = await walk.revision();
    const res = await share('what the police sees');
    expect(answer(res)).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      etag: `"${before + 1}"`,
      body: { revision: before + 1, position: expect.any(Number) as unknown },
    });
    expect(Object.keys(bodyOf<object>(res))).toEqual(['revision', 'position']);
  });

  it('appended, creating something: 201 with its id first', async () => {
    const res = await regie.send('post', '/api/initiatives', {
      token: await regie.pm(haarlem),
      body: { title: 'Veilig uitgaan', problemArea: 'nightlife', regisseurPartnerId: haarlem.id },
    });
    expect(answer(res)).toMatchObject({ status: 201, contentType: 'application/json; charset=utf-8' });
    expect(res.headers.etag).toBe(`"${bodyOf<CommandAnswer>(res).revision}"`);
    expect(Object.keys(bodyOf<object>(res))).toEqual(['id', 'revision', 'position']);
  });

  it('a partner registered: 201 with its id first', async () => {
    const res = await regie.send('post', '/api/partners', { token: await regie.admin(), body: { name: 'GGD Kennemerland', kind: 'care' } });
    expect(answer(res)).toMatchObject({ status: 201, contentType: 'application/json; charset=utf-8', etag: '"0"' });
    expect(Object.keys(bodyOf<object>(res))).toEqual(['id', 'revision', 'position']);
  });

  it('not found: 404 that does not tell a hidden initiative from a missing one', async () => {
    const hidden = await walk.send('post', '/perspectives', { token: await regie.member(outsider), body: { partnerId: outsider.id, summary: 'x' } });
    expect(answer(hidden)).toEqual(
      problem(404, {
        type: 'https://regie.dev/problems/not-found',
        title: 'Not Found',
        detail: "initiative ':initiative' does not exist or is not visible to you",
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
    const missing = await regie.send('post', '/api/initiatives/no-such-initiative/perspectives', {
      token: await regie.admin(),
      body: { partnerId: police.id, summary: 'x' },
    });
    expect(answer(missing)).toEqual(
      problem(404, {
        type: 'https://regie.dev/problems/not-found',
        title: 'Not Found',
        detail: "initiative 'no-such-initiative' does not exist or is not visible to you",
        instance: '/api/initiatives/no-such-initiative/perspectives',
      }),
    );
  });

  it('forbidden: 403 naming what the actor may not do', async () => {
    const res = await share('for another partner', {}, await regie.member(haarlem));
    expect(res.status).toBe(403);
    expect(answer(res)).toEqual(
      problem(403, {
        type: 'https://regie.dev/problems/forbidden',
        title: 'Forbidden',
        detail: expect.any(String),
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });

  it('refused by a gate: 422 with every unmet condition', async () => {
    const res = await walk.send('post', '/advance', { body: { to: 'define' } });
    expect(answer(res)).toEqual(
      problem(422, {
        type: 'https://regie.dev/problems/gate-not-met',
        title: 'Unprocessable Content',
        detail: expect.stringMatching(/^cannot advance to define: /),
        unmet: expect.arrayContaining([expect.any(String)]),
        findings: expect.any(Array),
        instance: '/api/initiatives/:initiative/advance',
      }),
    );
    expect(problemOf(res).detail).toBe(`cannot advance to define: ${problemOf(res).unmet?.join('; ')}`);
    // The same lines as codes (walk.e2e-spec checks them one by one).
    expect(problemOf(res).findings).toHaveLength(problemOf(res).unmet!.length);
  });

  it('refused in the wrong phase: 422 with the phase and where it is allowed', async () => {
    const res = await walk.send('put', '/problem-definition', { body: { statement: 'too early' } });
    expect(answer(res)).toEqual(
      problem(422, {
        type: 'https://regie.dev/problems/wrong-phase',
        title: 'Unprocessable Content',
        detail: expect.any(String),
        phase: 'explore',
        allowedIn: ['define'],
        instance: '/api/initiatives/:initiative/problem-definition',
      }),
    );
  });

  it('refused by another rule: 422 domain-rule', async () => {
    const res = await walk.send('post', '/partners', { body: { partnerId: police.id, role: 'participant', competence: 'again' } });
    expect(answer(res)).toEqual(
      problem(422, {
        type: 'https://regie.dev/problems/domain-rule',
        title: 'Unprocessable Content',
        detail: expect.any(String),
        instance: '/api/initiatives/:initiative/partners',
      }),
    );
  });

  it('personal data in free text: 422 naming the field', async () => {
    const res = await share('the client with BSN 111222333 was helped');
    expect(answer(res)).toEqual(
      problem(422, {
        type: 'https://regie.dev/problems/personal-data',
        title: 'Unprocessable Content',
        detail: expect.stringMatching(/^the summary contains /),
        errors: [{ field: 'summary', code: 'personal-data', message: problemOf(res).detail }],
        kind: 'bsn',
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });

  it('a stale If-Match: 412 before anything is decided', async () => {
    const revision = await walk.revision();
    const res = await share('on an old picture', { 'If-Match': '"0"' });
    expect(answer(res)).toEqual(
      problem(412, {
        type: 'https://regie.dev/problems/stale-revision',
        title: 'Precondition Failed',
        detail: `the initiative is at revision ${revision}, not 0: reload it and decide again`,
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });

  it('an If-Match overtaken while the command ran: 412 naming the revision it moved on to', async () => {
    const revision = await walk.revision();
    competitors = 1;
    const res = await share('overtaken', { 'If-Match': `"${revision}"` });
    expect(answer(res)).toEqual(
      problem(412, {
        type: 'https://regie.dev/problems/stale-revision',
        title: 'Precondition Failed',
        detail: `the initiative moved on to revision ${revision + 1} while this command ran; reload it and decide again`,
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });

  it('other writers winning past the retries: 409', async () => {
    competitors = 6;
    const res = await share('never lands');
    expect(answer(res)).toEqual(
      problem(409, {
        type: 'https://regie.dev/problems/write-conflict',
        title: 'Conflict',
        detail: 'the initiative kept changing while this command ran (5 retries); try again',
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });

  it('an Idempotency-Key: the repeat answers the first answer; with another body, 422', async () => {
    const key = { 'Idempotency-Key': `answers-${randomUUID()}` };
    const first = await share('once', key);
    const again = await share('once', key);
    expect(answer(again)).toEqual(answer(first));
    const reused = await share('something else', key);
    expect(answer(reused)).toEqual(
      problem(422, {
        type: 'https://regie.dev/problems/idempotency-key-reused',
        title: 'Unprocessable Content',
        detail: `the Idempotency-Key '${key['Idempotency-Key']}' was already used with another request; use a new key for a new request`,
        instance: '/api/initiatives/:initiative/perspectives',
      }),
    );
  });
});
