import { KPI_OFF_TRACK } from '../../libs/initiative/src';
import type { EarlyReviewRequest } from '../../libs/projections/src';
import { KpiOffTrackSaga } from '../../apps/api/src/sagas/kpi-off-track.saga';
import { startTestApp, type TestApp } from '../support/test-app';

// A saga catching up on a long log may ask for thousands of early reviews that append nothing:
// refused (the initiative has since been dissolved or moved on), or answered from the log when the
// read store was lost and the log already holds them. Nothing in such a request waits for the disk:
// the API must still answer while the saga works through them.

describe('a saga working through a backlog of refused requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves the API answering: /health/live comes back before the backlog is done', async () => {
    const saga = t.app.get(KpiOffTrackSaga);
    // Initiatives that do not exist: refused (404) without an append, as a dissolved initiative's requests are.
    const requests = Array.from({ length: 2000 }, (_, i): EarlyReviewRequest => ({
      initiativeId: `gone-${i}`,
      kpiId: 'k1',
      reason: KPI_OFF_TRACK,
      streak: ['2026-01', '2026-02'],
      triggeringEventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      triggeredAt: '2026-03-01T00:00:00.000Z',
    }));
    let backlogDoneAt = 0;
    const backlog = saga.dispatch(requests).then(() => (backlogDoneAt = performance.now()));
    const res = await t.http().get('/health/live');
    const answeredAt = performance.now();
    await backlog;

    expect(res.status).toBe(200);
    expect(backlogDoneAt).toBeGreaterThan(answeredAt);
  });
});
