import { signToken, embeddedSecret } from '../../libs/auth/src';
import { decodeJwt } from 'jose';
import { startTestApp, type TestApp } from '../support/test-app';

// The API keeps the tokens it has verified for a while, so that a client sending the same token
// with every request does not pay for its signature each time; that must never outlive the token.

describe('a token the API has already accepted', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is refused with a 401 problem once it has expired', async () => {
    // Long enough for the two reads on a loaded machine; then wait until it has expired.
    const token = await signToken({ sub: 'pm-short', roles: ['programme-manager'] }, embeddedSecret(t.dataDir), '6s');
    const exp = decodeJwt(token).exp!;
    const read = () => t.http().get('/api/partners').set('Authorization', `Bearer ${token}`);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 + 600 - Date.now())));
    const late = await read();
    expect(late.status).toBe(401);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((late.body as { detail: string }).detail).toMatch(/exp/);
  });
});
