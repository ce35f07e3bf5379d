import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, embeddedSecret } from '../../libs/auth/src';
import { readLog } from '../support/log-reader';
import { bodyOf, type Created, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { figure } from './support/figures';

// Production mode: an OpenID Connect provider signs the tokens and publishes its public keys as a
// JWKS. The provider is the true external edge here, so it is played by a local HTTP server that
// serves real keys; the app fetches and verifies exactly as it would against the real one.

const ISSUER = 'https://login.example.test/realms/regie';
const AUDIENCE = 'regie-api';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
}

const sign = (
  key: { kid?: string; alg: string; privateKey: KeyLike | Uint8Array },
  claims: JWTPayload,
  options: { issuer?: string; audience?: string; expires?: string | number } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(key.kid && { kid: key.kid }) })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(key.privateKey);

describe('tokens of an OpenID Connect provider, verified against its JWKS', () => {
  let jwksServer: Server;
  let t: TestApp;
  let rsa: SigningKey;
  let ec: SigningKey;
  let jwksRequests = 0;
  let registeredAt = 0;
  let keys: JWK[];
  let rsaPublicPem: string;
  let refused = 0;

  const pm = { sub: 'oidc-alice', roles: ['programme-manager'] };
  const admin = { sub: 'oidc-root', roles: ['admin'] };
  const expect401 = async (token: string) => {
    const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send({ name: 'Mallory Inc', kind: 'other' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401 });
    refused++;
  };

  beforeAll(async () => {
    const rsaPair = await generateKeyPair('RS256', { extractable: true });
    const ecPair = await generateKeyPair('ES256', { extractable: true });
    rsa = { kid: 'rsa-1', alg: 'RS256', privateKey: rsaPair.privateKey };
    ec = { kid: 'ec-1', alg: 'ES256', privateKey: ecPair.privateKey };
    rsaPublicPem = await exportSPKI(rsaPair.publicKey);
    keys = [
      { ...(await exportJWK(rsaPair.publicKey)), kid: rsa.kid, alg: rsa.alg, use: 'sig' },
      { ...(await exportJWK(ecPair.publicKey)), kid: ec.kid, alg: ec.alg, use: 'sig' },
    ];
    jwksServer = createServer((req, res) => {
      if (req.url !== '/protocol/openid-connect/certs') {
        res.writeHead(404).end();
        return;
      }
      jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await startTestApp({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it('accepts an RS256 token: the programme manager registers a partner, and the event names that subject', async () => {
    const token = await sign(rsa, pm);
    const res = await t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send({ name: 'Politie Kennemerland', kind: 'police' });
    expect(res.status).toBe(201);
    registeredAt = bodyOf<Created>(res).position;
    const { lines } = await readLog(new Regie(t), { after: registeredAt - 1, token: await sign(rsa, admin) });
    expect(lines).toEqual([
      expect.objectContaining({ type: 'PartnerRegistered', metadata: expect.objectContaining({ actor: { sub: 'oidc-alice', partner: null } }) as unknown }),
    ]);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('accepts an ES256 token: a member reads the partner registry', async () => {
    const token = await sign(ec, { sub: 'oidc-bob', roles: ['partner-member'], partner: 'p-somewhere' });
    const res = await t.http().get(`/api/partners?minPosition=${registeredAt}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(bodyOf<Array<{ name: string }>>(res).map((p) => p.name)).toContain('Politie Kennemerland');
  });

  it('refuses a token signed by another key under a published key id: 401', async () => {
    const impostor = await generateKeyPair('RS256');
    await expect401(await sign({ kid: rsa.kid, alg: 'RS256', privateKey: impostor.privateKey }, pm));
  });

  it('refuses a token signed by a key the provider never published: 401', async () => {
    const stranger = await generateKeyPair('ES256');
    await expect401(await sign({ kid: 'not-published', alg: 'ES256', privateKey: stranger.privateKey }, pm));
  });

  it('refuses a token from another issuer: 401', async () => {
    await expect401(await sign(rsa, pm, { issuer: 'https://login.example.test/realms/other' }));
  });

  it('refuses a token for another audience: 401', async () => {
    await expect401(await sign(ec, pm, { audience: 'some-other-api' }));
  });

  it('refuses an expired token: 401', async () => {
    await expect401(await sign(rsa, pm, { expires: Math.floor(Date.now() / 1000) - 120 }));
  });

  it('refuses an HS256 token, even one signed with the embedded secret in the data directory: 401', async () => {
    await expect401(await sign({ alg: 'HS256', privateKey: embeddedSecret(t.dataDir) }, pm));
    await expect401(await sign({ alg: 'HS256', privateKey: new TextEncoder().encode('x'.repeat(48)) }, pm));
  });

  it('refuses an unsigned token (alg none): 401', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await expect401(`${b64({ alg: 'none', typ: 'JWT', kid: rsa.kid })}.${b64({ ...pm, iss: ISSUER, aud: AUDIENCE, exp: 9999999999 })}.`);
  });

  it("refuses an HS256 token signed with the provider's public RSA key as the secret (HS/RS confusion): 401", async () => {
    await expect401(await sign({ kid: rsa.kid, alg: 'HS256', privateKey: new TextEncoder().encode(rsaPublicPem) }, pm));
  });

  it(`refuses a token expired beyond the ${CLOCK_TOLERANCE_SECONDS} s clock tolerance: 401`, async () => {
    await expect401(await sign(ec, pm, { expires: Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS - 5 }));
  });

  it('refuses garbage and an oversized token: 401 problem documents', async () => {
    for (const garbage of [
      'garbage',
      'a.b.c',
      '...',
      'eyJhbGciOiJub25lIn0',
      `${'x'.repeat(40)}.${'y'.repeat(40)}.${'z'.repeat(40)}`,
      'Bearer Bearer',
      'é.é.é',
    ]) {
      await expect401(garbage);
    }
    await expect401(await sign(rsa, { ...pm, padding: 'p'.repeat(8 * 1024) }));
  });

  it('picks up a key rotation at the provider without a restart', async () => {
    const next = await generateKeyPair('RS256', { extractable: true });
    keys = [...keys, { ...(await exportJWK(next.publicKey)), kid: 'rsa-2', alg: 'RS256', use: 'sig' }];
    const token = await sign({ kid: 'rsa-2', alg: 'RS256', privateKey: next.privateKey }, pm);
    // The verifier refetches the key set for an unknown key id at most every 30 s (jose's cooldown).
    const until = Date.now() + 45_000;
    let status = 0;
    const started = Date.now();
    while (Date.now() < until) {
      status = (await t.http().get('/api/partners').set('Authorization', `Bearer ${token}`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    figure(`${refused} forged, broken or foreign tokens: 401 each; rotated key accepted after ${Math.round((Date.now() - started) / 1000)} s`);
    expect(status).toBe(200);
  }, 60_000);

  it('none of the refused tokens appended anything', async () => {
    const { lines } = await readLog(new Regie(t), { token: await sign(ec, admin) });
    expect(lines.map((l) => l.type)).toEqual(['PartnerRegistered']);
  });
});
