/**
 * Two real API processes on ONE PostgreSQL database (event store and read store), as several
 * instances behind a load balancer run in production: concurrent commands on the same initiatives
 * through both, then the log, the streams and both instances' read sides are checked.
 */
import type { Actor } from '../../libs/auth/src';
import { openSealedEventStore, type SealingEventStore } from '../../libs/data-keys/src';
import { type EventStore, type StoredEvent, verifyStore } from '../../libs/event-store/src';
import request from 'supertest';
import {
  ALL_PROJECTIONS,
  foldTargets,
  kpiOffTrackSaga,
  type PartnerNetwork,
  type Projection,
  ProjectionTables,
  toRegieEvent,
} from '../../libs/projections/src';
import { PostgresReadStore } from '../../libs/read-store/src/postgres-read-store';
import { dropDatabase } from '../support/e2e-store';
import { InitiativeWalk, Regie } from '../support/initiative-fixtures';
import type { TestApp } from '../support/test-app';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { type Answer, type ApiInstance, call, ok, runPool, sharedSetup, type SharedSetup, startApiInstance } from './api-instances';

/** How hard the test pushes: 200 commands, this many in flight at once over both instances. */
const COMMANDS = 200;
const IN_FLIGHT = Number(process.env.REGIE_SCALE_IN_FLIGHT ?? 16);
const INITIATIVES = 4;
const OTHER_PARTNERS = 6;

type CommandAnswer = { revision: number; position: number; id?: string };
/** What the test reads of GET /api/initiatives/:id and of its /history. */
type InitiativeState = { revision: number; partners: Array<{ active: boolean }> };
type HistoryEntry = { type: string; revision: number; position: number };

const log = (line: string) => process.stdout.write(`[scale] ${line}\n`);

describe('two API instances on one PostgreSQL database', () => {
  let shared: SharedSetup;
  let a: ApiInstance;
  let b: ApiInstance;
  let store: SealingEventStore;
  let instances: ApiInstance[];

  let adminToken: string;
  let pmToken: string;
  const memberTokens = new Map<string, string>();
  let regisseurId: string;
  const partners: Array<{ id: string; name: string }> = [];
  const initiatives: string[] = [];

  beforeAll(async () => {
    shared = sharedSetup(await freshDatabase(testDatabaseUrl()));
    // One after the other: starting at the same moment is concurrent-start.e2e-spec.ts's subject.
    a = await startApiInstance('api-a', shared);
    b = await startApiInstance('api-b', shared);
    instances = [a, b];
    // The log as the instances read it: perspectives' summaries are sealed in the table.
    store = await openSealedEventStore({ kind: 'postgres', databaseUrl: shared.databaseUrl, dataKeySecret: shared.dataKeySecret });
    adminToken = await shared.token({ sub: 'ops-admin', roles: ['admin'] });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    if (shared) await dropDatabase(testDatabaseUrl(), shared.databaseUrl);
    // A graceful SIGTERM ends with 0; anything else would show here rather than pass silently.
    expect(codes.filter((c) => c !== undefined && c !== 0)).toEqual([]);
  }, 60_000);

  it('one token (shared AUTH_SECRET) works on both instances; partners registered through either are seen by the other', async () => {
    const kinds = ['police', 'care', 'youth-care', 'probation', 'housing', 'education', 'public-prosecutor'];
    const regisseur = ok(
      await call<{ id: string }>(a, 'POST', '/api/partners', adminToken, { name: 'Gemeente Haarlem', kind: 'municipality' }),
      'register regisseur',
    );
    regisseurId = regisseur.body.id;
    partners.push({ id: regisseurId, name: 'Gemeente Haarlem' });
    for (let i = 0; i < OTHER_PARTNERS; i++) {
      const name = `Partner ${String.fromCharCode(65 + i)}`;
      const res = ok(
        await call<{ id: string }>(instances[i % 2], 'POST', '/api/partners', adminToken, { name, kind: kinds[i % kinds.length] }),
        `register ${name}`,
      );
      expect(res.status).toBe(201);
      partners.push({ id: res.body.id, name });
    }
    pmToken = await shared.token({ sub: 'pm-haarlem', roles: ['programme-manager'], partner: regisseurId });
    for (const p of partners) memberTokens.set(p.id, await shared.token({ sub: `member-${p.id.slice(0, 8)}`, roles: ['partner-member'], partner: p.id }));

    // Initiatives started on alternating instances; each partner joins through the other one.
    for (let i = 0; i < INITIATIVES; i++) {
      const started = ok(
        await call<{ id: string }>(instances[i % 2], 'POST', '/api/initiatives', pmToken, {
          title: `Samen tegen ondermijning, wijk ${i + 1}`,
          problemArea: 'subversive crime',
          regisseurPartnerId: regisseurId,
        }),
        'start initiative',
      );
      expect(started.status).toBe(201);
      initiatives.push(started.body.id);
    }
    await Promise.all(
      initiatives.map(async (id, i) => {
        for (const [j, p] of partners.slice(1).entries()) {
          ok(
            await call(instances[(i + j + 1) % 2], 'POST', `/api/initiatives/${id}/partners`, pmToken, {
              partnerId: p.id,
              role: j === 0 ? 'facilitator' : 'participant',
              competence: `core competence of ${p.name}`,
            }),
            `join ${p.name}`,
          );
        }
      }),
    );
    for (const id of initiatives) {
      const [onA, onB] = await Promise.all([
        call<InitiativeState>(a, 'GET', `/api/initiatives/${id}`, pmToken),
        call(b, 'GET', `/api/initiatives/${id}`, pmToken),
      ]);
      ok(onA, 'GET initiative');
      ok(onB, 'GET initiative');
      expect(onA.body).toEqual(onB.body);
      expect(onA.body.partners.filter((p) => p.active)).toHaveLength(partners.length);
    }
  });

  describe('200 concurrent commands on the same initiatives through both instances', () => {
    type Sent = { i: number; initiativeId: string; partnerId: string; summary: string; answer: Answer<CommandAnswer>; ms: number };
    let sent: Sent[] = [];
    let elapsedMs = 0;
    /** appends refused for a stale revision during the load, by how the command went on (the instances' /metrics) */
    let conflicts: Conflicts = { retried: 0, refused: 0, ownEvents: 0 };

    beforeAll(async () => {
      if (initiatives.length !== INITIATIVES) throw new Error('the set-up test above failed: nothing to send commands to');
      // Command i: initiative i % 4, partner (i / 4) % 7 speaking for itself; the instance flips every
      // round of four, so with 16 in flight both instances work on every initiative at once.
      // A partner may share its perspective again (it updates its view), so repeats are legitimate.
      const tasks = Array.from({ length: COMMANDS }, (_, i) => async (): Promise<Sent> => {
        const initiativeId = initiatives[i % INITIATIVES];
        const partner = partners[Math.floor(i / INITIATIVES) % partners.length];
        const summary = `perspective ${i} of ${partner.name}: what we see in this neighbourhood`;
        const started = Date.now();
        const answer = await call<CommandAnswer>(
          instances[Math.floor(i / INITIATIVES) % 2],
          'POST',
          `/api/initiatives/${initiativeId}/perspectives`,
          memberTokens.get(partner.id)!,
          { partnerId: partner.id, summary },
        );
        return { i, initiativeId, partnerId: partner.id, summary, answer, ms: Date.now() - started };
      });
      const before = await conflictsOn(instances);
      const t0 = Date.now();
      sent = await runPool(tasks, IN_FLIGHT);
      elapsedMs = Date.now() - t0;
      const after = await conflictsOn(instances);
      conflicts = { retried: after.retried - before.retried, refused: after.refused - before.refused, ownEvents: after.ownEvents - before.ownEvents };
      const by = (s: number) => sent.filter((x) => x.answer.status === s).length;
      const ms = sent.map((x) => x.ms).sort((x, y) => x - y);
      log(
        `${COMMANDS} commands, ${IN_FLIGHT} in flight, ${INITIATIVES} initiatives, 2 instances: ` +
          `${by(200)} acknowledged (200), ${by(409)} refused 409, ${sent.length - by(200) - by(409)} other; ` +
          `${conflicts.retried} append conflicts retried, ${conflicts.refused} given up; ${elapsedMs} ms (${(COMMANDS / (elapsedMs / 1000)).toFixed(0)} commands/s); ` +
          `latency p50 ${ms[Math.floor(ms.length / 2)]} ms, p95 ${ms[Math.floor(ms.length * 0.95)]} ms, max ${ms[ms.length - 1]} ms; ` +
          `A answered ${sent.filter((x) => x.answer.instance === 'api-a').length}, B ${sent.filter((x) => x.answer.instance === 'api-b').length}`,
      );
    }, 120_000);

    it('every command is acknowledged (200), but for at most 1 % write conflicts that outlived the retries (409 problem+json)', () => {
      expect(
        sent.filter((x) => x.answer.status !== 200 && x.answer.status !== 409).map((x) => ({ i: x.i, status: x.answer.status, body: x.answer.body })),
      ).toEqual([]);
      const refused = sent.filter((x) => x.answer.status === 409);
      for (const x of refused) {
        expect(x.answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(x.answer.body).toMatchObject({ status: 409 });
      }
      // Optimistic writes with 5 retries cannot promise zero: a command that loses six rounds in a row
      // to the other instance is refused. Measured on a loaded 2-core machine: 0 of 200 at 16 in flight,
      // 1 of 200 at 32 (before this was fixed: 20 of 200 at 16). More than 1 % means the retry stopped working.
      expect(refused.length).toBeLessThanOrEqual(COMMANDS / 100);
    });

    it('conflicts between the instances did happen, and the retry resolved them: nearly every conflict ended in an acknowledgement', () => {
      // Two instances writing the same four initiatives at once must collide.
      expect(conflicts.retried).toBeGreaterThan(0);
      expect(conflicts.refused).toBe(sent.filter((x) => x.answer.status === 409).length);
      expect(conflicts.refused).toBeLessThanOrEqual(COMMANDS / 100);
    });

    it('every acknowledged command is in the log exactly once, at the revision and position it answered; refused ones are not in it at all', async () => {
      const all = await readAll(store);
      const perspectives = all.filter((e) => e.type === 'PerspectiveShared');
      const bySummary = new Map<string, StoredEvent[]>();
      for (const e of perspectives) bySummary.set(String(e.data.summary), [...(bySummary.get(String(e.data.summary)) ?? []), e]);

      const mismatches: unknown[] = [];
      for (const x of sent) {
        const found = bySummary.get(x.summary) ?? [];
        if (x.answer.status === 200) {
          const e = found[0];
          if (
            found.length !== 1 ||
            e.stream !== `initiative-${x.initiativeId}` ||
            e.position !== x.answer.body.position ||
            e.revision !== x.answer.body.revision ||
            e.data.partnerId !== x.partnerId
          ) {
            mismatches.push({ i: x.i, answered: x.answer.body, found: found.map((f) => ({ stream: f.stream, revision: f.revision, position: f.position })) });
          }
        } else if (found.length !== 0) {
          mismatches.push({ i: x.i, status: x.answer.status, butStored: found.map((f) => ({ revision: f.revision, position: f.position })) });
        }
      }
      expect(mismatches).toEqual([]);
      expect(perspectives).toHaveLength(sent.filter((x) => x.answer.status === 200).length);
      // No two acknowledgements share a position: nobody was told "done" for someone else's event.
      const positions = sent.filter((x) => x.answer.status === 200).map((x) => x.answer.body.position);
      expect(new Set(positions).size).toBe(positions.length);
    });

    it('no stream has a revision gap or a broken hash chain (verifyStore), and positions only grow', async () => {
      const verified = await verifyStore(store.inner);
      expect(verified).toMatchObject({ ok: true });
      const all = await readAll(store);
      expect(verified.count).toBe(all.length);
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      for (const id of initiatives) {
        const stream = await store.readStream(`initiative-${id}`);
        expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
      }
    });

    it('both instances answer the same history and the same write-model state for every initiative', async () => {
      for (const id of initiatives) {
        const [ha, hb] = await Promise.all([
          call<HistoryEntry[]>(a, 'GET', `/api/initiatives/${id}/history`, pmToken),
          call(b, 'GET', `/api/initiatives/${id}/history`, pmToken),
        ]);
        ok(ha, 'history');
        ok(hb, 'history');
        expect(ha.body).toEqual(hb.body);
        const stream = await store.readStream(`initiative-${id}`);
        expect(ha.body.map((h) => [h.type, h.revision, h.position])).toEqual(stream.map((e) => [e.type, e.revision, e.position]));

        const [sa, sb] = await Promise.all([
          call<InitiativeState>(a, 'GET', `/api/initiatives/${id}`, pmToken),
          call(b, 'GET', `/api/initiatives/${id}`, pmToken),
        ]);
        ok(sa, 'state');
        ok(sb, 'state');
        expect(sa.body).toEqual(sb.body);
        expect(sa.body.revision).toBe(stream[stream.length - 1].revision);
        expect(sa.headers.get('etag')).toBe(`"${stream[stream.length - 1].revision}"`);
      }
    });

    it("both instances' projections reach the same documents once they have seen the last position", async () => {
      const last = await store.lastPosition();
      const read = async <B = unknown>(instance: ApiInstance, path: string): Promise<B> => {
        const res = ok(await call<B>(instance, 'GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, pmToken), `GET ${path}`);
        expect(Number(res.headers.get('regie-position'))).toBeGreaterThanOrEqual(last);
        return res.body;
      };
      const byId = (items: Array<{ id: string }>) => [...items].sort((x, y) => x.id.localeCompare(y.id));
      const [pa, pb] = await Promise.all([read<Array<{ id: string }>>(a, '/api/initiatives'), read<Array<{ id: string }>>(b, '/api/initiatives')]);
      expect(byId(pa)).toEqual(byId(pb));
      expect(pa.map((x) => x.id).sort()).toEqual([...initiatives].sort());
      for (const id of initiatives) {
        const [ka, kb] = await Promise.all([read(a, `/api/initiatives/${id}/kpis`), read(b, `/api/initiatives/${id}/kpis`)]);
        expect(ka).toEqual(kb);
      }
    });
  });

  describe("both instances' projection runners on the one shared read store", () => {
    const CONTRIBUTIONS = 100;
    let walks: InitiativeWalk[] = [];
    let contributions: Array<{ walk: InitiativeWalk; partnerId: string; description: string; answer: Answer<CommandAnswer> }> = [];

    beforeAll(async () => {
      // The fixtures' client, its requests alternating between the two instances: a walk whose
      // every step may land on the other instance than the step before.
      let turn = 0;
      const roundRobin = { http: () => request(instances[turn++ % 2].url), token: (actor: Actor) => shared.token(actor) } as unknown as TestApp;
      const regie = new Regie(roundRobin);
      const byId = (id: string) => ({ id, name: partners.find((p) => p.id === id)!.name, kind: 'other' as const });
      const regisseur = byId(regisseurId);
      const others = partners.slice(1, 4).map((p) => byId(p.id));
      walks = await Promise.all([0, 1].map((i) => InitiativeWalk.start(regie, { regisseur, others, title: `Co-design on two instances ${i + 1}` })));
      await Promise.all(walks.map((w) => w.walkTo('co-design')));
      // Contributions append to lists in the projections (portfolio state, partner network): a
      // batch counted twice would show as a duplicate there.
      const members = [regisseur, ...others];
      contributions = await runPool(
        Array.from({ length: CONTRIBUTIONS }, (_, i) => async () => {
          const walk = walks[i % walks.length];
          const partner = members[Math.floor(i / walks.length) % members.length];
          const description = `contribution ${i}: ${partner.name} staffs the weekly case table`;
          const answer = await call<CommandAnswer>(
            instances[Math.floor(i / 3) % 2],
            'POST',
            `/api/initiatives/${walk.id}/contributions`,
            memberTokens.get(partner.id)!,
            { partnerId: partner.id, description, hoursPerMonth: 4 + (i % 5) },
          );
          return { walk, partnerId: partner.id, description, answer };
        }),
        8,
      );
      const by = (s: number) => contributions.filter((c) => c.answer.status === s).length;
      log(
        `${CONTRIBUTIONS} contributions, 8 in flight, 2 initiatives in co-design: ${by(201)} acknowledged (201), ${by(409)} x 409, ${CONTRIBUTIONS - by(201) - by(409)} other`,
      );
    }, 180_000);

    it('every contribution is created (201), but for at most 1 % write conflicts that outlived the retries (409 problem+json)', () => {
      // The same bound as the 200 commands above, for the same reason: 5 retries cannot promise zero.
      expect(
        contributions.filter((c) => c.answer.status !== 201 && c.answer.status !== 409).map((c) => ({ status: c.answer.status, body: c.answer.body })),
      ).toEqual([]);
      const refused = contributions.filter((c) => c.answer.status === 409);
      for (const c of refused) expect(c.answer.body).toMatchObject({ status: 409, type: expect.stringContaining('write-conflict') as unknown });
      expect(refused.length).toBeLessThanOrEqual(CONTRIBUTIONS / 100);
    });

    it('a write on one instance is read on the other with ?minPosition= promptly (read-your-writes through a load balancer)', async () => {
      const walk = walks[0];
      const partner = partners[0];
      const waits: number[] = [];
      const stale: unknown[] = [];
      for (let i = 0; i < 10; i++) {
        const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
        const written = ok(
          await call<CommandAnswer>(writer, 'POST', `/api/initiatives/${walk.id}/contributions`, memberTokens.get(partner.id)!, {
            partnerId: partner.id,
            description: `read-your-writes probe ${i}`,
          }),
          'contribution',
        );
        const t0 = Date.now();
        const read = ok(await call(reader, 'GET', `/api/partners/${partner.id}/network?minPosition=${written.body.position}`, pmToken), 'network');
        waits.push(Date.now() - t0);
        const seen = Number(read.headers.get('regie-position'));
        const found = JSON.stringify(read.body).includes(`read-your-writes probe ${i}`);
        if (read.headers.get('regie-stale') || seen < written.body.position || !found)
          stale.push({ i, writer: writer.name, seen, wanted: written.body.position, found });
      }
      log(`read-your-writes across instances (write on one, GET ?minPosition= on the other): waits ${waits.join(', ')} ms`);
      expect(stale).toEqual([]);
      // The wait is bounded by 5 s; across instances it must not come near it.
      expect(waits.filter((ms) => ms > 2000)).toEqual([]);
    });

    it('every projection document in the shared read store is exactly the pure fold of the log: no event counted twice or skipped', async () => {
      const last = await store.lastPosition();
      for (const instance of instances) ok(await call(instance, 'GET', `/api/initiatives?minPosition=${last}`, pmToken), 'portfolio');
      const readStore = await PostgresReadStore.open(shared.databaseUrl);
      try {
        const tables = new ProjectionTables(readStore);
        const events = await readAll(store);
        const projections: Projection[] = [...ALL_PROJECTIONS, kpiOffTrackSaga];
        const generations = await tables.generations();
        for (const projection of projections) {
          const live = generations.filter((g) => g.name === projection.name && g.state === 'live');
          expect({ name: projection.name, live: live.length }).toEqual({ name: projection.name, live: 1 });
          // The checkpoint may stand still after the last event that concerns the projection: wait until it has seen the last position.
          const deadline = Date.now() + 10_000;
          let generation = live[0];
          while (generation.checkpoint < last && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            generation = (await tables.generations(projection.name)).find((g) => g.state === 'live')!;
          }
          expect({ name: projection.name, checkpoint: generation.checkpoint }).toEqual({ name: projection.name, checkpoint: last });
          const expected = foldAll(projection, events);
          const stored = new Map([...(await tables.dump(projection.name, generation.generation))].map(([id, body]) => [id, JSON.parse(body) as unknown]));
          expect({ name: projection.name, ids: [...stored.keys()].sort() }).toEqual({ name: projection.name, ids: [...expected.keys()].sort() });
          for (const [id, doc] of expected) expect({ name: projection.name, id, doc: stored.get(id) }).toEqual({ name: projection.name, id, doc });
        }
      } finally {
        await readStore.close();
      }
    });

    it('GET /api/projections on both instances: every projection live, at the last position, without an error', async () => {
      const last = await store.lastPosition();
      for (const instance of instances) {
        ok(await call(instance, 'GET', `/api/initiatives?minPosition=${last}`, pmToken), 'portfolio');
        const status = ok(
          await call<Array<{ name: string; state: string; checkpoint: number; error: string | null }>>(instance, 'GET', '/api/projections', adminToken),
          'projections',
        ).body;
        log(
          `GET /api/projections on ${instance.name}: ${status.map((p) => `${p.name} ${p.state} @${p.checkpoint}${p.error ? ` error: ${p.error}` : ''}`).join('; ')}`,
        );
        expect(status.map((p) => ({ name: p.name, state: p.state, error: p.error }))).toEqual(
          status.map((p) => ({ name: p.name, state: 'live', error: null })),
        );
      }
    });

    it('both instances answer the same portfolio and partner networks, and each acknowledged contribution appears once', async () => {
      const last = await store.lastPosition();
      const get = async <B = unknown>(instance: ApiInstance, path: string): Promise<B> =>
        ok(await call<B>(instance, 'GET', `${path}?minPosition=${last}`, pmToken), path).body;
      expect(await get(a, '/api/initiatives')).toEqual(await get(b, '/api/initiatives'));
      for (const p of partners.slice(0, 4)) {
        const [na, nb] = [await get<PartnerNetwork>(a, `/api/partners/${p.id}/network`), await get(b, `/api/partners/${p.id}/network`)];
        expect(na).toEqual(nb);
        const listed = na.initiatives
          .filter((e) => walks.some((w) => w.id === e.initiativeId))
          .flatMap((e) => e.contributions.map((c) => c.description))
          .filter((d) => d.startsWith('contribution '));
        const acknowledged = contributions.filter((c) => c.partnerId === p.id && c.answer.status === 201).map((c) => c.description);
        expect([...listed].sort()).toEqual([...acknowledged].sort());
      }
    });
  });

  it('the same Idempotency-Key sent to both instances at once (a client retry through the load balancer) appends once and answers the same', async () => {
    const before = await store.lastPosition();
    const keyed = Array.from({ length: 20 }, (_, i) => ({
      key: `retry-${i}`,
      initiativeId: initiatives[i % INITIATIVES],
      partner: partners[i % partners.length],
      summary: `retried perspective ${i}`,
    }));
    const answers = await Promise.all(
      keyed.flatMap((k) =>
        instances.map((instance) =>
          call<CommandAnswer>(
            instance,
            'POST',
            `/api/initiatives/${k.initiativeId}/perspectives`,
            memberTokens.get(k.partner.id)!,
            { partnerId: k.partner.id, summary: k.summary },
            { 'idempotency-key': k.key },
          ),
        ),
      ),
    );
    const all = (await readAll(store)).filter((e) => e.position > before);
    const problems: unknown[] = [];
    keyed.forEach((k, i) => {
      const [onA, onB] = [answers[2 * i], answers[2 * i + 1]];
      const stored = all.filter((e) => e.data.summary === k.summary);
      const acknowledged = [onA, onB].filter((x) => x.status === 200);
      // Both copies are acknowledged with the one answer of the one append, whichever instance landed it.
      if (stored.length !== 1) problems.push({ key: k.key, stored: stored.map((e) => e.position) });
      if (JSON.stringify(onA.body) !== JSON.stringify(onB.body)) problems.push({ key: k.key, differentAnswers: [onA.body, onB.body] });
      for (const x of acknowledged)
        if (stored[0] && x.body.position !== stored[0].position) problems.push({ key: k.key, answered: x.body, stored: stored[0].position });
      for (const x of [onA, onB]) if (x.status !== 200) problems.push({ key: k.key, instance: x.instance, status: x.status, body: x.body });
    });
    const statuses = answers.map((x) => x.status);
    log(
      `idempotent retries across instances: ${keyed.length} keys x 2 instances: ${statuses.filter((s) => s === 200).length} x 200, ` +
        `${statuses.filter((s) => s === 409).length} x 409, ${statuses.filter((s) => s !== 200 && s !== 409).length} other; ` +
        `${all.filter((e) => e.type === 'PerspectiveShared').length} events appended`,
    );
    expect(problems).toEqual([]);
    expect(all.filter((e) => e.type === 'PerspectiveShared')).toHaveLength(keyed.length);
    expect(await verifyStore(store.inner)).toMatchObject({ ok: true });
  });
});

type Conflicts = { retried: number; refused: number; ownEvents: number };

/** The instances' write conflicts so far, summed from their /metrics (regie_command_conflicts_total). */
const conflictsOn = async (instances: ApiInstance[]): Promise<Conflicts> => {
  const total: Conflicts = { retried: 0, refused: 0, ownEvents: 0 };
  for (const instance of instances) {
    const text = await (await fetch(`${instance.url}/metrics`, { headers: { Authorization: `Bearer ${instance.metricsToken}` } })).text();
    for (const [, resolution, value] of text.matchAll(/^regie_command_conflicts_total\{[^}]*resolution="([^"]+)"[^}]*\} (\d+)/gm)) {
      if (resolution === 'retried') total.retried += Number(value);
      if (resolution === 'refused') total.refused += Number(value);
      if (resolution === 'own-events') total.ownEvents += Number(value);
    }
  }
  return total;
};

/** A projection's documents folded in memory from the whole log, as JSON would store them. */
const foldAll = (projection: Projection, events: StoredEvent[]): Map<string, unknown> => {
  const docs = new Map<string, unknown>();
  for (const stored of events) {
    const event = toRegieEvent(stored);
    for (const id of foldTargets(projection, event, stored, () => docs.keys())) {
      const next = projection.reduce(docs.get(id), event, stored, id);
      if (next === null) docs.delete(id);
      else docs.set(id, next);
    }
  }
  return new Map([...docs].map(([id, doc]) => [id, JSON.parse(JSON.stringify(doc))]));
};

/** The whole log, page by page. */
const readAll = async (store: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll(after, 1000);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1].position;
  }
};
