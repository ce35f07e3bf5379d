import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../libs/auth/src';
import { CITY_TITLE } from '../../apps/cli/src/demo/city-key-figures';
import { launchBrowser, screenshot, watchErrors } from './support/browser';
import { type Dashboard, formatNl, kpisOf } from './support/dashboard';
import { type DemoApp, startDemoApp } from './support/demo-app';

// The read models are fed from the log after a command has answered. Here the thread that feeds
// them waits ten minutes between batches unless a reader asks for a position: whatever a screen
// shows of the user's own change within the test, it shows because the web app asked for it.
describe('the web app reads its own writes', () => {
  let demo: DemoApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const admin: Actor = { sub: 'admin-test', roles: ['admin'] };

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoApp({ PROJECTIONS_THREAD: 'follow', PROJECTIONS_FOLLOW_GAP_MS: 600_000 }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
    errors = watchErrors(page);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a measurement reported on one screen is on the KPI dashboard of the next, opened afresh', async () => {
    // Everything the demo wrote (and what the KPI saga asked for on start) read by every projection.
    const last = Math.max(...(await demo.api<Array<{ lastPosition: number }>>(admin, '/api/projections')).body.map((p) => p.lastPosition));
    expect((await demo.api(admin, `/api/projections?minPosition=${last}`)).status).toBe(200);
    const city = (await demo.api<Array<{ id: string; title: string }>>(admin, '/api/initiatives')).body.find((i) => i.title === CITY_TITLE)!;
    const before = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${city.id}/kpis`)).body);
    const member = demo.users.find((u) => u.roles.includes('partner-member') && before.some((k) => k.ownerPartnerId === u.partner))!;
    const kpi = before.find((k) => k.ownerPartnerId === member.partner)!;
    const period = '2026-11';
    expect(kpi.series.map((p) => p.period)).not.toContain(period);

    await page.goto(`${demo.baseUrl}/sign-in?next=${encodeURIComponent(`/initiatives/${city.id}/measurements`)}`);
    await page.click(`button[data-sub="${member.sub}"]`);
    await page.waitForSelector('form.measurement');
    await page.selectOption('#m-kpi', kpi.id);
    await page.fill('#m-period', period);
    await page.fill('#m-value', '77,7');
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .success');

    // Nobody has asked for it yet: the dashboard's read model has not seen the measurement.
    const plain = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${city.id}/kpis`)).body).find((k) => k.id === kpi.id)!;
    expect(plain.series).toHaveLength(kpi.series.length);

    // Another screen, opened afresh (nothing of the last one's memory but the tab's session storage).
    await page.goto(`${demo.baseUrl}/initiatives/${city.id}`);
    const figure = page.locator(`figure.kpi[data-kpi="${kpi.id}"]`);
    await figure.locator('.chart canvas').waitFor();
    expect(await figure.locator('.chart').getAttribute('data-points')).toBe(String(kpi.series.length + 1));
    expect(await figure.locator('.chart-table tbody').textContent()).toContain(formatNl(77.7));

    // The same as what the API answers a reader who asks for everything written so far.
    const head = Math.max(...(await demo.api<Array<{ lastPosition: number }>>(admin, '/api/projections')).body.map((p) => p.lastPosition));
    const fresh = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${city.id}/kpis?minPosition=${head}`)).body).find((k) => k.id === kpi.id)!;
    expect(fresh.series).toContainEqual({ period, value: 77.7 });
    expect(fresh.series).toHaveLength(kpi.series.length + 1);
    expect(await figure.locator('.kpi-latest').textContent()).toContain(formatNl(fresh.latest!));
    await screenshot(page, 'own-write-on-dashboard');
    expect(errors).toEqual([]);
  }, 120_000);
});
