import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeJwt } from 'jose';
import type { Actor } from '../../libs/auth/src';
import { CITY_TITLE } from '../../apps/cli/src/demo/city-key-figures';
import { PROVINCE_TITLE } from '../../apps/cli/src/demo/province-network';
import { launchBrowser, screenshot, watchErrors } from './support/browser';
import { type DemoApp, startDemoApp } from './support/demo-app';

interface Kpi {
  id: string;
  name: string;
  ownerPartnerId: string;
  status: string;
}
interface Dashboard {
  effects: Array<{ kpis: Kpi[] }>;
}

const kpisOf = (dashboard: Dashboard): Kpi[] => dashboard.effects.flatMap((e) => e.kpis);

describe('the web app when things go wrong, in other languages and by keyboard', () => {
  let demo: DemoApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let cityId: string;
  let member: Actor;
  let kpi: Kpi;
  const admin: Actor = { sub: 'admin-test', roles: ['admin'] };

  const signInWithToken = async (token: string, path: string) => {
    await page.goto(`${demo.baseUrl}/sign-in?next=${encodeURIComponent(path)}`);
    await page.fill('#token', token);
    await page.click('form button[type=submit]');
    await page.waitForURL((url) => url.pathname === path);
  };
  const measurementsPath = () => `/initiatives/${cityId}/measurements`;
  const fillMeasurement = async (period: string, value: string, note: string) => {
    await page.waitForSelector('form.measurement');
    await page.selectOption('#m-kpi', kpi.id);
    await page.fill('#m-period', period);
    await page.fill('#m-value', value);
    await page.fill('#m-note', note);
  };
  const expectTyped = async (period: string, value: string, note: string) => {
    expect(await page.inputValue('#m-period')).toBe(period);
    expect(await page.inputValue('#m-value')).toBe(value);
    expect(await page.inputValue('#m-note')).toBe(note);
  };
  /** Sends `rows` under the CSV header from the measurements page: each row's status and result, as shown. */
  const uploadCsv = async (rows: string): Promise<string[][]> => {
    const csv = `kpiId,period,value,partnerId,note\n${rows}`;
    await page.setInputFiles('#csv-file', { name: 'metingen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form.csv button[type=submit]');
    await page.waitForSelector('.csv-results tbody tr');
    return Promise.all((await page.locator('.csv-results tbody tr').all()).map((row) => row.locator('td').allTextContents()));
  };
  const recorded = async (period: string) => {
    const history = (
      await demo.api<Array<{ type: string; data: { kpiId?: string; period?: string; value?: number } }>>(admin, `/api/initiatives/${cityId}/history`)
    ).body;
    return history.filter((e) => e.type === 'MeasurementRecorded' && e.data.kpiId === kpi.id && e.data.period === period).map((e) => e.data.value);
  };

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
    cityId = (await demo.api<Array<{ id: string; title: string }>>(admin, '/api/initiatives')).body.find((i) => i.title === CITY_TITLE)!.id;
    const kpis = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${cityId}/kpis`)).body);
    member = demo.users.find((u) => u.roles.includes('partner-member') && kpis.some((k) => k.ownerPartnerId === u.partner))!;
    kpi = kpis.find((k) => k.ownerPartnerId === member.partner)!;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  afterEach(() => expect(errors).toEqual([]));

  it('says so when the connection is lost, keeps what the user typed, and sends it once the connection is back', async () => {
    await signInWithToken(await demo.token(member, '1h'), measurementsPath());
    await fillMeasurement('2026-11', '9', 'gemeten in de eerste week');
    await context.setOffline(true);
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .problem');
    expect(await page.locator('form.measurement .problem').textContent()).toMatch(/Geen verbinding/);
    await expectTyped('2026-11', '9', 'gemeten in de eerste week');
    expect(await recorded('2026-11')).toEqual([]);
    await screenshot(page, 'error-offline');

    await context.setOffline(false);
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .success');
    expect(await recorded('2026-11')).toEqual([9]);
  });

  it('says so when the token has expired, keeps what the user typed across signing in again, then sends it', async () => {
    // Long enough to sign in and fill the form on a loaded machine; then wait until it has expired.
    const shortLived = await demo.token(member, '10s');
    await signInWithToken(shortLived, measurementsPath());
    await fillMeasurement('2026-12', '7', 'na de feestdagen opnieuw meten');
    const exp = decodeJwt(shortLived).exp!;
    await page.waitForTimeout(Math.max(0, exp * 1000 + 500 - Date.now()));
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('.expired');
    expect(await page.locator('#expired-heading').textContent()).toMatch(/sessie is verlopen/);
    await expectTyped('2026-12', '7', 'na de feestdagen opnieuw meten');
    await screenshot(page, 'error-expired');

    await page.fill('.expired #token', await demo.token(member, '1h'));
    await page.click('.expired form button[type=submit]');
    await page.waitForSelector('.expired', { state: 'detached' });
    await expectTyped('2026-12', '7', 'na de feestdagen opnieuw meten');
    expect(await recorded('2026-12')).toEqual([]);
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .success');
    expect(await recorded('2026-12')).toEqual([7]);
  });

  it('says in Dutch what is wrong with each field of a refused measurement or CSV row, in the API’s English when asked, and keeps the input', async () => {
    const refusal = page.locator('form.measurement .problem');
    const before = await recorded('2026-11');
    await signInWithToken(await demo.token(member, '1h'), measurementsPath());
    await fillMeasurement('november', 'veel', '');
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .problem-errors li');
    expect(await refusal.locator('> p').textContent()).toBe('Ongeldige invoer');
    expect(await refusal.locator('.problem-errors li').allTextContents()).toEqual([
      'Het veld ‘periode’ is geen periode: schrijf een jaar (2026), een kwartaal (2026-Q4) of een maand (2026-11)',
      'Het veld ‘waarde’ is geen getal: schrijf bijvoorbeeld 62,5',
    ]);
    await expectTyped('november', 'veel', '');
    await screenshot(page, 'error-fields');

    await page.selectOption('#language', 'en');
    await page.locator('form.measurement .problem-errors li', { hasText: 'Field period' }).waitFor();
    expect(await refusal.locator('.problem-errors li').allTextContents()).toEqual([
      'Field period: period must be a period: YYYY, YYYY-Qn or YYYY-MM',
      'Field value: value must be a finite number',
    ]);
    await page.selectOption('#language', 'nl');

    // Written as a period, but not as this KPI's: it is measured monthly.
    await page.fill('#m-period', '2026-Q4');
    await page.fill('#m-value', '5');
    await page.click('form.measurement button[type=submit]');
    await page.locator('form.measurement .problem', { hasText: 'past niet' }).waitFor();
    expect(await refusal.textContent()).toBe(
      'Kan niet worden verwerkt: het veld ‘periode’ past niet bij deze KPI, die per maand wordt gemeten: schrijf JJJJ-MM, bijvoorbeeld 2026-11',
    );
    await expectTyped('2026-Q4', '5', '');
    expect(await recorded('2026-Q4')).toEqual([]);

    expect(await uploadCsv(`${kpi.id},2026/11,veel,${member.partner},\n${kpi.id},2026-11\n`)).toEqual([
      [
        '400',
        'de kolom ‘period’ is geen periode: schrijf een jaar (2026), een kwartaal (2026-Q4) of een maand (2026-11); de kolom ‘value’ is geen getal: schrijf bijvoorbeeld 62,5',
      ],
      ['400', 'de regel heeft niet de kolommen van de kopregel (kpiId,period,value,partnerId,note)'],
    ]);
    expect(await recorded('2026-11')).toEqual(before);
    await screenshot(page, 'error-fields-csv');
  });

  it('says in Dutch why a note with personal data is refused, naming the field, keeps the input and records nothing, one by one and in a CSV row', async () => {
    const before = await recorded('2026-09');
    await signInWithToken(await demo.token(member, '1h'), measurementsPath());
    await fillMeasurement('2026-09', '5', 'bel j.jansen@example.nl voor de cijfers');
    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .problem');
    expect(await page.locator('form.measurement .problem').textContent()).toBe(
      'Geen persoonsgegevens: in het veld ‘toelichting’ staat iets dat op een e-mailadres lijkt. Regie legt nooit persoonsgegevens van burgers vast; beschrijf het zonder.',
    );
    // Said once, in Dutch: not again as the API's English message for the field.
    expect(await page.locator('form.measurement .problem-errors').count()).toBe(0);
    await expectTyped('2026-09', '5', 'bel j.jansen@example.nl voor de cijfers');
    await screenshot(page, 'error-personal-data');

    expect(await uploadCsv(`${kpi.id},2026-09,5,${member.partner},bel 06-12345678 na vijven\n`)).toEqual([
      ['422', 'in de kolom ‘note’ staat iets dat op een telefoonnummer lijkt. Regie legt nooit persoonsgegevens van burgers vast; beschrijf het zonder.'],
    ]);
    expect(await recorded('2026-09')).toEqual(before);
    await screenshot(page, 'error-personal-data-csv');
  });

  it('says in Dutch that a measurement no longer fits the phase when the steering group sent the initiative back meanwhile', async () => {
    const province = (await demo.api<Array<{ id: string; title: string }>>(admin, '/api/initiatives')).body.find((i) => i.title === PROVINCE_TITLE)!.id;
    const provinceKpis = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${province}/kpis`)).body);
    const owner = demo.users.find((u) => u.roles.includes('partner-member') && provinceKpis.some((k) => k.ownerPartnerId === u.partner))!;
    const owned = provinceKpis.find((k) => k.ownerPartnerId === owner.partner)!;
    await signInWithToken(await demo.token(owner, '1h'), `/initiatives/${province}/measurements`);
    await page.waitForSelector('form.measurement');
    await page.selectOption('#m-kpi', owned.id);
    await page.fill('#m-period', '2026-Q4');
    await page.fill('#m-value', '3');

    // Meanwhile the steering group concludes the open review: adjust, back to co-design.
    const reviews = (await demo.api<Array<{ id: string; verdict: string | null }>>(admin, `/api/initiatives/${province}/reviews`)).body;
    const open = reviews.find((r) => r.verdict === null)!;
    const chair = demo.users.find((u) => u.roles.includes('steering-group'))!;
    const verdict = await demo.api(chair, `/api/initiatives/${province}/reviews/${open.id}/verdict`, {
      method: 'POST',
      body: { verdict: 'adjust', rationale: 'De aanpak moet opnieuw worden ontworpen.', returnTo: 'co-design' },
    });
    expect(verdict.status).toBe(200);

    await page.click('form.measurement button[type=submit]');
    await page.waitForSelector('form.measurement .problem');
    expect(await page.locator('form.measurement .problem').textContent()).toBe(
      'Niet in deze fase: dit kan alleen in de fasen Experimenteren en leren, Integreren of Bestaansrecht; dit initiatief is in de fase Gezamenlijke aanpak.',
    );
    // The header says so too, read afresh; the refusal and what was typed stay on screen.
    await page.locator('.step.current .step-name', { hasText: 'Gezamenlijke aanpak' }).waitFor();
    expect(await page.locator('.step.current .step-name').allTextContents()).toEqual(['Gezamenlijke aanpak']);
    expect(await page.locator('form.measurement .problem').textContent()).toMatch(/^Niet in deze fase: /);
    expect(await page.inputValue('#m-period')).toBe('2026-Q4');
    expect(await page.inputValue('#m-value')).toBe('3');
    await screenshot(page, 'error-wrong-phase');
  });

  it('keeps what-if tolerances in the address and shows the statuses the API gives under it', async () => {
    await signInWithToken(await demo.token(admin, '1h'), `/initiatives/${cityId}`);
    await page.waitForSelector('figure.kpi .badge');
    await page.fill('#tolerance', '0.2');
    await page.press('#tolerance', 'Enter');
    await page.fill('#riskTolerance', '0.4');
    await page.press('#riskTolerance', 'Enter');
    await page.waitForSelector('.what-if-banner');
    // The banner comes with the first tolerance; the address takes the second a moment later.
    await page.waitForURL((url) => url.searchParams.has('riskTolerance'));
    const query = new URL(page.url()).searchParams;
    expect([query.get('tolerance'), query.get('riskTolerance')]).toEqual(['0.2', '0.4']);
    // In Dutch, as the defaults beside them are written.
    await page.locator('.what-if-banner', { hasText: 'tolerantie 0,2 en risicotolerantie 0,4 (standaard 0,1 en 0,25)' }).waitFor();
    const whatIf = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${cityId}/kpis?tolerance=0.2&riskTolerance=0.4`)).body);
    const live = kpisOf((await demo.api<Dashboard>(admin, `/api/initiatives/${cityId}/kpis`)).body);
    expect(whatIf.map((k) => k.status)).not.toEqual(live.map((k) => k.status));
    const shown = { 'on-track': 'op koers', 'at-risk': 'risico', 'off-track': 'niet op koers', achieved: 'gehaald', 'no-data': 'geen gegevens' } as Record<
      string,
      string
    >;
    for (const k of whatIf) {
      await page.locator(`figure.kpi[data-kpi="${k.id}"] .badge.status-${k.status}`).waitFor();
      expect(await page.locator(`figure.kpi[data-kpi="${k.id}"] .badge`).textContent()).toBe(shown[k.status]);
    }
  });

  it('keeps a tolerance typed while the dashboard is still loading', async () => {
    await signInWithToken(await demo.token(admin, '1h'), `/initiatives/${cityId}`);
    await page.waitForSelector('figure.kpi .badge');
    // Hold the dashboard asked for by the first tolerance until the second is typed, so that its
    // answer arrives between typing and Enter, as it can on a slow connection.
    const firstOnly = (url: URL) => url.pathname.endsWith('/kpis') && url.searchParams.get('tolerance') === '0.15' && !url.searchParams.has('riskTolerance');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(firstOnly, async (route) => {
      await held;
      await route.continue();
    });
    await page.fill('#tolerance', '0.15');
    await page.press('#tolerance', 'Enter');
    await page.waitForSelector('.what-if-banner');
    await page.fill('#riskTolerance', '0.45');
    const answer = page.waitForResponse((response) => firstOnly(new URL(response.url())));
    release();
    expect((await answer).status()).toBe(200);
    await page.waitForSelector('figure.kpi .badge');
    expect(await page.inputValue('#riskTolerance')).toBe('0.45');
    await page.press('#riskTolerance', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('riskTolerance') === '0.45');
    await page.unrouteAll();
  });

  it('says why a what-if pair is refused, and does not claim it is in force', async () => {
    await signInWithToken(await demo.token(admin, '1h'), `/initiatives/${cityId}`);
    await page.waitForSelector('figure.kpi .badge');
    // Above the default risk tolerance (0.25): the API refuses the pair.
    await page.fill('#tolerance', '0.3');
    await page.press('#tolerance', 'Enter');
    await page.locator('#kpis-heading ~ .problem[data-status="400"]', { hasText: 'risicotolerantie' }).waitFor();
    expect(await page.locator('.what-if-banner').count()).toBe(0);
    expect(await page.locator('figure.kpi').count()).toBe(0);
    // The status and the reason in the page's language, said once: not again as the API's English line for the field.
    const problem = page.locator('#kpis-heading ~ .problem');
    expect(await problem.locator('p').first().textContent()).toBe(
      'Ongeldige invoer: de tolerantie (0,3) is groter dan de risicotolerantie (0,25, de standaard): ‘op koers’ moet een smallere band zijn dan ‘risico’ (0 ≤ tolerantie ≤ risicotolerantie ≤ 1).',
    );
    expect(await problem.locator('.problem-errors li').count()).toBe(0);
    await screenshot(page, 'what-if-refused');
    await page.fill('#riskTolerance', '0.4');
    await page.press('#riskTolerance', 'Enter');
    await page.locator('.what-if-banner', { hasText: 'tolerantie 0,3 en risicotolerantie 0,4' }).waitFor();
    await page.waitForSelector('figure.kpi .badge');
    expect(await page.locator('#kpis-heading ~ .problem').count()).toBe(0);
  });

  it('says in Dutch that a review was concluded meanwhile, shows the verdict it got and keeps what the member wrote', async () => {
    const reviews = (await demo.api<Array<{ id: string; verdict: string | null }>>(admin, `/api/initiatives/${cityId}/reviews`)).body;
    const open = reviews.find((r) => r.verdict === null)!;
    const chair = demo.users.find((u) => u.roles.includes('steering-group') && u.sub.startsWith('sg-zaanstad'))!;
    const card = page.locator(`li[data-review="${open.id}"]`);
    await signInWithToken(await demo.token(chair, '1h'), `/initiatives/${cityId}/reviews`);
    await card.locator('form.conclude').waitFor();
    await card.locator('input[value=dissolve]').check();
    await card.locator('textarea').fill('Het doel is bereikt: opheffen.');

    // Meanwhile another member of the steering group concludes it; the read models have seen it.
    const other: Actor = { sub: 'sg-zaanstad-2', roles: ['steering-group'], partner: chair.partner };
    const verdict = await demo.api<{ position: number }>(other, `/api/initiatives/${cityId}/reviews/${open.id}/verdict`, {
      method: 'POST',
      body: { verdict: 'continue', rationale: 'Voortzetten: de cijfers gaan de goede kant op.' },
    });
    expect(verdict.status).toBe(200);
    expect((await demo.api(admin, `/api/projections?minPosition=${verdict.body.position}`)).status).toBe(200);

    await card.locator('form.conclude button[type=submit]').click();
    await card.locator('form.conclude .problem').waitFor();
    expect(await card.locator('form.conclude .problem').textContent()).toBe(
      'Al afgerond: deze review is intussen al afgerond, met het besluit ‘voortzetten’. Uw besluit is niet vastgelegd.',
    );
    // Read again, the card shows that verdict and who gave it; the form keeps what this member wrote.
    await card.locator('dd.verdict').waitFor();
    expect(await card.locator('dd.verdict').textContent()).toBe('voortzetten');
    expect(await card.locator('.facts').textContent()).toContain('sg-zaanstad-2');
    expect(await card.locator('textarea').inputValue()).toBe('Het doel is bereikt: opheffen.');
    const state = (await demo.api<{ reviews: Array<{ id: string; verdict: string }> }>(admin, `/api/initiatives/${cityId}`)).body;
    expect(state.reviews.find((r) => r.id === open.id)!.verdict).toBe('continue');
    await screenshot(page, 'error-review-concluded');
  });

  it('says in Dutch that an address names nothing this user may see, the same for what does not exist', async () => {
    // A member of a partner that takes no part in one of the demo's initiatives.
    const ids = (await demo.api<Array<{ id: string }>>(admin, '/api/initiatives')).body.map((i) => i.id);
    const members = demo.users.filter((u) => u.roles.includes('partner-member'));
    const seen = await Promise.all(members.flatMap((u) => ids.map(async (id) => ({ u, id, status: (await demo.api(u, `/api/initiatives/${id}`)).status }))));
    const { u: outsider, id: hidden } = seen.find((s) => s.status === 404)!;
    for (const id of [hidden, 'bestaat-niet']) {
      await signInWithToken(await demo.token(outsider, '1h'), `/initiatives/${id}`);
      await page.locator('.problem').waitFor();
      expect(await page.locator('.problem > p').first().textContent()).toBe('Niet gevonden: wat dit adres noemt bestaat niet, of u mag het niet zien.');
    }
    await screenshot(page, 'error-not-found');
    await page.click('.problem a:text("Terug naar het portfolio")');
    await page.waitForSelector('.portfolio .card');
  });

  it('speaks English when asked, with the method’s phases in English', async () => {
    await signInWithToken(await demo.token(admin, '1h'), '/');
    await page.waitForSelector('.portfolio .card');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('.step.current .step-name').allTextContents()).toContain('Experimenteren en leren');
    await page.selectOption('#language', 'en');
    await page.waitForSelector('h1:text("Portfolio")');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.step.current .step-name').allTextContents()).toContain('Pilot');
    expect(await page.locator('.count').textContent()).toBe('3 initiatives');
    await page.selectOption('#language', 'nl');
  });

  it('can be used by keyboard: a skip link first, and every demo person reachable and chosen with Enter', async () => {
    await page.goto(`${demo.baseUrl}/sign-in`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.waitForSelector('.demo-users button');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    await page.focus('button[data-sub="sg-zaanstad-1"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.portfolio .card');
    expect(await page.locator('.who strong').textContent()).toBe('sg-zaanstad-1');
  });
});
