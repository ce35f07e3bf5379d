import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { readLog } from '../support/log-reader';
import { Regie } from '../support/initiative-fixtures';
import { runCli } from '../support/run-cli';
import { startTestApp, type TestApp } from '../support/test-app';

// `$(npm run --silent token -- …)` must give a usable token: one line on stdout, nothing else,
// signed with the same embedded secret the app generated into its data directory.

const ARGS = ['--sub', 'alice', '--roles', 'programme-manager', '--partner', 'p1'];
const ONE_JWT_LINE = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

describe('npm run token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const registerWith = (token: string) =>
    t.http().post('/api/partners').set('Authorization', `Bearer ${token}`).send({ name: 'Veiligheidshuis Kennemerland', kind: 'other' });

  it('prints exactly one line, a JWT for alice as programme manager of p1, that the app accepts', async () => {
    const { code, stdout, stderr } = runCli(['token', ...ARGS], { DATA_DIR: t.dataDir });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(ONE_JWT_LINE);
    const token = stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ sub: 'alice', roles: ['programme-manager'], partner: 'p1' });

    const res = await registerWith(token);
    expect(res.status).toBe(201);
    const { lines } = await readLog(new Regie(t), { after: (res.body as { position: number }).position - 1 });
    expect(lines.map((l) => l.metadata.actor)).toEqual([{ sub: 'alice', partner: 'p1' }]);
  });

  it('does the same through npm itself, as the README tells users to run it', async () => {
    const npm = spawnSync('npm', ['run', '--silent', 'token', '--', ...ARGS], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATA_DIR: t.dataDir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(npm.status).toBe(0);
    expect(npm.stdout).toMatch(ONE_JWT_LINE);
    expect((await registerWith(npm.stdout.trim())).status).toBe(201);
  });

  it('prints nothing on stdout and says why on stderr when a role is unknown', () => {
    const { code, stdout, stderr } = runCli(['token', '--sub', 'alice', '--roles', 'boss'], { DATA_DIR: t.dataDir });
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('--roles takes a comma-separated list of');
  });
});
