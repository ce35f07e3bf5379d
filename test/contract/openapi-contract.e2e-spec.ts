import { ManualClock } from '../../apps/api/src/write/clock';
import { writeDemoUsers } from '../../libs/auth/src';
import { startClockedApp } from '../history/support/clocked-app';
import { HAARLEM_NETWORK, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { ContractClient, type CallOptions } from './contract-client';
import { derivedRefusals } from './derived-refusals';
import { OpenApiChecker, type OpenApiDocument, type OperationKey } from './openapi-checker';

// The OpenAPI document the app serves is the contract: every operation in it is called here on the
// real app, each live answer must have a status the document declares for it and match that
// answer's schema for its media type, and the last test fails for every operation no case reached.
// A new route therefore fails this suite until it has a case here, and a route whose answer drifts
// from its schema fails it at once.

/** What the cases read of a command's answer: its position always; an id where it created something, the covenant's version. */
type Answered = { position: number; id: string; version: number };

/** Small, so the 413 refusals stay cheap. */
const BODY_LIMIT_BYTES = 16 * 1024;
/** The covenant's retention: the clock moves past it before the free text is erased. */
const RETENTION_MONTHS = 24;

describe('the OpenAPI document is the contract: every operation answers as the document declares', () => {
  // Domain time starts now and moves only when the erasure needs the retention to have run out.
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let regie: Regie;
  let api: ContractClient;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  const ids = { initiative: '', effect: '', kpi: '', review: '', wave: '' };
  /** the position of the latest command, so reads of projections wait for it */
  let last = 0;

  const pm = () => regie.pm(p.haarlem);
  const member = (partner: Partner) => regie.member(partner);
  const steering = () => regie.steering(p.haarlem);
  const onInitiative = (options: CallOptions = {}): CallOptions => ({ ...options, params: { id: ids.initiative, ...options.params } });

  /** A command on the initiative, as the regisseur's programme manager unless `token` says otherwise. */
  const command = async (key: OperationKey, status: number, options: CallOptions = {}) => {
    const answer = await api.call(key, status, onInitiative({ token: await pm(), ...options }));
    const answered = answer.json<Answered>();
    last = answered.position;
    return answered;
  };
  const advance = (to: string) => command('POST /api/initiatives/{id}/advance', 200, { body: { to } });

  beforeAll(async () => {
    t = await startClockedApp(clock, { BODY_LIMIT_BYTES });
    regie = new Regie(t);
    const served = await t.http().get('/docs-json');
    expect(served.status).toBe(200);
    api = new ContractClient(t, new OpenApiChecker(served.body as OpenApiDocument));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the document names its server and gives every operation a summary, an operationId and its security', () => {
    const document = api.checker.document as OpenApiDocument & { servers?: unknown[] };
    expect(document.servers?.length).toBeGreaterThan(0);
    const incomplete = api.checker
      .operations()
      .filter(([, op]) => !op.summary || !op.operationId || !Array.isArray(op.security))
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
  });

  it('partners are registered and listed', async () => {
    const admin = await regie.admin();
    const registered = {} as Record<keyof typeof HAARLEM_NETWORK, Partner>;
    for (const [key, spec] of Object.entries(HAARLEM_NETWORK) as Array<
      [keyof typeof HAARLEM_NETWORK, (typeof HAARLEM_NETWORK)[keyof typeof HAARLEM_NETWORK]]
    >) {
      const answer = await api.call('POST /api/partners', 201, { token: admin, body: spec });
      const created = answer.json<Answered>();
      registered[key] = { id: created.id, ...spec };
      last = created.position;
    }
    p = registered;
    await api.call('GET /api/partners', 200, { token: await pm(), query: { minPosition: last } });
  });

  it('explore: an initiative starts, partners join and leave, perspectives, urgency and the shared picture', async () => {
    ids.initiative = (
      await api.call('POST /api/initiatives', 201, {
        token: await pm(),
        body: { title: 'Samen tegen ondermijning in Schalkwijk', problemArea: 'subversive crime', regisseurPartnerId: p.haarlem.id },
      })
    ).json<Answered>().id;
    await command('POST /api/initiatives/{id}/partners', 200, { body: { partnerId: p.police.id, role: 'participant', competence: 'police expertise' } });
    await command('POST /api/initiatives/{id}/partners', 200, { body: { partnerId: p.ggz.id, role: 'facilitator', competence: 'care expertise' } });
    await command('DELETE /api/initiatives/{id}/partners/{partnerId}', 200, { params: { partnerId: p.ggz.id } });
    for (const partner of [p.haarlem, p.police]) {
      await command('POST /api/initiatives/{id}/perspectives', 200, {
        token: await member(partner),
        body: { partnerId: partner.id, summary: `How ${partner.name} sees it` },
      });
      await command('POST /api/initiatives/{id}/urgency-confirmations', 200, { token: await member(partner), body: { partnerId: partner.id } });
    }
    await command('PUT /api/initiatives/{id}/shared-picture', 200, { body: { summary: 'Criminal networks recruit youngsters in Schalkwijk' } });
    await advance('define');
  });

  it('define: the problem, a desired effect, the intent', async () => {
    await command('PUT /api/initiatives/{id}/problem-definition', 200, { body: { statement: 'Signals of recruitment reach no one who can act on them' } });
    ids.effect = (await command('POST /api/initiatives/{id}/desired-effects', 201, { body: { description: 'Fewer youngsters recruited' } })).id;
    await command('PUT /api/initiatives/{id}/intent', 200, { body: { statement: 'Act together before a youngster is drawn in' } });
    await advance('co-design');
  });

  it('co-design: building blocks, a contribution, a KPI, the covenant and its signatures, technology', async () => {
    for (const partner of [p.haarlem, p.police]) {
      await command('POST /api/initiatives/{id}/building-blocks', 201, {
        token: await member(partner),
        body: { partnerId: partner.id, description: `${partner.name} brings its expertise` },
      });
    }
    await command('POST /api/initiatives/{id}/contributions', 201, { body: { partnerId: p.police.id, description: 'two officers', hoursPerMonth: 16 } });
    ids.kpi = (
      await command('POST /api/initiatives/{id}/kpis', 201, {
        body: {
          name: 'Signals handled within two weeks',
          effectId: ids.effect,
          ownerPartnerId: p.police.id,
          unit: '%',
          direction: 'increase',
          baseline: 40,
          target: 80,
          targetDate: '2027-12-31',
          frequency: 'quarterly',
        },
      })
    ).id;
    const { version } = await command('PUT /api/initiatives/{id}/covenant', 200, {
      body: { purposes: ['sharing signals'], dataCategories: ['anonymous case references'], legalBasis: 'public task', retentionMonths: RETENTION_MONTHS },
    });
    for (const partner of [p.haarlem, p.police]) {
      await command('POST /api/initiatives/{id}/covenant/signatures', 200, { token: await member(partner), body: { partnerId: partner.id, version } });
    }
    await command('POST /api/initiatives/{id}/technology', 200, { body: { description: 'a shared case board' } });
    await advance('pilot');
  });

  it('pilot: an unsuccessful pilot returns to co-design; the second one records cases, lessons, measurements, a target revision and an early review', async () => {
    const pilot = { body: { scope: 'Schalkwijk, 40 cases', startsOn: '2026-01-05', endsOn: '2026-06-30' } };
    await command('POST /api/initiatives/{id}/pilot', 200, pilot);
    await command('POST /api/initiatives/{id}/pilot/evaluation', 200, { body: { outcome: 'unsuccessful', rationale: 'Signals arrived too late' } });
    await command('POST /api/initiatives/{id}/return', 200, { body: { to: 'co-design', reason: 'the pilot did not work' } });
    await advance('pilot');
    await command('POST /api/initiatives/{id}/pilot', 200, pilot);
    await command('POST /api/initiatives/{id}/pilot/cases', 201, { body: { caseRef: 'C-1', partnerIds: [p.police.id], learning: 'call the school first' } });
    await command('POST /api/initiatives/{id}/lessons', 201, { body: { lesson: 'one intake desk' } });
    await command('POST /api/initiatives/{id}/kpis/{kpiId}/measurements', 200, {
      params: { kpiId: ids.kpi },
      body: { period: '2026-Q1', value: 50, partnerId: p.police.id, note: 'first quarter' },
    });
    const upload = await api.call(
      'POST /api/initiatives/{id}/measurements',
      200,
      onInitiative({
        token: await pm(),
        body: `kpiId,period,value,partnerId,note\n${ids.kpi},2026-Q2,55,${p.police.id},\n`,
      }),
    );
    const { results } = upload.json<{ results: Array<{ row: number; status: number; position: number }> }>();
    expect(results).toEqual([expect.objectContaining({ row: 1, status: 200 })]);
    last = results[0].position;
    await command('POST /api/initiatives/{id}/kpis/{kpiId}/target-revisions', 200, {
      params: { kpiId: ids.kpi },
      body: { target: 90, reason: 'the first quarters went well' },
    });
    ids.review = (
      await command('POST /api/initiatives/{id}/reviews', 201, { token: await steering(), body: { dueOn: '2027-01-15', reason: 'early look' } })
    ).id;
    await command('POST /api/initiatives/{id}/reviews/{reviewId}/verdict', 200, {
      token: await steering(),
      params: { reviewId: ids.review },
      body: { verdict: 'continue', rationale: 'on track' },
    });
    await command('POST /api/initiatives/{id}/pilot/evaluation', 200, { body: { outcome: 'successful', rationale: 'Signals were picked up within days' } });
    await advance('integrate');
  });

  it('integrate: a roll-out wave planned and completed, an ambassador; then re-legitimise', async () => {
    ids.wave = (
      await command('POST /api/initiatives/{id}/rollout-waves', 201, { body: { partnerIds: [p.haarlem.id, p.police.id], plannedStart: '2026-09-01' } })
    ).id;
    await command('POST /api/initiatives/{id}/rollout-waves/{waveId}/completion', 200, { params: { waveId: ids.wave } });
    await command('POST /api/initiatives/{id}/ambassadors', 200, { body: { partnerId: p.haarlem.id, role: 'district team lead' } });
    await advance('re-legitimise');
  });

  it('reads: the initiative, its history, portfolio, dashboard (JSON and CSV), reviews, network, analytics, projections, the event log', async () => {
    const token = await pm();
    const read = { token, query: { minPosition: last } };
    await api.call('GET /api/initiatives/{id}', 200, onInitiative({ token }));
    await api.call('GET /api/initiatives/{id}/history', 200, onInitiative({ token }));
    const portfolio = await api.call('GET /api/initiatives', 200, read);
    expect(portfolio.json<Array<{ id: string }>>().map((i) => i.id)).toContain(ids.initiative);
    const dashboard = await api.call('GET /api/initiatives/{id}/kpis', 200, onInitiative(read));
    expect(dashboard.json<{ effects: Array<{ kpis: Array<{ series: unknown[] }> }> }>().effects[0].kpis[0].series).toHaveLength(2);
    await api.call('GET /api/initiatives/{id}/kpis.csv', 200, onInitiative({ token }));
    const reviews = await api.call('GET /api/initiatives/{id}/reviews', 200, onInitiative(read));
    expect(reviews.json<unknown[]>()[0]).toMatchObject({ id: ids.review, verdict: 'continue' });
    await api.call('GET /api/partners/{id}/network', 200, { ...read, params: { id: p.police.id } });
    await api.call('GET /api/analytics/phase-durations', 200, read);
    await api.call('GET /api/projections', 200, read);
    await api.call('GET /api/events', 200, { token: await regie.analyst(p.haarlem), query: { limit: 5 } });
  });

  it('the access log, as a JSON page, NDJSON and CSV; and what it holds about the caller', async () => {
    const token = await pm();
    for (const format of [undefined, 'ndjson', 'csv']) {
      await api.call('GET /api/initiatives/{id}/access-log', 200, onInitiative({ token, query: format ? { format } : {} }));
    }
    await api.call('GET /api/access-log/me', 200, { token });
  });

  it('a projection is rebuilt beside the live one', async () => {
    const projections = (await api.call('GET /api/projections', 200, { token: await regie.admin() })).json<Array<{ name: string; kind: string }>>();
    const name = projections.find((s) => s.kind === 'projection')!.name;
    await api.call('POST /api/projections/{name}/rebuild', 202, { token: await regie.admin(), params: { name } });
  });

  it('once the covenant retention has run out, an admin erases the free text it lets go', async () => {
    clock.advanceDays(RETENTION_MONTHS * 31 + 2);
    await command('POST /api/initiatives/{id}/erasure', 200, { token: await regie.admin(), body: { reason: 'the covenant retention ran out' } });
    // What was erased reads as such, in the same shapes.
    const read = { token: await pm(), query: { minPosition: last } };
    const state = await api.call('GET /api/initiatives/{id}', 200, onInitiative({ token: read.token }));
    expect(state.json<{ pilotCases: Array<{ learning: string }> }>().pilotCases[0].learning).toBe('[erased]');
    await api.call('GET /api/initiatives/{id}/history', 200, onInitiative({ token: read.token }));
    await api.call('GET /api/initiatives/{id}/kpis', 200, onInitiative(read));
    await api.call('GET /api/initiatives/{id}/reviews', 200, onInitiative(read));
  });

  it('before sign-in: health, readiness, liveness, how to sign in, and the demo users of a demo data directory', async () => {
    await api.call('GET /health', 200);
    await api.call('GET /health/ready', 200);
    await api.call('GET /health/live', 200);
    await api.call('GET /api/web/config', 200);
    await api.call('GET /api/web/demo-users', 404);
    writeDemoUsers(t.dataDir, [{ sub: 'pm-haarlem-1', roles: ['programme-manager'], partner: p.haarlem.id, partnerName: p.haarlem.name }]);
    await api.call('GET /api/web/demo-users', 200);
  });

  it('refusals of the method: an unmet gate (422 naming what is unmet) and a stale If-Match (412)', async () => {
    const started = await api.call('POST /api/initiatives', 201, {
      token: await pm(),
      body: { title: 'Veilig uitgaan', problemArea: 'nightlife nuisance', regisseurPartnerId: p.haarlem.id },
    });
    const id = started.json<Answered>().id;
    const refused = await api.call('POST /api/initiatives/{id}/advance', 422, { token: await pm(), params: { id }, body: { to: 'define' } });
    expect(refused.json<{ unmet: string[] }>().unmet.length).toBeGreaterThan(0);
    await api.call('POST /api/initiatives/{id}/partners', 200, {
      token: await pm(),
      params: { id },
      body: { partnerId: p.police.id, role: 'participant', competence: 'police' },
    });
    await api.call('PUT /api/initiatives/{id}/shared-picture', 412, {
      token: await pm(),
      params: { id },
      headers: { 'If-Match': '"1"' },
      body: { summary: 'nuisance at closing time' },
    });
  });

  it('every operation refuses what its shape in the document implies, with an answer the document declares', async () => {
    const tokens = { admin: await regie.admin(), forbidden: '' };
    const failures: string[] = [];
    for (const [key, op] of api.checker.operations()) {
      // Analysts may read the raw event log; every other operation that declares 403 refuses them.
      tokens.forbidden = await (key === 'GET /api/events' ? regie.steering(p.police) : regie.analyst(p.police));
      for (const refusal of derivedRefusals(key, op, tokens, BODY_LIMIT_BYTES, api.succeeded.get(key))) {
        await api.call(key, refusal.status, refusal.options).catch((error: Error) => failures.push(`${refusal.name}: ${error.message}`));
      }
    }
    expect(failures).toEqual([]);
  });

  it('the rate limit (429) refuses the public routes too, as a declared problem', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: 1 });
    try {
      const client = new ContractClient(limited, api.checker);
      // The limit counts per route: each route's first request passes, its second is refused.
      await client.call('GET /api/web/config', 200);
      await client.call('GET /api/web/config', 429);
      await client.call('GET /api/web/demo-users', 404);
      await client.call('GET /api/web/demo-users', 429);
    } finally {
      await limited.close();
    }
  });

  it('no operation of the document went unexercised: each showed a success and, where it declares any, a refusal', () => {
    expect(api.checker.unexercised()).toEqual({ withoutSuccess: [], withoutRefusal: [] });
  });
});
