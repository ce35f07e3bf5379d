import type { Phase } from '../../events';
import { startTestApp, type TestApp } from '../support/test-app';
import { bodyOf, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import type { UploadAnswer } from '../../apps/api/src/initiatives/measurements/measurements-upload';
import { logPosition, readLog } from '../support/log-reader';
import { COMMAND_ROUTES, csvFor, type RouteIds } from './routes';

// Events never carry citizens' personal data: every free-text field of every route is screened,
// and the refusal names the field as the HTTP body calls it.
// `code`: the problem's `kind`, for a client that says it in its own language.
const PERSONAL_DATA = [
  { kind: 'a citizen service number (BSN)', code: 'bsn', text: 'the client with BSN 111222333 was helped' },
  { kind: 'an e-mail address', code: 'email', text: 'mail j.jansen@example.nl for the details' },
  { kind: 'a phone number', code: 'phone', text: 'call 06-12345678 after five' },
];

const PHASES: Phase[] = ['explore', 'define', 'co-design', 'pilot', 'integrate'];
const firstPhase = (phases: Phase[] | 'any but dissolved'): Phase => (phases === 'any but dissolved' ? 'explore' : phases[0]);

describe('personal data in free text is refused with a 422 naming the field', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let ids: RouteIds;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    ids = { partnerId: p.police.id, newcomerId: p.ggz.id, effectId: '', kpiId: '', waveId: '', reviewId: '' };
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(PERSONAL_DATA)('starting an initiative: title and problemArea with $kind appends nothing', async ({ kind, code, text }) => {
    const before = await logPosition(regie);
    for (const field of ['title', 'problemArea']) {
      const body = { title: 'A network', problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id, [field]: text };
      const res = await regie.send('post', '/api/initiatives', { token: await regie.pm(p.haarlem), body });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'https://regie.dev/problems/personal-data',
        errors: [{ field, message: expect.stringContaining(kind) as unknown }],
        kind: code,
      });
    }
    expect(await logPosition(regie)).toBe(before);
  });

  // A partner's name is copied into every initiative it joins (PartnerJoined carries it), so it is
  // screened like any other prose.
  it.each(PERSONAL_DATA)('registering a partner: name with $kind appends nothing', async ({ kind, code, text }) => {
    const before = await logPosition(regie);
    for (const token of [await regie.admin(), await regie.pm(p.haarlem)]) {
      const res = await regie.send('post', '/api/partners', { token, body: { name: `Buurtteam Noord, ${text}`, kind: 'civil-society' } });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'https://regie.dev/problems/personal-data',
        status: 422,
        detail: `the name contains what looks like ${kind}: events never carry citizens' personal data; describe it without that`,
        errors: [{ field: 'name', code: 'personal-data', message: expect.stringContaining(kind) as unknown }],
        kind: code,
      });
    }
    expect(await logPosition(regie)).toBe(before);
    const partners = await regie.send('get', `/api/partners?minPosition=${before}`, { token: await regie.admin() });
    expect(bodyOf<Array<{ name: string }>>(partners).map((x) => x.name)).not.toContainEqual(expect.stringContaining('Buurtteam Noord'));
  });

  it('a partner name that only resembles personal data is registered', async () => {
    const res = await regie.send('post', '/api/partners', {
      token: await regie.admin(),
      body: { name: 'Wijkteam 020 Zuid (sinds 2025)', kind: 'civil-society' },
    });
    expect(res.status).toBe(201);
    const { lines } = await readLog(regie, { after: bodyOf<CommandAnswer>(res).position - 1 });
    expect(lines.map((l) => [l.type, l.data.name])).toEqual([['PartnerRegistered', 'Wijkteam 020 Zuid (sinds 2025)']]);
  });

  describe.each(PHASES)('in %s', (phase) => {
    const routes = COMMAND_ROUTES.filter((r) => r.text && firstPhase(r.phases) === phase);
    const cases = routes.flatMap((route) => route.text!.flatMap((field) => PERSONAL_DATA.map((pd) => ({ route: route.name, field, ...pd }))));

    beforeAll(async () => {
      await walk.walkTo(phase);
      const s = await walk.state();
      if (phase === 'pilot') {
        await walk.completePilot();
        ids.reviewId = await walk.scheduleReview('2026-12-01', 'early look');
      }
      ids.effectId = s.desiredEffects[0]?.id ?? '';
      ids.kpiId = s.kpis[0]?.id ?? '';
    });

    it.each(cases)('$route: $field with $kind', async ({ route: name, field, kind, code, text }) => {
      const route = COMMAND_ROUTES.find((r) => r.name === name)!;
      const valid = route.body!(ids) as Record<string, unknown>;
      const body = { ...valid, [field]: Array.isArray(valid[field]) ? ['a fine purpose', text] : text };
      const token = route.roles.includes('programme-manager') ? await walk.pm() : await regie.steering(p.haarlem);
      const before = await walk.revision();
      const res = await walk.send(route.method, route.path(ids), { body, token });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const shown = Array.isArray(valid[field]) ? `${field}[1]` : field;
      expect(res.body).toMatchObject({
        type: 'https://regie.dev/problems/personal-data',
        detail: `the ${shown} contains what looks like ${kind}: events never carry citizens' personal data; describe it without that`,
        errors: [{ field: shown, message: expect.stringContaining(kind) as unknown }],
        kind: code,
      });
      expect(await walk.revision()).toBe(before);
    });

    if (phase === 'pilot') {
      it.each(PERSONAL_DATA)('the CSV upload: a note with $kind refuses that row, naming note', async ({ kind, code, text }) => {
        const before = await walk.revision();
        const res = await walk.ok<UploadAnswer>('post', '/measurements', csvFor(ids, `"${text}"`));
        expect(res.body.results).toEqual([
          {
            row: 1,
            status: 422,
            problem: expect.objectContaining({
              errors: [{ field: 'note', code: 'personal-data', message: expect.stringContaining(kind) as unknown }],
              kind: code,
            }) as unknown,
          },
        ]);
        expect(await walk.revision()).toBe(before);
      });
    }
  });

  it('the route table marks every string field that is not an id, a code or a date as free text', () => {
    const CODES = new Set([
      'partnerId',
      'partnerIds',
      'effectId',
      'ownerPartnerId',
      'direction',
      'frequency',
      'targetDate',
      'startsOn',
      'endsOn',
      'plannedStart',
      'dueOn',
      'outcome',
      'verdict',
      'returnTo',
      'to',
      'period',
    ]);
    const sample = { partnerId: 'p', newcomerId: 'n', effectId: 'e', kpiId: 'k', waveId: 'w', reviewId: 'r' };
    for (const route of COMMAND_ROUTES) {
      const body = route.body?.(sample);
      if (!body || typeof body === 'string') continue;
      const strings = Object.entries(body)
        .filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && typeof v[0] === 'string'))
        .map(([k]) => k);
      const free = strings.filter((f) => !CODES.has(f) && !(route.name === 'join a partner' && f === 'role'));
      expect({ route: route.name, text: route.text ?? [] }).toEqual({ route: route.name, text: free });
    }
  });

  it('text that only resembles personal data passes: amounts, dates, case references', async () => {
    await walk.ok('post', '/lessons', { lesson: 'Costs were 1.500.000 euro from 2025-03-01; case HLM-2026-014 and 123456789 (not a BSN)' }, { status: 201 });
  });
});
