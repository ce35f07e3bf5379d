import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { embeddedSecret, signToken } from '../../libs/auth/src';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

// Two mistakes a newcomer makes in the first hour, each answered in one line they can act on.

describe('errors a newcomer understands', () => {
  let t: TestApp;
  const other = tempDir('regie-other-secret-');
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    other.remove();
  });

  it('a token made against another data directory says this server did not sign it and where its secret lives', async () => {
    const foreign = await signToken({ sub: 'alice', roles: ['admin'] }, embeddedSecret(other.path));
    const res = await t.http().get('/api/partners').set('Authorization', `Bearer ${foreign}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const { detail } = res.body as ProblemDocument;
    expect(detail).toContain('this server did not sign it');
    expect(detail).toContain(`${t.dataDir}/auth-secret`);
  });

  it('a port in use is one line naming the port, not a stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir('regie-port-');
    try {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'apps/api/src/main.ts'], {
        env: { ...process.env, PORT: String(port), DATA_DIR: dir.path, LOG_LEVEL: 'silent', EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `Regie cannot start: port ${port} is already in use (another Regie, or another program): stop it, or start on another port with PORT=<n>`,
      ]);
    } finally {
      blocker.close();
      dir.remove();
    }
  });
});
