import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Actor } from '../../libs/auth/src';
import { CITY_TITLE } from '../../apps/cli/src/demo/city-key-figures';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser, screenshot, seriousA11yViolations, watchErrors } from './support/browser';
import { type Dashboard, formatNl, kpisOf } from './support/dashboard';
import { type DemoApp, startDemoApp } from './support/demo-app';

interface PortfolioItem {
  id: string;
  title: string;
}
interface Review {
  id: string;
  verdict: string | null;
  evidence: Dashboard | null;
}

describe('the web app, in a real browser on the demo history', () => {
  let demo: DemoApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let city: PortfolioItem;
  const admin: Actor = { sub: 'admin-test', roles: ['admin'] };

  const signInAs = async (sub: string, path = '/') => {
    await context.clearCookies();
    await page.goto(`${demo.baseUrl}/sign-in?next=${encodeURIComponent(path)}`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.click(`button[data-sub="${sub}"]`);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  };

  const expectAccessible = async (name: string) => {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
    errors = watchErrors(page);
    const portfolio = await demo.api<PortfolioItem[]>(admin, '/api/initiatives');
    city = portfolio.body.find((i) => i.title === CITY_TITLE)!;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('offers the demo people to sign in as, and the sign-in page is accessible', async () => {
    await page.goto(`${demo.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.waitForSelector('button[data-sub="sg-zaanstad-1"]');
    expect(await page.locator('.demo-users button').count()).toBe(demo.users.length);
    await expectAccessible('sign-in');
  });

  it('shows an admin every initiative of the portfolio with its phase, and a partner member only its own network', async () => {
    await signInAs('admin-regie-1');
    await page.waitForSelector('.portfolio .card');
    const all = await demo.api<PortfolioItem[]>(admin, '/api/initiatives');
    expect(all.body).toHaveLength(3);
    expect((await page.locator('.portfolio .card h2').allTextContents()).sort()).toEqual(all.body.map((i) => i.title).sort());
    await expectAccessible('portfolio-admin');

    // The residents' association takes part in the Zaanstad network only.
    const member = demo.user('member-bewoners-poelenburg-1');
    await signInAs(member.sub);
    await page.waitForSelector('.portfolio .card');
    const own = await demo.api<PortfolioItem[]>(member, '/api/initiatives');
    expect(own.body.map((i) => i.title)).toEqual([CITY_TITLE]);
    expect(await page.locator('.portfolio .card h2').allTextContents()).toEqual([CITY_TITLE]);
  });

  it('draws one chart per KPI with one point per measured period, each with its table', async () => {
    await signInAs('admin-regie-1', `/initiatives/${city.id}`);
    await page.waitForSelector('figure.kpi .chart canvas');
    const kpis = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${city.id}/kpis`)).body);
    expect(kpis.length).toBeGreaterThan(1);
    expect(await page.locator('figure.kpi').count()).toBe(kpis.length);
    for (const kpi of kpis) {
      const figure = page.locator(`figure.kpi[data-kpi="${kpi.id}"]`);
      expect(await figure.locator('.chart').getAttribute('data-points')).toBe(String(kpi.series.length));
      expect(await figure.locator('.chart canvas').count()).toBe(1);
      expect(await figure.locator('.chart-table tbody tr').count()).toBe(kpi.series.length);
      expect(await figure.locator('.badge').textContent()).not.toBe('');
    }
    await expectAccessible('initiative');
  });

  it("moves a KPI's latest value back to its earlier value as of a past date, under an unmistakable banner", async () => {
    await signInAs('analyst-politie-nh-1', `/initiatives/${city.id}`);
    await page.waitForSelector('figure.kpi .kpi-latest');
    const analyst = demo.user('analyst-politie-nh-1');
    const kpi = kpisOf((await demo.api<Dashboard>(analyst, `/api/initiatives/${city.id}/kpis`)).body).find((k) => k.series.length >= 3)!;
    // The day before the latest measurement was reported: at the end of it, the one before was the latest.
    const lastReported = kpi.statusHistory[kpi.statusHistory.length - 1].reportedAt;
    const dayBefore = new Date(Date.parse(lastReported) - 86_400_000).toISOString().slice(0, 10);
    const endOfDay = new Date(Date.parse(`${dayBefore}T00:00:00Z`) + 86_400_000).toISOString();
    const then = kpisOf((await demo.api<Dashboard>(analyst, `/api/initiatives/${city.id}/kpis?asOf=${endOfDay}`)).body).find((k) => k.id === kpi.id)!;
    expect(then.latest).not.toBeNull();
    expect(then.series.length).toBeLessThan(kpi.series.length);

    const latest = page.locator(`figure.kpi[data-kpi="${kpi.id}"] .kpi-latest`);
    expect(await latest.textContent()).toContain(formatNl(kpi.latest!));
    await expect(page.locator('.past-banner').count()).resolves.toBe(0);
    await page.fill('#as-of-date', dayBefore);
    await page.click('.as-of button[type=submit]');
    await page.waitForSelector('.past-banner');
    await page.locator(`figure.kpi[data-kpi="${kpi.id}"] .chart[data-points="${then.series.length}"]`).waitFor();
    expect(await latest.textContent()).toContain(formatNl(then.latest!));
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(dayBefore);
    await expectAccessible('initiative-as-of');

    // The address is the view: opened afresh, it shows the same past.
    await page.goto(page.url());
    await page.waitForSelector('.past-banner');
    await page.waitForSelector(`figure.kpi[data-kpi="${kpi.id}"] .kpi-latest`);
    expect(await latest.textContent()).toContain(formatNl(then.latest!));
  });

  it('lets a steering-group member conclude a due review and then shows the KPI evidence frozen with it', async () => {
    const member = demo.user('sg-zaanstad-1');
    const before = (await demo.api<Review[]>(member, `/api/initiatives/${city.id}/reviews`)).body;
    const open = before.find((r) => r.verdict === null)!;
    expect(open).toBeDefined();
    await signInAs(member.sub, `/initiatives/${city.id}/reviews`);
    const card = page.locator(`[data-review="${open.id}"]`);
    await card.locator('form.conclude').waitFor();
    await expectAccessible('reviews-open');
    await card.locator('input[type=radio][value=continue]').check();
    await card.locator('textarea').fill('De tweede pilot loopt volgens plan; voortzetten tot de evaluatie in januari.');
    await card.locator('button[type=submit]').click();
    await card.locator('.verdict').waitFor();

    const after = (await demo.api<Review[]>(member, `/api/initiatives/${city.id}/reviews`)).body.find((r) => r.id === open.id)!;
    expect(after.verdict).toBe('continue');
    expect(await card.locator('.verdict').textContent()).toContain('voortzetten');
    expect(await card.locator('form.conclude').count()).toBe(0);
    const frozen = kpisOf(after.evidence!);
    expect(await card.locator('table.evidence tbody tr').count()).toBe(frozen.length);
    for (const kpi of frozen) {
      expect(await card.locator(`table.evidence tr[data-kpi="${kpi.id}"] td.then`).textContent()).toContain(formatNl(kpi.latest!));
    }
    await expectAccessible('reviews-concluded');
  });

  it('shows every unmet condition when an Advance meets a gate that no longer holds', async () => {
    const pm = demo.user('pm-haarlem-1');
    const haarlem = pm.partner!;
    const partners = (await demo.api<Array<{ id: string; name: string }>>(pm, '/api/partners')).body;
    const [police, prosecutor] = ['Politie Noord-Holland', 'Openbaar Ministerie Noord-Holland'].map((n) => partners.find((p) => p.name === n)!.id);
    const started = await demo.api<{ id: string }>(pm, '/api/initiatives', {
      method: 'POST',
      body: { title: 'Aanpak ondermijning Haarlem-Noord', problemArea: 'Ondermijnende criminaliteit in bedrijfsverzamelgebouwen', regisseurPartnerId: haarlem },
    });
    const id = started.body.id;
    const run = async (path: string, body: unknown) => {
      const answer = await demo.api(pm, `/api/initiatives/${id}${path}`, { method: path.startsWith('/shared') ? 'PUT' : 'POST', body });
      expect(answer.status).toBeLessThan(300);
    };
    await run('/partners', { partnerId: police, role: 'participant', competence: 'wijkagenten en ondermijningsteam' });
    for (const partnerId of [haarlem, police]) {
      await run('/perspectives', { partnerId, summary: 'Bedrijfsverzamelgebouwen worden gebruikt als dekmantel voor criminele activiteiten.' });
      await run('/urgency-confirmations', { partnerId });
    }
    await run('/shared-picture', { summary: 'Samen zicht krijgen op misbruik van bedrijfsverzamelgebouwen.' });

    await signInAs(pm.sub, `/initiatives/${id}`);
    const advance = page.locator('.gate .advance button');
    await advance.waitFor();
    expect(await advance.isEnabled()).toBe(true);
    expect(await page.locator('.checklist > li.unmet').count()).toBe(0);

    // Meanwhile the prosecutor joins: it has shared nothing yet, so the gate no longer holds.
    await run('/partners', { partnerId: prosecutor, role: 'participant', competence: 'strafrechtelijke interventies' });
    const unmet = (await demo.api<{ gate: { unmet: string[] } }>(pm, `/api/initiatives/${id}`)).body.gate.unmet;
    expect(unmet).toEqual(['Openbaar Ministerie Noord-Holland has not shared a perspective', 'Openbaar Ministerie Noord-Holland has not confirmed urgency']);
    // The API's lines, in the page's language (from the codes it sends beside them).
    const inDutch = ['Openbaar Ministerie Noord-Holland deelde nog geen perspectief', 'Openbaar Ministerie Noord-Holland bevestigde de urgentie nog niet'];
    await advance.click();
    await page.waitForSelector('#advance-problem .problem-unmet li');
    expect(await page.locator('#advance-problem .problem-unmet li').allTextContents()).toEqual(inDutch);
    // Said in Dutch, and the conditions once: the API's detail only joins them.
    expect(await page.locator('#advance-problem > p').first().textContent()).toBe('De poort is nog niet gehaald');
    // The checklist is read again at once: it no longer shows a gate that holds beside the refusal.
    await page.locator('.checklist > li.unmet').first().waitFor();
    expect(await advance.isEnabled()).toBe(false);
    await screenshot(page, 'advance-refused');

    // Opened again, the checklist names the same conditions and the button says why it is off.
    await page.reload();
    await advance.waitFor();
    expect(await advance.isDisabled()).toBe(true);
    expect(await page.locator('.checklist .unmet-lines li').allTextContents()).toEqual(inDutch);
    // In English, the API's own lines.
    await page.selectOption('#language', 'en');
    await page.locator('.checklist .unmet-lines li', { hasText: 'has not shared a perspective' }).waitFor();
    expect(await page.locator('.checklist .unmet-lines li').allTextContents()).toEqual(unmet);
    await page.selectOption('#language', 'nl');
    await page.locator('.checklist .unmet-lines li', { hasText: inDutch[0] }).waitFor();
    expect(await page.locator('#advance-why').isVisible()).toBe(true);
    await expectAccessible('advance-blocked');
  });

  it('lets a partner member report a measurement of a KPI its partner owns, one by one and as CSV with one result per row', async () => {
    const owned = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${city.id}/kpis`)).body);
    const member = demo.users.find((u) => u.roles.includes('partner-member') && owned.some((k) => k.ownerPartnerId === u.partner))!;
    const kpi = owned.find((k) => k.ownerPartnerId === member.partner)!;
    await signInAs(member.sub, `/initiatives/${city.id}/measurements`);
    await page.waitForSelector('form.measurement');
    expect(await page.locator('#m-kpi option').allTextContents()).toEqual(
      owned.filter((k) => k.ownerPartnerId === member.partner).map((k) => expect.stringContaining(k.name) as unknown),
    );
    await expectAccessible('measurements');

    await page.selectOption('#m-kpi', kpi.id);
    await page.fill('#m-period', 'not-a-period');
    await page.fill('#m-value', '12');
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .problem');
    expect(await page.locator('form.measurement .problem').textContent()).toMatch(/period/);
    // What the user typed is still there to correct.
    expect(await page.inputValue('#m-value')).toBe('12');

    const period = '2026-11';
    await page.fill('#m-period', period);
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .success');
    const history = (
      await demo.api<Array<{ type: string; data: { kpiId?: string; period?: string; value?: number } }>>(admin, `/api/initiatives/${city.id}/history`)
    ).body;
    expect(history.filter((e) => e.type === 'MeasurementRecorded' && e.data.kpiId === kpi.id && e.data.period === period).map((e) => e.data.value)).toEqual([
      12,
    ]);

    const csv = `kpiId,period,value,partnerId,note\n${kpi.id},2026-12,13,${member.partner},\n${kpi.id},2026-13,14,${member.partner},\n`;
    await page.setInputFiles('#csv-file', { name: 'metingen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form.csv button[type=submit]');
    await page.waitForSelector('.csv-results tbody tr');
    const rows = page.locator('.csv-results tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('class')).toBe('ok');
    expect(await rows.nth(1).getAttribute('class')).toBe('refused');
    expect(await rows.nth(1).textContent()).toMatch(/period/);
    await screenshot(page, 'measurements-csv');
  });

  it("shows the regisseur's programme manager who read the initiative, refused reads too, and hides it from others", async () => {
    // A partner member of another network tries the Zaanstad initiative: refused, and logged.
    const outsider = demo.user('member-alkmaar-1');
    expect((await demo.api(outsider, `/api/initiatives/${city.id}/kpis`)).status).toBe(404);
    const member = demo.user('member-bewoners-poelenburg-1');
    await signInAs(member.sub, `/initiatives/${city.id}`);
    await page.waitForSelector('.tabs');
    expect(await page.locator('.tabs a', { hasText: 'Inzage' }).count()).toBe(0);

    await signInAs('pm-zaanstad-1', `/initiatives/${city.id}`);
    await page.click('.tabs a:has-text("Inzage")');
    await page.waitForSelector('table.access-log tbody tr');
    const rows = await page.locator('table.access-log tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('member-alkmaar-1') && r.includes('404') && r.includes('geweigerd'))).toBe(true);
    expect(rows.some((r) => r.includes(member.sub) && r.includes('200'))).toBe(true);
    await expectAccessible('access-log');
  });

  it('prints the steering-group pack to A4 pages with the title, the charts with their tables and the dates', async () => {
    await signInAs('sg-zaanstad-1', `/initiatives/${city.id}/pack`);
    await page.waitForSelector('.pack figure.kpi .chart canvas');
    await page.waitForSelector('.pack .review');
    expect(await page.locator('.print-button').isVisible()).toBe(true);
    await expectAccessible('pack');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.pack h1.print-only').textContent()).toBe(CITY_TITLE);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.pack .chart-table table').first().isVisible()).toBe(true);
    // The bottom margin of every page: the title, the as-of date (today) and the print date.
    const footer = await page.locator('style[data-print-footer]').textContent();
    expect(footer).toContain(`@bottom-left { content: "${CITY_TITLE} · Stand per vandaag`);
    expect(footer).toMatch(/Afgedrukt op \d+ \w+ \d{4}/);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'pack.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    const text = pdf.toString('latin1');
    expect((text.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1);
    expect(pdfTitle(text)).toContain(CITY_TITLE);
  });
});

/** The PDF's document title (Chromium writes the page title into the Info dictionary, UTF-16 or plain). */
const pdfTitle = (pdf: string): string => {
  const match = pdf.match(/\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/);
  if (!match) return '';
  const raw = match[1];
  if (raw.startsWith('<')) {
    const bytes = Buffer.from(raw.slice(1, -1), 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1');
  }
  const body = raw.slice(1, -1).replace(/\\([()\\])/g, '$1');
  const bytes = Buffer.from(body, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : body;
};
