import { COMMAND_ROUTES, type RouteIds } from '../initiatives/routes';
import { type ExploringScene, exploringScene } from '../initiatives/exploring-scene';
import { logPosition } from '../support/log-reader';
import { figure, tally } from './support/figures';

// Fields a client must never set: the server decides them (phase, revision, actor, ids) or the token does (roles).
const PRIVILEGED: Record<string, unknown> = {
  phase: 'pilot',
  revision: 99,
  actor: { sub: 'admin', partner: null },
  roles: ['admin'],
  id: 'chosen-by-client',
};

describe('mass assignment: server-decided fields on every command', () => {
  let scene: ExploringScene;
  beforeAll(async () => {
    scene = await exploringScene();
  });
  afterAll(async () => {
    await scene.t.close();
  });

  const jsonRoutes = [
    { name: 'register a partner', method: 'post' as const, path: '/api/partners', body: () => ({ name: 'Mallory Inc', kind: 'other' }) },
    {
      name: 'start an initiative',
      method: 'post' as const,
      path: '/api/initiatives',
      body: (ids: RouteIds) => ({ title: 'x', problemArea: 'y', regisseurPartnerId: ids.partnerId }),
    },
    ...COMMAND_ROUTES.filter((r) => r.body && typeof r.body({} as RouteIds) !== 'string').map((r) => ({
      name: r.name,
      method: r.method,
      path: '',
      suffix: r.path,
      body: r.body as (ids: RouteIds) => Record<string, unknown>,
    })),
  ];

  it(`${Object.keys(PRIVILEGED).length + 1} extra fields (${Object.keys(PRIVILEGED).join(', ')}, __proto__) × ${jsonRoutes.length} commands: 400 problem, nothing appended`, async () => {
    const { regie, exploring, ids } = scene;
    const admin = await regie.admin();
    const before = await logPosition(regie);
    const statuses: number[] = [];
    for (const route of jsonRoutes) {
      const path = 'suffix' in route ? exploring.path(route.suffix(ids)) : route.path;
      const valid = route.body(ids);
      const bodies = [
        ...Object.entries(PRIVILEGED).map(([field, value]) => ({ field, text: JSON.stringify({ ...valid, [field]: value }) })),
        // As JSON text: in an object literal __proto__ would set the prototype instead of a field.
        { field: '__proto__', text: JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"roles":["admin"],"phase":"pilot"},') },
      ];
      for (const { field, text } of bodies) {
        const res = await regie.t.http()[route.method](path).set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/json').send(text);
        statuses.push(res.status);
        expect({ route: route.name, field, status: res.status, type: res.headers['content-type'] }).toEqual({
          route: route.name,
          field,
          status: 400,
          type: expect.stringMatching(/^application\/problem\+json/) as unknown,
        });
      }
    }
    const appended = (await logPosition(regie)) - before;
    figure(`${statuses.length} bodies: ${tally(statuses)}; appended ${appended}`);
    expect(appended).toBe(0);
  });
});
