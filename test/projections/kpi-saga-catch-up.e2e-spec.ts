import { ProjectionHostService } from '../../apps/api/src/projections/projection-host.service';
import { ManualClock } from '../../apps/api/src/write/clock';
import { addDays, utcDate } from '../../libs/projections/src';
import { expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import type { TestApp } from '../support/test-app';
import { settle, startClockedApp } from '../history/support/clocked-app';

// The fixture's KPI runs from baseline 40 to 80 by 31 Dec 2027, measured quarterly: reported at
// 40 from 2025-Q1 on, 2025-Q4 and 2026-Q1 are the first two off-track periods in a row.
describe('the KPI saga catching up after downtime', () => {
  const dir = tempDir('regie-saga-catch-up-');
  const clock = new ManualClock(new Date('2026-05-04T09:00:00.000Z'));
  let t: TestApp | null = null;

  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it('dates the early review from the measurement that called for it, not from when the saga got round to it', async () => {
    t = await startClockedApp(clock, { DATA_DIR: dir.path });
    let regie = new Regie(t);
    const p: Record<keyof typeof HAARLEM_NETWORK, Partner> = await regie.registerPartners(HAARLEM_NETWORK);
    let walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.walkTo('pilot');
    const kpi = (await walk.state()).kpis[0];
    await settle(regie);

    // The read side goes down; the write side keeps taking measurements.
    await t.app.get(ProjectionHostService).host.stop();
    for (const period of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']) {
      await walk.ok('post', `/kpis/${kpi.id}/measurements`, { period, value: 40, partnerId: kpi.ownerPartnerId });
    }
    const measuredOn = utcDate(clock.now());
    await t.close();
    t = null;

    // Back a month later: the saga catches up and asks for the review now.
    clock.advanceDays(30);
    t = await startClockedApp(clock, { DATA_DIR: dir.path });
    regie = new Regie(t);
    walk = InitiativeWalk.of(regie, walk.id, p.haarlem, Object.values(p));
    await settle(regie);
    const early = (await walk.history()).filter((e) => e.type === 'ReviewScheduled' && e.data.reason === 'kpi-off-track');
    expect(early.map((e) => e.data.dueOn)).toEqual([addDays(measuredOn, 14)]);
    expect(early[0].data.occurredAt).toBe(clock.now().toISOString());
    const reviews = await expectStatus(regie.send('get', walk.path('/reviews'), { token: await walk.pm() }), 200);
    expect(reviews.body).toEqual([expect.objectContaining({ dueOn: addDays(measuredOn, 14), status: 'open', overdue: true })]);
  }, 120_000);
});
