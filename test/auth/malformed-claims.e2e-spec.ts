import { type JWTPayload, SignJWT } from 'jose';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { CLOCK_TOLERANCE_SECONDS, embeddedSecret } from '../../libs/auth/src';
import { Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import { startTestApp, type TestApp } from '../support/test-app';

// A token whose signature holds but whose claims do not mean what they must is refused, not read
// leniently: `roles: "admin"` used to pass as "no roles", and an iat a year ahead passed as well.

describe('a token with malformed claims is refused with a 401 problem', () => {
  let t: TestApp;
  let regie: Regie;
  let before: number;
  const now = () => Math.floor(Date.now() / 1000);

  /** Signed with this server's own secret, so only the claims can be wrong. */
  const sign = (claims: JWTPayload) =>
    new SignJWT({ sub: 'mallory', iat: now(), ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('regie')
      .setAudience('regie-api')
      .setExpirationTime('1h')
      .sign(embeddedSecret(t.dataDir));
  const registerWith = async (claims: JWTPayload) =>
    t
      .http()
      .post('/api/partners')
      .set('Authorization', `Bearer ${await sign(claims)}`)
      .send({ name: 'Mallory Inc', kind: 'other' });

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    before = await logPosition(regie);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['roles as a string', { roles: 'admin' }, /roles claim must be a list of role names.*got "admin"/],
    ['roles holding a number', { roles: ['admin', 1] }, /roles claim must be a list of role names/],
    ['roles as null', { roles: null }, /roles claim must be a list/],
    ['an unknown role', { roles: ['superuser'] }, /unknown roles: superuser/],
    ['sub as a number', { sub: 42, roles: ['admin'] }, /sub claim must be a non-empty string/],
    ['an empty sub', { sub: '', roles: ['admin'] }, /sub claim must be a non-empty string/],
    ['partner as a list', { roles: ['programme-manager'], partner: ['p1'] }, /partner claim must be a string/],
    [
      'iat a year ahead',
      { roles: ['admin'], iat: now() + 365 * 24 * 3600 },
      new RegExp(`issued \\d+ s from now, more than the ${CLOCK_TOLERANCE_SECONDS} s clock tolerance`),
    ],
    [`iat ${CLOCK_TOLERANCE_SECONDS + 30} s ahead`, { roles: ['admin'], iat: now() + CLOCK_TOLERANCE_SECONDS + 30 }, /clock tolerance/],
    ['iat that is not a number', { roles: ['admin'], iat: 'yesterday' }, /iat/],
  ] as const)('%s: 401 saying what is wrong', async (_, claims, detail) => {
    const res = await registerWith(claims as JWTPayload);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://regie.dev/problems/unauthenticated', status: 401, detail: expect.stringMatching(detail) as unknown });
  });

  it('none of them registered anything: the log did not move', async () => {
    expect(await logPosition(regie)).toBe(before);
  });

  it(`an issuer clock a little ahead (iat ${CLOCK_TOLERANCE_SECONDS / 2} s from now) is within the tolerance`, async () => {
    expect((await registerWith({ roles: ['admin'], iat: now() + CLOCK_TOLERANCE_SECONDS / 2 })).status).toBe(201);
  });

  it('a token without a roles claim is still a signed-in user with no roles: 403, not 401', async () => {
    const res = await registerWith({});
    expect(res.status).toBe(403);
    expect((res.body as ProblemDocument).detail).toMatch(/the token has none/);
  });
});
