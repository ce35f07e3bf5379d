import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { RetentionSweep } from '../../apps/api/src/erasure/retention-sweep';
import { ManualClock } from '../../apps/api/src/write/clock';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { verifyStore } from '../../libs/event-store/src';
import type { KpiDashboard, PartnerNetwork, PortfolioItem, ProjectionStatus, ReviewItem } from '../../libs/projections/src';
import { settle, startClockedApp } from '../history/support/clocked-app';
import { expectStatus, HAARLEM_NETWORK, type InitiativeDocument, type InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { logPosition, readLog } from '../support/log-reader';
import { openAppStores } from '../support/e2e-store';
import type { TestApp } from '../support/test-app';
import { secretWalk, type SecretWalk } from './secret-walk';

const ERASED = '[erased]';
const T0 = '2026-01-10T09:00:00.000Z';

/** Every word of `text` that an erasure should have taken: the tests plant them as ZQX…. */
const erasedWordsIn = (value: unknown): string[] => JSON.stringify(value).match(/ZQX[A-Z]*[- ][a-zA-Z0-9-]*/g) ?? [];

/**
 * A planted word as it would sit in a file or a row: `ZQX` alone is not enough, because sealed text is
 * base64url and random ciphertext holds "ZQX" by chance (one in about 260,000 positions). A space never
 * occurs in base64url, and "-CASE" after it is as unlikely as a chance match can be.
 */
const PLANTED = 'ZQXB?( [a-z]{3}|-CASE)';
const plantedIn = (bytes: Buffer): boolean => {
  const pattern = new RegExp(PLANTED);
  return pattern.test(bytes.toString('latin1')) || pattern.test(bytes.toString('utf16le')) || pattern.test(bytes.subarray(1).toString('utf16le'));
};

/** The KPI dashboard with the reasons of its target revisions erased: its one piece of prose. */
const withReasonsErased = (dashboard: KpiDashboard): KpiDashboard => ({
  ...dashboard,
  effects: dashboard.effects.map((e) => ({
    ...e,
    kpis: e.kpis.map((k) => ({ ...k, targetHistory: k.targetHistory.map((h) => ({ ...h, reason: h.reason === null ? null : ERASED })) })),
  })),
});

/** One entry of GET /api/initiatives/:id/history. */
type HistoryEntry = Awaited<ReturnType<InitiativeWalk['history']>>[number];

/** What the test keeps of the dissolved initiative (and the long-kept one) before any erasure. */
interface Before {
  state: InitiativeDocument;
  kpis: KpiDashboard;
  reviews: ReviewItem[];
  portfolio: PortfolioItem[];
  keeping: InitiativeDocument;
}

describe('retention by covenant: free text is crypto-shredded when the covenant lets it go', () => {
  const clock = new ManualClock(new Date(T0));
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  // dissolved 90 days after T0, 12 months' retention: its prose may go from 2027-04-10, its cases from 2027-01-11
  let dissolved: SecretWalk;
  // running, 12 months: its pilot cases and notes may go from 2027-01-11, its prose stays
  let running: SecretWalk;
  // running, 36 months: nothing goes in this test
  let keeping: SecretWalk;
  const before = {} as Before;

  const admin = () => regie.admin();
  /** The body of a 200 answer to GET `path`, as the type the test reads it as (`unknown` when it only searches it). */
  const get = async <B = unknown>(path: string, token?: string): Promise<B> =>
    (await expectStatus(regie.send('get', path, { token: token ?? (await admin()) }), 200)).body as B;
  const erase = async (walk: SecretWalk, reason: string, token?: string) =>
    regie.send('post', walk.walk.path('/erasure'), { token: token ?? (await admin()), body: { reason } });

  beforeAll(async () => {
    t = await startClockedApp(clock, { ERASURE_SWEEP_MS: 0 });
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    running = await secretWalk(regie, clock, p.haarlem, p.police, { prose: 'KEEPB', cases: 'ZQXB' }, { title: 'Running network', retentionMonths: 12 });
    keeping = await secretWalk(regie, clock, p.haarlem, p.ggz, { prose: 'KEEPC', cases: 'KEEPC' }, { title: 'Long-kept network', retentionMonths: 36 });
    dissolved = await secretWalk(
      regie,
      clock,
      p.haarlem,
      p.police,
      { prose: 'ZQX', cases: 'ZQX' },
      { title: 'Ended network', retentionMonths: 12, dissolveAfterDays: 90 },
    );
    await settle(regie);
    before.state = await dissolved.walk.state();
    before.kpis = await get<KpiDashboard>(dissolved.walk.path('/kpis'));
    before.reviews = await get<ReviewItem[]>(dissolved.walk.path('/reviews'));
    before.portfolio = await get<PortfolioItem[]>('/api/initiatives');
    before.keeping = await keeping.walk.state();
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  it('refuses a non-admin (403) and an erasure before the retention ran out (422), as problems, appending nothing', async () => {
    const at = await logPosition(regie);
    for (const token of [await dissolved.walk.pm(), await regie.steering(p.haarlem), await regie.member(p.haarlem), await regie.analyst(p.haarlem)]) {
      const res = await expectStatus(erase(dissolved, 'tidy up', token), 403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const early = await expectStatus(erase(dissolved, 'tidy up'), 422);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((early.body as ProblemDocument).detail).toBe(
      "nothing of 'Ended network' may be erased on 2026-04-10: the covenant keeps free text 12 months after dissolution, and pilot cases " +
        'and measurement notes 12 months after the day they were recorded: the first may be erased from 2027-01-11T00:00:00.000Z',
    );
    const empty = await expectStatus(erase(dissolved, ''), 400);
    expect((empty.body as ProblemDocument).errors?.map((e) => e.field)).toEqual(['reason']);
    expect(await logPosition(regie)).toBe(at);
    expect(erasedWordsIn(await dissolved.walk.state())).not.toEqual([]);
  });

  it("the sweep erases only what has expired: a running initiative's pilot cases and notes, not its prose, nor a longer covenant's", async () => {
    clock.set('2027-02-01T03:00:00.000Z');
    const swept = await t.app.get(RetentionSweep).sweep();
    expect(swept.map((s) => [s.initiativeId, s.initiativeText, s.caseDays]).sort()).toEqual(
      [
        [dissolved.walk.id, false, ['2026-01-10']],
        [running.walk.id, false, ['2026-01-10']],
      ].sort(),
    );
    await settle(regie);

    const state = await running.walk.state();
    expect(state.pilotCases.map((c) => [c.caseRef, c.learning])).toEqual([[ERASED, ERASED]]);
    expect(state.perspectives.map((x) => x.summary)).toEqual([`KEEPB perspective of ${p.haarlem.name}`, `KEEPB perspective of ${p.police.name}`]);
    expect(state.erasures).toEqual([
      expect.objectContaining({ initiativeText: false, caseDays: ['2026-01-10'], reason: "the covenant's retention of 12 months ran out" }),
    ]);
    expect(await keeping.walk.state()).toEqual(before.keeping);
    const erasure = (await running.walk.history()).find((e) => e.type === 'FreeTextErased');
    expect(erasure?.actor).toEqual({ sub: 'system:retention', partner: null });

    // A second pass finds nothing more to do.
    const at = await logPosition(regie);
    expect(await t.app.get(RetentionSweep).sweep()).toEqual([]);
    expect(await logPosition(regie)).toBe(at);
  });

  it("still refuses the dissolved initiative's prose until the retention after its dissolution has run out", async () => {
    const res = await expectStatus(erase(dissolved, 'tidy up'), 422);
    expect((res.body as ProblemDocument).detail).toContain('the first may be erased from 2027-04-10T09:00:00.000Z');
  });

  it('after the erasure every view shows the erased fields as a marker, while phases, KPIs and verdicts stay', async () => {
    clock.set('2027-04-10T09:00:00.000Z');
    const answer = await expectStatus(erase(dissolved, 'covenant retention of 12 months after dissolution ran out'), 200);
    await settle(regie);

    const state = await dissolved.walk.state();
    expect(erasedWordsIn(state)).toEqual([]);
    expect(state.perspectives.map((x) => x.summary)).toEqual([ERASED, ERASED]);
    expect(state.partners.find((x) => x.partnerId === p.police.id)?.competence).toBe(ERASED);
    expect([
      state.sharedPicture?.summary,
      state.problemDefinition?.statement,
      state.intent?.statement,
      state.pilot?.scope,
      state.pilot?.evaluation?.rationale,
    ]).toEqual([ERASED, ERASED, ERASED, ERASED, ERASED]);
    expect(state.dissolution?.reason).toBe(ERASED);
    expect(state.reviews.map((r) => [r.verdict, r.rationale, r.reason])).toEqual([['dissolve', ERASED, ERASED]]);
    expect({ ...state, revision: 0 }).toMatchObject({
      title: before.state.title,
      phase: 'dissolved',
      phaseHistory: before.state.phaseHistory,
      desiredEffects: before.state.desiredEffects,
      covenant: before.state.covenant,
      urgencyConfirmations: before.state.urgencyConfirmations,
      rolloutWaves: before.state.rolloutWaves,
    });
    expect(state.kpis.map((k) => ({ ...k, targetRevisions: k.targetRevisions.map((r) => ({ ...r, reason: 'x' })) }))).toEqual(
      before.state.kpis.map((k) => ({ ...k, targetRevisions: k.targetRevisions.map((r) => ({ ...r, reason: 'x' })) })),
    );
    expect(state.revision).toBe((answer.body as { revision: number }).revision);

    expect(await get(dissolved.walk.path('/kpis'))).toEqual(withReasonsErased(before.kpis));
    const reviews = await get<ReviewItem[]>(dissolved.walk.path('/reviews'));
    expect(erasedWordsIn(reviews)).toEqual([]);
    expect(reviews.map((r) => [r.verdict, r.decidedBy, r.dueOn])).toEqual(before.reviews.map((r) => [r.verdict, r.decidedBy, r.dueOn]));
    // A concluded review's evidence is the KPI dashboard frozen at its verdict.
    const seriesOf = (review: ReviewItem) => (review.evidence as KpiDashboard).effects.map((e) => e.kpis.map((k) => k.series));
    expect(JSON.stringify(seriesOf(reviews[0]))).toBe(JSON.stringify(seriesOf(before.reviews[0])));
    const portfolio = await get<PortfolioItem[]>('/api/initiatives');
    expect(portfolio.map((i) => [i.id, i.title, i.phase, i.attainment])).toEqual(before.portfolio.map((i) => [i.id, i.title, i.phase, i.attainment]));

    const history = await get<HistoryEntry[]>(dissolved.walk.path('/history'));
    expect(erasedWordsIn(history)).toEqual([]);
    expect(history.find((e) => e.type === 'PerspectiveShared')?.data.summary).toBe(ERASED);
    expect(history.at(-1)).toMatchObject({
      type: 'FreeTextErased',
      data: { initiativeText: true, reason: 'covenant retention of 12 months after dissolution ran out' },
      actor: { sub: 'admin' },
    });
    const { lines } = await readLog(regie);
    expect(erasedWordsIn(lines)).toEqual([]);
    expect(lines.some((l) => JSON.stringify(l.data).includes('KEEPC perspective'))).toBe(true);
  });

  it('as-of views of a time before the erasure show the marker too', async () => {
    const asOf = encodeURIComponent('2026-02-01T00:00:00.000Z');
    const past = await get<InitiativeDocument>(dissolved.walk.path(`?asOf=${asOf}`));
    expect(past.phase).toBe('re-legitimise');
    expect(past.perspectives.map((x) => x.summary)).toEqual([ERASED, ERASED]);
    expect(erasedWordsIn(past)).toEqual([]);
    expect(erasedWordsIn(await get(dissolved.walk.path('?atRevision=5')))).toEqual([]);
    const kpisThen = await get<KpiDashboard>(dissolved.walk.path(`/kpis?asOf=${asOf}`));
    expect(kpisThen.attainment).toBe(before.kpis.attainment);
    expect(erasedWordsIn(kpisThen)).toEqual([]);
    expect(erasedWordsIn(await get(`/api/initiatives?asOf=${asOf}`))).toEqual([]);
  });

  it('a full rebuild of every projection gives the same: erased words stay gone, the numbers stay', async () => {
    // Sagas are not rebuilt (replaying one would ask for its commands again): every projection is.
    const projections = await get<ProjectionStatus[]>('/api/projections');
    for (const { name } of projections.filter((x) => x.kind === 'projection')) {
      await expectStatus(regie.send('post', `/api/projections/${name}/rebuild`, { token: await admin() }), 202);
    }
    await settle(regie, 60_000);
    expect(await get(dissolved.walk.path('/kpis'))).toEqual(withReasonsErased(before.kpis));
    for (const path of ['/api/initiatives', dissolved.walk.path('/reviews'), `/api/partners/${p.police.id}/network`, dissolved.walk.path()]) {
      expect(erasedWordsIn(await get(path))).toEqual([]);
    }
    expect((await get<ReviewItem[]>(dissolved.walk.path('/reviews')))[0].rationale).toBe(ERASED);
    const network = await get<PartnerNetwork>(`/api/partners/${p.police.id}/network`);
    expect(network.initiatives.find((i) => i.initiativeId === dissolved.walk.id)?.contributions.map((c) => c.description)).toEqual([ERASED]);
  });

  it('verify still passes: the chain hashes what is stored, which the erasure did not touch', async () => {
    const { events, read } = await openAppStores(t);
    try {
      expect(await verifyStore(events)).toEqual({ ok: true, count: await events.lastPosition() });
    } finally {
      await events.close();
      await read.close();
    }
  });

  it('no database file holds an erased word in clear, and the log holds no free text in clear at all', async () => {
    if (t.store === 'postgres') {
      // Every row of every table, as text: the log's data, the read models, snapshots, the key table.
      const client = new Client({ connectionString: t.databaseUrl });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ name: string }>(
          "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        for (const { name } of tables) {
          const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name} t WHERE t::text ~ $1`, [PLANTED]);
          expect([name, rows[0].n]).toEqual([name, 0]);
        }
        const { rows: events } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE data::text LIKE '%KEEPC %'");
        expect(events[0].n).toBe(0);
        const { rows: keys } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM regie_data_keys WHERE key_id LIKE $1', [
          `${dissolved.walk.id}/%`,
        ]);
        expect(keys[0].n).toBe(0);
      } finally {
        await client.end();
      }
      return;
    }
    // SQLite: fold each write-ahead log back into its file first, as a shutdown or a checkpoint would.
    for (const file of ['events.db', 'read.db', 'keys.db']) {
      const db = new Database(join(t.dataDir, file));
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    }
    const files = readdirSync(t.dataDir).filter((f) => /\.db(-wal|-shm)?$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read.db', 'keys.db']));
    for (const file of files) {
      const bytes = readFileSync(join(t.dataDir, file));
      expect([file, plantedIn(bytes)]).toEqual([file, false]);
    }
    // Not erased, but sealed: the log never held it in clear; the read models do, so the search above would have seen it.
    expect(readFileSync(join(t.dataDir, 'events.db')).includes('KEEPC perspective')).toBe(false);
    expect(readFileSync(join(t.dataDir, 'read.db')).includes('KEEPC perspective')).toBe(true);
    const keys = new Database(join(t.dataDir, 'keys.db'), { readonly: true });
    try {
      const ofDissolved = (table: string) => keys.prepare(`SELECT key_id FROM ${table} WHERE key_id LIKE ? ORDER BY key_id`).all(`${dissolved.walk.id}/%`);
      expect(ofDissolved('data_keys')).toEqual([]);
      expect(ofDissolved('erased_data_keys')).toEqual([{ key_id: `${dissolved.walk.id}/2026-01-10` }, { key_id: `${dissolved.walk.id}/initiative` }]);
    } finally {
      keys.close();
    }
  });
});
