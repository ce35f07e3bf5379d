import { ALL_PROJECTIONS, kpiOffTrackSaga } from '../../libs/projections/src';
import { expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { sample } from '../support/prometheus-sample';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /metrics: what an operator scrapes', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let metrics: string;
  let last: number;
  const store = () => t.store;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem });
    // explore's gate needs two partners and their perspectives: refused, and nothing appended
    const refused = await walk.send('post', '/advance', { body: { to: 'define' } });
    expect(refused.status).toBe(422);
    await walk.join(p.police);
    last = (await walk.history()).at(-1)!.position;
    // wait until every projection has seen the last event, so the lag below is the live one
    await expectStatus(regie.send('get', `/api/initiatives?minPosition=${last}`, { token: await regie.admin() }), 200);
    const res = await expectStatus(
      regie.t
        .http()
        .get('/metrics')
        .set('Authorization', `Bearer ${await regie.admin()}`),
      200,
    );
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    metrics = res.text;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('counts commands by type and outcome', () => {
    expect(sample(metrics, 'regie_commands_total', { command: 'RegisterPartner', outcome: 'accepted' })).toBe(Object.keys(HAARLEM_NETWORK).length);
    expect(sample(metrics, 'regie_commands_total', { command: 'StartInitiative', outcome: 'accepted' })).toBe(1);
    expect(sample(metrics, 'regie_commands_total', { command: 'Advance', outcome: 'refused' })).toBe(1);
    expect(sample(metrics, 'regie_commands_total', { command: 'Advance', outcome: 'accepted' })).toBeUndefined();
  });

  it('times commands in a histogram per type and outcome', () => {
    expect(sample(metrics, 'regie_command_duration_seconds_count', { command: 'JoinPartner', outcome: 'accepted' })).toBe(1);
    expect(sample(metrics, 'regie_command_duration_seconds_count', { command: 'Advance', outcome: 'refused' })).toBe(1);
    expect(sample(metrics, 'regie_command_duration_seconds_bucket', { command: 'Advance', outcome: 'refused', le: '+Inf' })).toBe(1);
    expect(sample(metrics, 'regie_command_duration_seconds_sum', { command: 'StartInitiative', outcome: 'accepted' })).toBeGreaterThan(0);
  });

  it('times every append, labelled by the store; a refused command appends nothing', () => {
    // partners registered, the initiative started, one partner joined: one append each
    const appends = Object.keys(HAARLEM_NETWORK).length + 2;
    expect(sample(metrics, 'regie_append_duration_seconds_count', { store: store() })).toBe(appends);
    expect(sample(metrics, 'regie_append_duration_seconds_bucket', { store: store(), le: '+Inf' })).toBe(appends);
    expect(sample(metrics, 'regie_append_duration_seconds_sum', { store: store() })).toBeGreaterThan(0);
  });

  it('shows the lag of every projection and saga in events, zero once they have caught up', () => {
    for (const name of [...ALL_PROJECTIONS.map((x) => x.name), kpiOffTrackSaga.name]) {
      expect([name, sample(metrics, 'regie_projection_lag_events', { projection: name })]).toEqual([name, expect.any(Number)]);
    }
    expect(sample(metrics, 'regie_projection_lag_events', { projection: 'portfolio' })).toBe(0);
  });

  it('counts the transactions each projection wrote while following the log and the events in them: each event once', () => {
    // A fresh app follows the log from its first event, so every event is in exactly one of the portfolio's transactions.
    expect(sample(metrics, 'regie_projection_followed_events_total', { projection: 'portfolio' })).toBe(last);
    const transactions = sample(metrics, 'regie_projection_followed_transactions_total', { projection: 'portfolio' })!;
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThanOrEqual(last);
    for (const name of [...ALL_PROJECTIONS.map((x) => x.name), kpiOffTrackSaga.name]) {
      expect([name, sample(metrics, 'regie_projection_followed_events_total', { projection: name })]).toEqual([name, expect.any(Number)]);
      expect(sample(metrics, 'regie_projection_followed_events_total', { projection: name })).toBeLessThanOrEqual(last);
    }
  });
});
