import { readFileSync } from 'node:fs';
import type { Response, Test } from 'supertest';
import { join } from 'node:path';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { EVENT_STORE } from '../../apps/api/src/store/event-store.provider';
import { FREE_TEXT_FIELDS, isEventType, mapFieldAt } from '../../events';
import type { Actor } from '../../libs/auth/src';
import type { EventStore, EventToAppend } from '../../libs/event-store/src';
import { ndjson, type LogLine } from '../support/log-reader';
import { runCli } from '../support/run-cli';
import { startTestApp, type TestApp } from '../support/test-app';
import { streamGet } from './support/stream-get';

type Line = LogLine;

const lines = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

/** An answer of GET /api/events read by `ndjson`: its body is the text as it arrived (supertest types every body `any`). */
type NdjsonAnswer = Omit<Response, 'body'> & { body: string };
const ndjsonText = async (req: Test): Promise<NdjsonAnswer> => ndjson(req);

const at = (day: number) => new Date(Date.UTC(2024, 0, day)).toISOString();
const event = (type: string, data: Record<string, unknown>, partner: string): EventToAppend => ({
  id: `${type}-${Math.random().toString(36).slice(2)}`,
  type,
  data,
  metadata: { actor: { sub: 'pm', partner }, schemaVersion: 1 },
});

describe('GET /api/events: the global event log as NDJSON', () => {
  let t: TestApp;
  let store: EventStore;
  const police = 'p-police',
    municipality = 'p-municipality',
    care = 'p-care';
  let lastPosition = 0;

  const as = async (actor: Actor) => `Bearer ${await t.token(actor)}`;
  const admin = () => as({ sub: 'root', roles: ['admin'] });
  const get = async (query: string, auth: string | Promise<string> = admin()) =>
    ndjsonText(
      t
        .http()
        .get(`/api/events${query}`)
        .set('Authorization', await auth),
    );

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    let day = 1;
    for (const [id, name] of [
      [police, 'Politie'],
      [municipality, 'Gemeente'],
      [care, 'GGZ'],
    ]) {
      await store.append(`partner-${id}`, [event('PartnerRegistered', { partnerId: id, name, kind: 'other', occurredAt: at(day++) }, id)], 'no-stream');
    }
    const initiative = async (id: string, regisseur: string, others: string[], extra: EventToAppend[] = []) => {
      await store.append(
        `initiative-${id}`,
        [
          event(
            'InitiativeStarted',
            { initiativeId: id, title: id, problemArea: 'x', regisseurPartnerId: regisseur, regisseurPartnerName: regisseur, occurredAt: at(day++) },
            regisseur,
          ),
          ...[regisseur, ...others].map((p) =>
            event(
              'PartnerJoined',
              { initiativeId: id, partnerId: p, partnerName: p, role: p === regisseur ? 'regisseur' : 'participant', competence: 'c', occurredAt: at(day++) },
              regisseur,
            ),
          ),
          event('LessonRecorded', { initiativeId: id, lesson: `a lesson of ${id}`, occurredAt: at(day++) }, regisseur),
          ...extra,
        ],
        'no-stream',
      );
    };
    // police takes part in A; took part in B but left; never in C.
    await initiative('a', municipality, [police]);
    await initiative('b', care, [police], [event('PartnerLeft', { initiativeId: 'b', partnerId: police, occurredAt: at(day++) }, care)]);
    await initiative('c', care, []);
    lastPosition = await store.lastPosition();
  });
  afterAll(() => t.close());

  it('answers every event in global order, one stored event per line, with the snapshot position in Regie-Position', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['regie-position']).toBe(String(lastPosition));
    const log = lines(res.body);
    expect(log.map((l) => l.position)).toEqual(Array.from({ length: lastPosition }, (_, i) => i + 1));
    expect(Object.keys(log[0])).toEqual(['position', 'stream', 'revision', 'id', 'type', 'data', 'metadata', 'recordedAt']);
    const [stored] = await store.readAll(0, 1);
    expect(log[0]).toEqual(stored);
    expect(log[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('after=<position> starts behind that position; limit caps the number of lines', async () => {
    expect(lines((await get('?after=10')).body).map((l) => l.position)).toEqual(Array.from({ length: lastPosition - 10 }, (_, i) => i + 11));
    expect(lines((await get('?after=4&limit=3')).body).map((l) => l.position)).toEqual([5, 6, 7]);
    const beyond = await get(`?after=${lastPosition}`);
    expect(beyond.status).toBe(200);
    expect(beyond.body).toBe('');
  });

  describe('paging with limit', () => {
    const linkAfter = (link: string | undefined) => {
      const m = /^<(\/api\/events\?[^>]+)>; rel="next"$/.exec(link ?? '');
      return m ? m[1] : null;
    };

    it('a page that limit cut short says where to continue: Regie-Continue-After is its last line, Link rel="next" the next page', async () => {
      const first = await get('?type=PartnerJoined,PartnerLeft&limit=2');
      const page = lines(first.body);
      expect(page).toHaveLength(2);
      expect(first.headers['regie-position']).toBe(String(lastPosition));
      expect(first.headers['regie-continue-after']).toBe(String(page[1].position));
      expect(linkAfter(first.headers.link)).toBe(`/api/events?after=${page[1].position}&limit=2&type=PartnerJoined%2CPartnerLeft`);
      // What the old hint said, continuing after Regie-Position, would have lost the rest of the membership events.
      expect(lines((await get(`?type=PartnerJoined,PartnerLeft&limit=2&after=${first.headers['regie-position']}`)).body)).toEqual([]);
    });

    it('following rel="next" until there is none gives exactly the unlimited export, for an admin and for an analyst who sees only some streams', async () => {
      for (const auth of [admin(), as({ sub: 'cas', roles: ['analyst'], partner: care })]) {
        const token = await auth;
        for (const filter of ['', 'type=PartnerJoined,PartnerLeft&']) {
          const whole = lines((await get(`?${filter}`, token)).body);
          const paged: Line[] = [];
          let url: string | null = `/api/events?${filter}limit=3`;
          let pages = 0;
          while (url !== null) {
            const res = await ndjsonText(t.http().get(url).set('Authorization', token));
            const page = lines(res.body);
            expect(page.length).toBeLessThanOrEqual(3);
            paged.push(...page);
            url = linkAfter(res.headers.link);
            if (url === null) expect(res.headers['regie-continue-after']).toBe(String(lastPosition));
            expect(++pages).toBeLessThan(50);
          }
          expect(paged.map((l) => l.id)).toEqual(whole.map((l) => l.id));
          expect(paged.length).toBeGreaterThan(3);
        }
      }
    });

    it('a whole answer has no Link and says to continue after the snapshot', async () => {
      const res = await get('?after=4&limit=1000');
      expect(res.headers.link).toBeUndefined();
      expect(res.headers['regie-continue-after']).toBe(String(lastPosition));
    });
  });

  it('type=<Type>[,<Type>] keeps only those event types, and limit counts the kept ones', async () => {
    const joined = lines((await get('?type=PartnerJoined')).body);
    expect(joined).toHaveLength(5);
    expect(new Set(joined.map((l) => l.type))).toEqual(new Set(['PartnerJoined']));
    const membership = lines((await get('?type=PartnerJoined,PartnerLeft&limit=6')).body);
    expect(membership.map((l) => l.type)).toEqual(['PartnerJoined', 'PartnerJoined', 'PartnerJoined', 'PartnerJoined', 'PartnerLeft', 'PartnerJoined']);
  });

  it.each([
    ['limit=-1', 'limit must be a number of events: an integer >= 1'],
    ['limit=0', 'limit must be a number of events: an integer >= 1'],
    ['after=abc', 'after must be a global position: an integer >= 0'],
    ['after=1.5', 'after must be a global position: an integer >= 0'],
    ['type=PartnerJoind', "unknown: 'PartnerJoind'"],
    ['since=3', 'property since should not exist'],
  ])('refuses %s with a 400 problem that says what would be valid', async (query, detail) => {
    const res = await t
      .http()
      .get(`/api/events?${query}`)
      .set('Authorization', await admin());
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as ProblemDocument).detail).toContain(detail);
  });

  it('answers 401 without a token and 403 to roles other than analyst and admin', async () => {
    expect((await t.http().get('/api/events')).status).toBe(401);
    for (const role of ['partner-member', 'programme-manager', 'steering-group'] as const) {
      const res = await t
        .http()
        .get('/api/events')
        .set('Authorization', await as({ sub: 'bob', roles: [role], partner: police }));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  describe('what an analyst sees', () => {
    const streamsOf = async (actor: Actor, query = '') => new Set(lines((await get(query, as(actor))).body).map((l) => l.stream));

    it('the partner registry and the initiatives their partner takes part in now, each stream whole', async () => {
      const seen = await streamsOf({ sub: 'ann', roles: ['analyst'], partner: police });
      expect(seen).toEqual(new Set(['partner-p-police', 'partner-p-municipality', 'partner-p-care', 'initiative-a']));
      const a = lines((await get('', as({ sub: 'ann', roles: ['analyst'], partner: police }))).body).filter((l) => l.stream === 'initiative-a');
      expect(a.map((l) => l.revision)).toEqual([0, 1, 2, 3]);
    });

    it('not an initiative their partner has left (as GET /api/initiatives/:id would not show it)', async () => {
      expect(await streamsOf({ sub: 'ann', roles: ['analyst'], partner: police })).not.toContain('initiative-b');
      expect(await streamsOf({ sub: 'cas', roles: ['analyst'], partner: care })).toEqual(
        new Set(['partner-p-police', 'partner-p-municipality', 'partner-p-care', 'initiative-b', 'initiative-c']),
      );
    });

    it('only the registry without a partner claim; an admin sees every stream', async () => {
      expect(await streamsOf({ sub: 'nop', roles: ['analyst'] })).toEqual(new Set(['partner-p-police', 'partner-p-municipality', 'partner-p-care']));
      expect((await streamsOf({ sub: 'root', roles: ['admin'] })).size).toBe(6);
    });

    it('filters and limits within what they may see', async () => {
      const joined = lines((await get('?type=PartnerJoined&limit=1', as({ sub: 'cas', roles: ['analyst'], partner: care }))).body);
      expect(joined).toHaveLength(1);
      expect(joined[0]).toMatchObject({ stream: 'initiative-b', type: 'PartnerJoined' });
    });
  });

  it('is a snapshot: events appended while the export runs are not in it', async () => {
    const scratch = await startTestApp();
    try {
      const scratchStore: EventStore = scratch.app.get(EVENT_STORE);
      const big = 'x'.repeat(2000);
      for (let b = 0; b < 50; b++) {
        await scratchStore.append(
          `initiative-${b}`,
          Array.from({ length: 100 }, (_, i) => event('LessonRecorded', { lesson: `${b}/${i} ${big}` }, police)),
          'no-stream',
        );
      }
      await scratch.app.listen(0, '127.0.0.1');
      const { port } = scratch.app.getHttpServer().address() as { port: number };
      const res = await streamGet(`http://127.0.0.1:${port}/api/events`, { authorization: `Bearer ${await scratch.token({ sub: 'root', roles: ['admin'] })}` });
      expect(res.headers['regie-position']).toBe('5000');
      let text = '';
      let first = true;
      for await (const chunk of res) {
        text += chunk;
        // The server is now a page or so ahead of this reader (backpressure); what is appended next lies beyond its snapshot.
        if (first)
          await scratchStore.append(
            'initiative-late',
            Array.from({ length: 100 }, () => event('LessonRecorded', { lesson: 'late' }, police)),
            'no-stream',
          );
        first = false;
      }
      const log = lines(text);
      expect(log).toHaveLength(5000);
      expect(log[log.length - 1].position).toBe(5000);
      expect(await scratchStore.lastPosition()).toBe(5100);
    } finally {
      await scratch.close();
    }
  });

  it('answers what `npm run cli -- export` writes, except that the CLI keeps free text sealed as stored', async () => {
    const res = await get('');
    const out = join(t.dataDir, 'events.ndjson');
    const cli = runCli(['export', '--out', out], { DATA_DIR: t.dataDir });
    expect(cli.stdout).toBe(`exported ${lastPosition} events to ${out}\n`);
    // The CLI's copy is for archives and `import` (whose hash check needs the stored bytes): an
    // erasure reaches it too. Analysts read the opened text over HTTP.
    const withoutText = (line: Line) => ({
      ...line,
      data: (isEventType(line.type) ? FREE_TEXT_FIELDS[line.type] : []).reduce(
        (data, field) => mapFieldAt(data, field.path, () => 'text') as Record<string, unknown>,
        line.data,
      ),
    });
    const stored = lines(readFileSync(out, 'utf8'));
    expect(stored.map(withoutText)).toEqual(lines(res.body).map(withoutText));
    expect(stored.find((l) => l.type === 'LessonRecorded')?.data.lesson).toEqual({ $sealed: 'initiative', v: expect.any(String) as unknown });
    expect(res.body).toContain('a lesson of b');
    expect(readFileSync(out, 'utf8')).not.toContain('a lesson of b');
  });
});
