import type { AccessLogPage } from '../../apps/api/src/access-log/access-log.dto';
import { AccessLogWriter } from '../../apps/api/src/access-log/access-log.writer';
import { AccessLogStore } from '../../apps/api/src/access-log/access-log.store';
import { verifyAccessLog } from '../../apps/api/src/access-log/verify-access-log';
import { openAppStores } from '../support/e2e-store';
import { expectStatus, InitiativeWalk, Regie } from '../support/initiative-fixtures';
import { startTestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

describe('the access log is written off the request path and loses nothing on a clean shutdown', () => {
  it('writes what still waited in memory when the app closed', async () => {
    const dir = tempDir('regie-access-log-shutdown-');
    try {
      // A flush interval far beyond the test: only the shutdown can have written these.
      const t = await startTestApp({ DATA_DIR: dir.path, ACCESS_LOG_FLUSH_MS: 600_000 });
      const regie = new Regie(t);
      const municipality = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
      const walk = await InitiativeWalk.start(regie, { regisseur: municipality });
      for (let i = 0; i < 7; i++) await expectStatus(regie.send('get', walk.path(), { token: await walk.pm() }), 200);
      const writer = t.app.get(AccessLogWriter);
      expect(writer.pending).toBe(7);
      expect(await writer.store.count()).toBe(0);
      await t.close();

      const { events, read } = await openAppStores(t);
      try {
        const store = new AccessLogStore(read);
        expect(await store.count()).toBe(7);
        expect(await verifyAccessLog(store, null)).toEqual({ ok: true, count: 7, from: null });
      } finally {
        await events.close();
        await read.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('writes a full batch of 100 at once, without waiting for the timer', async () => {
    const t = await startTestApp({ ACCESS_LOG_FLUSH_MS: 600_000 });
    try {
      const regie = new Regie(t);
      const municipality = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
      const walk = await InitiativeWalk.start(regie, { regisseur: municipality });
      const token = await walk.pm();
      for (let i = 0; i < 105; i++) await expectStatus(regie.send('get', walk.path('/history'), { token }), 200);
      const writer = t.app.get(AccessLogWriter);
      await writer.flush().catch(() => undefined);
      expect(await writer.store.count()).toBe(105);
      expect(writer.pending).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('with ACCESS_LOG=off records nothing', async () => {
    const t = await startTestApp({ ACCESS_LOG: 'off' });
    try {
      const regie = new Regie(t);
      const municipality = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
      const walk = await InitiativeWalk.start(regie, { regisseur: municipality });
      await expectStatus(regie.send('get', walk.path(), { token: await walk.pm() }), 200);
      const log = await expectStatus(regie.send('get', walk.path('/access-log'), { token: await walk.pm() }), 200);
      expect((log.body as AccessLogPage).entries).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
