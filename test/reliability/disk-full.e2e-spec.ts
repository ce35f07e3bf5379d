import type { Response } from 'supertest';
import { bodyOf, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { readLog } from '../support/log-reader';
import { tempDir } from '../support/temp-dir';
import { type ApiProcess, startApiProcess } from './support/api-process';
import { figure, tally } from './support/figures';
import { sized } from './support/size';
import { fillUp, makeRoom, seenBy, smallDiskWrapper } from './support/small-disk';

const COMMANDS = sized(30, 150);
const DISK_KB = 8 * 1024;

describe(`disk full (a ${DISK_KB / 1024} MiB tmpfs under DATA_DIR)`, () => {
  const mountPoint = tempDir('regie-disk-full-');
  let api: ApiProcess;
  afterAll(async () => {
    await api?.kill().catch(() => undefined);
    mountPoint.remove();
  });

  it('commands answer 503 problem documents with Retry-After, readiness says so, nothing acknowledged is lost, and it recovers when space returns', async () => {
    api = await startApiProcess(mountPoint.path, {}, smallDiskWrapper(mountPoint.path, DISK_KB));
    const disk = seenBy(api.child.process.pid!, mountPoint.path);
    const regie = new Regie(api.asTestApp);
    const p: Record<keyof typeof HAARLEM_NETWORK, Partner> = await regie.registerPartners(HAARLEM_NETWORK);
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.walkTo('pilot');

    const filled = fillUp(disk);
    const lesson = (i: number) =>
      walk.send('post', '/lessons', { headers: { 'Idempotency-Key': `full-${i}` }, body: { lesson: `written on a full disk ${i}` } });
    const during: Response[] = [];
    for (let i = 0; i < COMMANDS; i += 5) during.push(...(await Promise.all([0, 1, 2, 3, 4].map((k) => lesson(i + k)))));
    const statuses = during.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const refused of during.filter((r) => r.status === 503)) {
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({ status: 503, type: expect.stringMatching(/\/problems\/store-(full|io-error)$/) as unknown });
    }
    const live = await api.asTestApp.http().get('/health/live');
    const ready = await api.asTestApp.http().get('/health/ready');
    expect(live.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(bodyOf<{ details: Record<string, unknown> }>(ready).details.storeWrites).toMatchObject({
      status: 'down',
      cause: expect.stringMatching(/full|io/) as unknown,
    });
    const reads = await walk.send('get', '/history');
    expect(reads.status).toBe(200);

    makeRoom(disk);
    const after: Response[] = [];
    for (let i = 0; i < COMMANDS; i += 5) after.push(...(await Promise.all([0, 1, 2, 3, 4].map((k) => lesson(i + k)))));
    expect(tally(after.map((r) => r.status))).toBe(`201 × ${COMMANDS}`);
    during.forEach((r, i) => {
      if (r.status === 201) expect(after[i].body).toEqual(r.body);
    });
    const { lines } = await readLog(regie);
    for (let i = 0; i < COMMANDS; i++) {
      expect({ i, times: lines.filter((l) => l.data.lesson === `written on a full disk ${i}`).length }).toEqual({ i, times: 1 });
    }
    const until = Date.now() + 40_000;
    let readyAgain = 0;
    while (Date.now() < until && (readyAgain = (await api.asTestApp.http().get('/health/ready')).status) !== 200) await new Promise((r) => setTimeout(r, 500));
    figure(
      `filler ${Math.round(filled / 1024)} KiB: commands ${tally(statuses)}; /health/ready 503, /health/live 200, reads 200; after room: 201 × ${COMMANDS}, each once; ready ${readyAgain}`,
    );
    expect(readyAgain).toBe(200);
    expect(api.child.process.exitCode).toBeNull();
  }, 180_000);
});
