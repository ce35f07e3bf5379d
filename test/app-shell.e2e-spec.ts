import { SignJWT } from 'jose';
import { validateEnvironment } from '../apps/api/src/config/environment';
import { ChildScript } from './support/child-process';
import { bodyOf, problemOf } from './support/initiative-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { tempDir } from './support/temp-dir';

const partner = { name: 'Politie Noord-Holland', kind: 'police' };

describe('the app shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /health answers 200 and reports the event store up', async () => {
    const health = bodyOf<{ status: string; info: Record<string, unknown> }>(await t.http().get('/health').expect(200));
    expect(health.status).toBe('ok');
    expect(health.info.eventStore).toMatchObject({ status: 'up', adapter: t.store });
  });

  it('serves the OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const document = bodyOf<{ openapi: string; info: { title: string } }>(await t.http().get('/docs-json').expect(200));
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Regie');
    const ui = await t.http().get('/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers an unknown route with application/problem+json', async () => {
    const res = await t.http().get('/nowhere').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      type: expect.any(String) as unknown,
      detail: expect.stringContaining('/nowhere') as unknown,
    });
  });

  it('sends the same security headers (helmet) on an answer, a problem, an unknown route, a body that is no JSON, a streamed export and Swagger UI', async () => {
    const csp = [
      "default-src 'self'",
      "base-uri 'self'",
      "font-src 'self' https: data:",
      "form-action 'self'",
      "frame-ancestors 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "script-src 'self' 'unsafe-inline'",
      "script-src-attr 'none'",
      "style-src 'self' 'unsafe-inline'",
      'upgrade-insecure-requests',
      "connect-src 'self'",
    ].join(';');
    const admin = `Bearer ${await t.token({ sub: 'root', roles: ['admin'] })}`;
    const answers = [
      await t.http().get('/health'),
      await t.http().post('/api/partners').send(partner),
      await t.http().get('/nowhere'),
      await t.http().post('/api/partners').set('authorization', admin).set('content-type', 'application/json').send('{"name": '),
      await t.http().get('/api/events').set('authorization', admin),
      await t.http().get('/docs').redirects(1),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 401, 404, 400, 200, 200]);
    for (const res of answers) {
      expect(res.status).not.toBe(500);
      expect(res.headers).toMatchObject({
        'content-security-policy': csp,
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  describe('bearer tokens on /api', () => {
    it('no token: 401 problem', async () => {
      const res = await t.http().post('/api/partners').send(partner).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(res).detail).toContain('bearer token');
    });

    it('an expired token: 401', async () => {
      const token = await t.token({ sub: 'alice', roles: ['admin'] }, Math.floor(Date.now() / 1000) - 60);
      await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner).expect(401);
    });

    it('an unsigned token (alg none): 401', async () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', roles: ['admin'], iss: 'regie', aud: 'regie-api', exp: 9999999999 })}.`;
      await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner).expect(401);
    });

    it('a token signed with another secret: 401', async () => {
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('regie')
        .setAudience('regie-api')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('x'.repeat(48)));
      await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner).expect(401);
    });

    it('a token from another issuer: 401', async () => {
      const { embeddedSecret } = await import('../libs/auth/src');
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('someone-else')
        .setAudience('regie-api')
        .setExpirationTime('1h')
        .sign(embeddedSecret(t.dataDir));
      await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner).expect(401);
    });
  });
});

describe('configuration', () => {
  it('a bad setting stops validation with a message naming it', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', EVENT_STORE: 'mongo' })).toThrow(/PORT[\s\S]*EVENT_STORE/);
    expect(() => validateEnvironment({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL: required/);
  });

  it('a fresh install feeds the projections on a second thread for good (PROJECTIONS_THREAD=follow)', () => {
    // The e2e suites run catch-up (test/support/test-app.ts says why); this holds what `npm start` gets.
    expect(validateEnvironment({}).PROJECTIONS_THREAD).toBe('follow');
  });

  it('names each bad setting once, and never echoes a secret', () => {
    let message = '';
    try {
      validateEnvironment({ PORT: 'abc', AUTH_SECRET: 'hunter2-but-too-short', SHUTDOWN_TIMEOUT_MS: '0' });
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toEqual([
      '  - PORT: must be a whole number from 0 to 65535 (got "abc")',
      '  - AUTH_SECRET: must be at least 32 characters (got 21 characters, not shown)',
      '  - SHUTDOWN_TIMEOUT_MS: must be a whole number of milliseconds >= 1 (got "0")',
    ]);
    expect(() => validateEnvironment({ TRUST_PROXY: 'sometimes' })).toThrow(/TRUST_PROXY: must be false, true, or a comma-separated list/);
    expect(() => validateEnvironment({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY: a number of proxy hops is not accepted.*\(got "1"\)/);
    expect(validateEnvironment({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 192.168.1.1');
  });

  it('the API process refuses to start on bad configuration and says why', async () => {
    const dir = tempDir();
    const child = new ChildScript('apps/api/src/main.ts', { DATA_DIR: dir.path, EVENT_STORE: 'mongo', PORT: '0' });
    const code = await child.exited();
    dir.remove();
    expect(code).not.toBe(0);
    expect(child.stderr).toContain('Regie cannot start: invalid configuration');
    expect(child.stderr).toContain('EVENT_STORE');
  });
});

describe('limits', () => {
  it('rate-limits per token subject with 429 problem+json', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const token = await t.token({ sub: 'eager', roles: ['admin'] });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const limited = await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
      expect(problemOf(limited).detail).toMatch(/this token made more than 3 requests in 60 s; retry after \d+ s/);
      expect(problemOf(limited).detail).not.toMatch(/ThrottlerException/);
      const other = await t.token({ sub: 'calm', roles: ['admin'] });
      const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${other}`).send(partner);
      expect(res.status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('rate-limits requests with bad tokens per address: a token guesser is slowed down too', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await t.http().post('/api/partners').set('Authorization', `Bearer forged.token.${i}`).send(partner)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const noToken = await t.http().post('/api/partners').send(partner);
      expect(noToken.status).toBe(429);
      expect(noToken.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(noToken).detail).toMatch(/this address made more than 3 requests/);
      // A valid token has a bucket of its own, whatever its address has done.
      const token = await t.token({ sub: 'honest', roles: ['admin'] });
      expect((await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send(partner)).status).toBe(201);
    } finally {
      await t.close();
    }
  });

  it('does not believe X-Forwarded-For unless TRUST_PROXY says so', async () => {
    // The test client connects from loopback: a list that names it is believed, one that does not is not.
    for (const [TRUST_PROXY, expected] of [
      [undefined, [401, 401, 429, 429]],
      ['false', [401, 401, 429, 429]],
      ['true', [401, 401, 401, 401]],
      ['loopback', [401, 401, 401, 401]],
      ['127.0.0.1, ::1, ::ffff:127.0.0.1', [401, 401, 401, 401]],
      ['10.0.0.0/8', [401, 401, 429, 429]],
    ] as const) {
      const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: 2, ...(TRUST_PROXY !== undefined && { TRUST_PROXY }) });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await t.http().post('/api/partners').set('X-Forwarded-For', `203.0.113.${i}`).send(partner)).status);
        expect({ TRUST_PROXY, statuses }).toEqual({ TRUST_PROXY, statuses: expected });
      } finally {
        await t.close();
      }
    }
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const t = await startTestApp({ BODY_LIMIT_BYTES: 2048 });
    try {
      const token = await t.token({ sub: 'admin', roles: ['admin'] });
      const res = await t
        .http()
        .post('/api/partners')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'x'.repeat(5000), kind: 'police' });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await t.close();
    }
  });
});
