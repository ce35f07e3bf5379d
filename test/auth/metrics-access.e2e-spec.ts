import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { startTestApp, type TestApp } from '../support/test-app';

// /metrics shows the runtime's versions, per-command counters and the size of the log: an
// operator's view. A scraper brings METRICS_TOKEN; otherwise only an admin's token opens it.

describe('GET /metrics is not public', () => {
  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('refuses a request without a token with a problem document that says what opens it', async () => {
      const res = await t.http().get('/metrics');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as ProblemDocument).detail).toMatch(/admin's bearer token .*METRICS_TOKEN/);
      expect(res.text).not.toMatch(/nodejs_version_info|regie_/);
    });

    it("refuses a programme manager's token (403) and opens to an admin's", async () => {
      const pm = await t.token({ sub: 'pm-1', roles: ['programme-manager'], partner: 'p-1' });
      expect((await t.http().get('/metrics').set('Authorization', `Bearer ${pm}`)).status).toBe(403);
      const admin = await t.token({ sub: 'root', roles: ['admin'] });
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/nodejs_version_info/);
    });
  });

  describe('with METRICS_TOKEN', () => {
    const scrapeToken = 's'.repeat(20) + '-scraper-token-0123456789';
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: scrapeToken });
    });
    afterAll(() => t.close());

    it('opens to that token and to no other, not even an admin JWT', async () => {
      expect((await t.http().get('/metrics').set('Authorization', `Bearer ${scrapeToken}`)).status).toBe(200);
      expect((await t.http().get('/metrics').set('Authorization', `Bearer ${scrapeToken}x`)).status).toBe(401);
      const admin = await t.token({ sub: 'root', roles: ['admin'] });
      expect((await t.http().get('/metrics').set('Authorization', `Bearer ${admin}`)).status).toBe(401);
    });
  });
});
