import { ChildScript } from './support/child-process';
import { tempDir } from './support/temp-dir';

describe('starting the API with bad settings', () => {
  it('stops before listening, one line per bad setting, without echoing the secret', async () => {
    const dir = tempDir('regie-config-');
    const secret = 'not-long-enough-secret';
    const child = new ChildScript('apps/api/src/main.ts', {
      DATA_DIR: dir.path,
      PORT: 'abc',
      AUTH_SECRET: secret,
      SHUTDOWN_TIMEOUT_MS: '0',
      TRUST_PROXY: 'sometimes',
    });
    try {
      const code = await child.exited();
      expect(code).toBe(1);
      expect(child.lines.filter((l) => l.startsWith('Regie API on '))).toEqual([]);
      expect(child.stderr).toContain('Regie cannot start: invalid configuration');
      const problems = child.stderr.split('\n').filter((l) => l.startsWith('  - '));
      expect(problems.map((l) => l.slice(4, l.indexOf(':')))).toEqual(['PORT', 'AUTH_SECRET', 'SHUTDOWN_TIMEOUT_MS', 'TRUST_PROXY']);
      expect(child.stderr).toContain(`${secret.length} characters, not shown`);
      expect(child.stderr).not.toContain(secret);
    } finally {
      child.process.kill('SIGKILL');
      dir.remove();
    }
  });
});
