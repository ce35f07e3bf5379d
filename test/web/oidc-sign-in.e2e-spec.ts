import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { createApp } from '../../apps/api/src/app.factory';
import { tempDir } from '../support/temp-dir';
import { launchBrowser, screenshot, watchErrors } from './support/browser';

// With AUTH_JWKS_URL the web app signs in through the organisation's OpenID Connect provider:
// authorization code with PKCE. The provider is the true external edge, so a small local one plays
// it: it checks the PKCE proof as a real one would and signs RS256 tokens the API verifies.

const CLIENT_ID = 'regie-web';
const AUDIENCE = 'regie-api';

interface Grant {
  challenge: string;
  redirectUri: string;
  state: string;
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

describe('signing in to the web app through an OpenID Connect provider', () => {
  let provider: Server;
  let issuer: string;
  let privateKey: KeyLike;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let browser: Browser;
  const dir = tempDir('regie-oidc-web-');
  const grants = new Map<string, Grant>();
  const proofs: Array<{ verified: boolean }> = [];

  const accessToken = () =>
    new SignJWT({ roles: ['analyst'], partner: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setSubject('oidc-analyst-7')
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  const idToken = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setSubject('oidc-analyst-7')
      .setIssuer(issuer)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const answer = async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', issuer);
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' };
      if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
      if (url.pathname === '/.well-known/openid-configuration') {
        return void res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/certs`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
          }),
        );
      }
      if (url.pathname === '/certs') return void res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('response_type') !== 'code' || q.get('client_id') !== CLIENT_ID || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
          return void res.writeHead(400).end('authorization code with PKCE (S256) only');
        }
        const code = randomUUID();
        grants.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')!, state: q.get('state')! });
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state')!);
        return void res.writeHead(302, { location: back.toString() }).end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        const verified =
          !!grant &&
          base64url(
            createHash('sha256')
              .update(form.get('code_verifier') ?? '')
              .digest(),
          ) === grant.challenge &&
          form.get('redirect_uri') === grant.redirectUri;
        proofs.push({ verified });
        if (!verified) return void res.writeHead(400, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
        return void res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: await accessToken(),
            id_token: await idToken(),
            token_type: 'Bearer',
            expires_in: 600,
            scope: 'openid',
          }),
        );
      }
      res.writeHead(404, cors).end();
    };
    // A failure in the fake provider answers 500 (and fails the test), not an unhandled rejection.
    provider = createServer((req, res) => void answer(req, res).catch((error: unknown) => res.writeHead(500).end(String(error))));
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    app = await createApp({
      DATA_DIR: dir.path,
      RATE_LIMIT_PER_MINUTE: 0,
      LOG_LEVEL: 'silent',
      AUTH_JWKS_URL: `${issuer}/certs`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: AUDIENCE,
      OIDC_CLIENT_ID: CLIENT_ID,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => provider?.close(resolve));
    dir.remove();
  });

  it('signs in with authorization code + PKCE, keeps the token out of every address, and offers no demo people', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => addresses.push(frame.url()));
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    const button = page.locator('#oidc-heading + button');
    await button.waitFor();
    expect(await page.locator('.demo-users').count()).toBe(0);
    await button.click();
    await page.waitForSelector('.who');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.who strong').textContent()).toBe('oidc-analyst-7');
    // The API took the provider's token: the portfolio answered (an empty one, for a new analyst).
    await page.waitForSelector('.count');
    expect(proofs).toEqual([{ verified: true }]);
    expect(addresses.some((a) => a.startsWith(`${issuer}/authorize`) || a.includes('/sign-in/callback?code='))).toBe(true);
    expect(addresses.filter((a) => /access_token|id_token|eyJ/.test(a))).toEqual([]);
    await screenshot(page, 'oidc-signed-in');
    expect(errors).toEqual([]);
    await page.close();
  });
});
