import type { Role } from '../../libs/auth/src';
import { COMMAND_ROUTES, type RouteIds } from '../initiatives/routes';
import { InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import { startTestApp, type TestApp } from '../support/test-app';
import { figure } from './support/figures';
import { sized } from './support/size';

const ROLES: Role[] = sized(['programme-manager', 'partner-member', 'analyst'], ['programme-manager', 'partner-member', 'steering-group', 'analyst']);

interface Network {
  regisseur: Partner;
  member: Partner;
  walk: InitiativeWalk;
  kpiId: string;
  reviewId: string;
}
const UNKNOWN = 'no-such-id-7f3a';
type Operation = { method: 'get' | 'post' | 'put' | 'delete'; path: string };

/** A body that passes validation for a command route, so the probe reaches the access check. */
const bodyFor = (path: string, ids: RouteIds): object | string | undefined => {
  const suffix = path.replace(/^\/api\/initiatives\/\{id\}/, '');
  const route = COMMAND_ROUTES.find(
    (r) => r.path({ partnerId: '{partnerId}', kpiId: '{kpiId}', waveId: '{waveId}', reviewId: '{reviewId}' } as RouteIds) === suffix,
  );
  if (route?.body) return route.body(ids);
  if (suffix === '/erasure') return { reason: 'retention ran out' };
  return undefined;
};

describe(`a BOLA matrix: every route of the OpenAPI document × ${ROLES.length} roles × (own network, another network, unknown id)`, () => {
  let t: TestApp;
  let regie: Regie;
  let own: Network;
  let other: Network;
  let operations: Operation[];

  const network = async (name: string): Promise<Network> => {
    const regisseur = await regie.registerPartner({ name: `Gemeente ${name}`, kind: 'municipality' });
    const member = await regie.registerPartner({ name: `Politie ${name}`, kind: 'police' });
    const walk = await InitiativeWalk.start(regie, { regisseur, others: [member], title: `Netwerk ${name}` });
    await walk.walkTo('pilot');
    const kpiId = (await walk.state()).kpis[0].id;
    const reviewId = await walk.scheduleReview();
    return { regisseur, member, walk, kpiId, reviewId };
  };

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    own = await network('Haarlem');
    other = await network('Zaanstad');
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'delete'].includes(m))
          .map((method) => ({ method: method as Operation['method'], path })),
      );
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const tokenFor = (role: Role) => regie.token(role, role === 'partner-member' ? own.member.id : own.regisseur.id, `${role}-of-${own.regisseur.name}`);

  /** The path and body aimed at `target`: another network's objects, or an unknown initiative with them. */
  const aim = (op: Operation, target: Network, initiativeId: string) => {
    const partnerRoute = op.path.startsWith('/api/partners/{id}');
    const ids: RouteIds = {
      partnerId: target.member.id,
      newcomerId: target.member.id,
      effectId: 'e',
      kpiId: target.kpiId,
      waveId: 'w-none',
      reviewId: target.reviewId,
    };
    const path = op.path
      .replace('{id}', partnerRoute ? (initiativeId === UNKNOWN ? UNKNOWN : target.member.id) : initiativeId)
      .replace('{partnerId}', ids.partnerId)
      .replace('{kpiId}', ids.kpiId)
      .replace('{reviewId}', ids.reviewId)
      .replace('{waveId}', ids.waveId)
      .replace('{name}', 'portfolio');
    return { path, body: bodyFor(op.path, ids), secrets: [initiativeId, target.member.id, target.kpiId, target.reviewId] };
  };

  const probe = async (op: Operation, token: string, path: string, body: object | string | undefined) => {
    const res = await regie.send(op.method, path, { token, body });
    return { status: res.status, type: res.headers['content-type'], text: res.text ?? JSON.stringify(res.body) };
  };

  it('another network answers exactly as an unknown id does; no unauthorised read or write', async () => {
    const before = { log: await logPosition(regie), other: await other.walk.revision() };
    const leaks: string[] = [];
    let probes = 0;
    for (const op of operations.filter((o) => o.path.includes('{id}'))) {
      for (const role of ROLES) {
        const token = await tokenFor(role);
        const theirs = aim(op, other, other.walk.id);
        const unknown = aim(op, other, UNKNOWN);
        const a = await probe(op, token, theirs.path, theirs.body);
        const b = await probe(op, token, unknown.path, unknown.body);
        probes += 2;
        const normalise = (text: string, secrets: string[]) => secrets.reduce((s, v) => s.split(v).join('<id>'), text);
        const seen = { status: a.status, type: a.type, body: normalise(a.text, theirs.secrets) };
        const unseen = { status: b.status, type: b.type, body: normalise(b.text, unknown.secrets) };
        // The partner registry is open to everyone signed in (api.md); a partner's network lists only
        // the initiatives the caller may see, so there the rule is: none of the other network's.
        if (op.path.startsWith('/api/partners/{id}')) {
          if (a.text.includes(other.walk.id)) leaks.push(`${role} ${op.method.toUpperCase()} ${op.path} shows the other network's initiative`);
        } else if (a.status < 300 || JSON.stringify(seen) !== JSON.stringify(unseen)) {
          leaks.push(`${role} ${op.method.toUpperCase()} ${op.path}: ${a.status} vs unknown ${b.status}`);
        }
        // Own network, for contrast: a server error there would hide a broken route behind the 404s.
        const mine = aim(op, own, own.walk.id);
        const ownAnswer = await probe(op, token, mine.path, mine.body);
        probes++;
        if (ownAnswer.status >= 500) leaks.push(`${role} ${op.method.toUpperCase()} ${op.path} on its own network: ${ownAnswer.status}`);
      }
    }
    // Lists and exports without an id: nothing of the other network in them.
    // (The caller's own access log names what it tried to read, refused reads included: its own probes, not a leak.)
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{') && o.path !== '/api/access-log/me')) {
      for (const role of ROLES) {
        const answer = await probe(op, await tokenFor(role), op.path, undefined);
        probes++;
        if (answer.text.includes(other.walk.id)) leaks.push(`${role} GET ${op.path} shows the other network's initiative`);
      }
    }
    const after = { log: await logPosition(regie), other: await other.walk.revision() };
    figure(
      `${operations.length} operations, ${probes} probes; unauthorised reads or writes: ${leaks.length}; other network's revision ${before.other} → ${after.other}`,
    );
    expect(leaks).toEqual([]);
    expect(after.other).toBe(before.other);
  }, 180_000);
});
