import request from 'supertest';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { SqliteEventStore, sqliteFile } from '../libs/event-store/src';
import { ChildScript } from './support/child-process';
import { tempDir } from './support/temp-dir';

describe('graceful shutdown', () => {
  it('SIGTERM lets in-flight commands finish, exits 0, and every acknowledged command is stored', async () => {
    const dir = tempDir('regie-shutdown-');
    const api = new ChildScript('apps/api/src/main.ts', { DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const line = await api.waitFor((l) => l.startsWith('Regie API on '));
      const url = line.match(/http:\/\/localhost:\d+/)![0];
      const token = await signToken({ sub: 'admin', roles: ['admin'] }, embeddedSecret(dir.path));
      const post = (i: number) => request(url).post('/api/partners').set('Authorization', `Bearer ${token}`)
        .send({ name: `Gemeente ${i}`, kind: 'municipality' }).then((r) => r, () => null);
      const inFlight = Array.from({ length: 40 }, (_, i) => post(i));
      const first = await Promise.race(inFlight);
      expect(first?.status).toBe(201);
      api.process.kill('SIGTERM');
      const answers = await Promise.all(inFlight);
      const code = await api.exited();
      expect(code).toBe(0);

      const acknowledged = answers.filter((r) => r?.status === 201).map((r) => r!.body.id as string);
      // Refused late requests are fine; a request that got no answer at all must not be one that was half-done.
      expect(answers.every((r) => r === null || r.status === 201 || r.status === 503)).toBe(true);
      const store = SqliteEventStore.open(sqliteFile(dir.path));
      const streams = new Set((await store.listStreams()).map((s) => s.stream));
      await store.close();
      expect(acknowledged.filter((id) => !streams.has(`partner-${id}`))).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(0);
    } finally {
      api.process.kill('SIGKILL');
      dir.remove();
    }
  });
});
