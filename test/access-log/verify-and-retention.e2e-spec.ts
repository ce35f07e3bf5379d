import { AccessLogRetention } from '../../apps/api/src/access-log/access-log.retention';
import { AccessLogWriter } from '../../apps/api/src/access-log/access-log.writer';
import type { AccessRecord } from '../../libs/access-log/src';
import { openAppStores } from '../support/e2e-store';
import { expectStatus, InitiativeWalk, Regie } from '../support/initiative-fixtures';
import { runCli } from '../support/run-cli';
import { startTestApp, type TestApp } from '../support/test-app';

/** `verify` on the app's own stores (its data directory, or its PostgreSQL database). */
const verify = (t: TestApp) =>
  runCli(['verify'], {
    DATA_DIR: t.dataDir,
    ...(t.databaseUrl ? { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: t.databaseUrl } : { EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' }),
  });

/** Runs SQL on the app's read store from outside, as someone with access to the database would. */
const tamper = async (t: TestApp, sql: string, params: unknown[] = []) => {
  const { events, read } = await openAppStores(t);
  try {
    if (/^\s*SELECT/i.test(sql)) return await read.query<Record<string, unknown>>(sql, params);
    await read.execute(sql, params);
    return [];
  } finally {
    await events.close();
    await read.close();
  }
};

// Each `verify` is a CLI process of its own (ts-node): several seconds on a busy machine.
jest.setTimeout(180_000);

const oldRead = (at: string, n: number): AccessRecord => ({
  at,
  subject: `former-${n}`,
  partner: null,
  roles: ['admin'],
  initiativeId: 'x',
  method: 'GET',
  route: '/api/initiatives/x',
  query: '',
  status: 200,
});

describe('npm run cli -- verify: the access log is tamper-evident', () => {
  let t: TestApp;
  let walk: InitiativeWalk;

  beforeAll(async () => {
    t = await startTestApp();
    const regie = new Regie(t);
    const municipality = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    walk = await InitiativeWalk.start(regie, { regisseur: municipality });
    for (const suffix of ['', '/history', '?atRevision=0', '/history', '', '/history'])
      await expectStatus(regie.send('get', walk.path(suffix), { token: await walk.pm() }), 200);
    await t.app.get(AccessLogWriter).flush();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the access log whole beside the event log', () => {
    const result = verify(t);
    expect(result.stdout).toMatch(/^ok \d+\naccess-log ok 6\n$/);
    expect(result.code).toBe(0);
  });

  it('names an entry whose content was changed in the database', async () => {
    await tamper(t, 'UPDATE access_log SET subject = ? WHERE sequence = 3', ['someone-else']);
    const result = verify(t);
    expect(result.stdout).toMatch(/\nbroken access-log at entry 3: hash does not match the content and the chain\n$/);
    expect(result.code).toBe(1);
    await tamper(t, 'UPDATE access_log SET subject = ? WHERE sequence = 3', [`programme-manager@${walk.regisseur.id}`]);
    expect(verify(t).code).toBe(0);
  });

  it('names an entry removed from the middle, and the first entry removed without a signed head', async () => {
    await tamper(t, 'DELETE FROM access_log WHERE sequence = 4');
    let result = verify(t);
    expect(result.stdout).toMatch(/\nbroken access-log at entry 4: entry 4 is missing \(the next kept one is 5\)\n$/);
    expect(result.code).toBe(1);
    await tamper(t, 'DELETE FROM access_log WHERE sequence < 4');
    result = verify(t);
    expect(result.stdout).toMatch(/\nbroken access-log at entry 1: entry 1 is missing/);
    expect(result.code).toBe(1);
  });
});

describe('access-log retention (ACCESS_LOG_RETENTION_MONTHS)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_LOG_RETENTION_MONTHS: 60 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('prunes whole days older than the retention period, leaves a signed head, and verify still passes', async () => {
    const writer = t.app.get(AccessLogWriter);
    const retention = t.app.get(AccessLogRetention);
    // Relative to the real clock: the job also runs once at start, and must find the same days old.
    const daysAgo = (days: number, hour = 8) =>
      new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - days, hour)).toISOString();
    const reads = [daysAgo(7 * 366), daysAgo(7 * 366, 17), daysAgo(6 * 366), daysAgo(58 * 30), daysAgo(58 * 30, 20)];
    reads.forEach((at, i) => writer.record(oldRead(at, i)));
    await writer.flush();
    const regie = new Regie(t);
    const municipality = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    const walk = await InitiativeWalk.start(regie, { regisseur: municipality });
    await expectStatus(regie.send('get', walk.path('/history'), { token: await walk.pm() }), 200);
    await writer.flush();

    const result = await retention.prune(new Date());
    expect(result.keptFrom > reads[2].slice(0, 10) && result.keptFrom <= reads[3].slice(0, 10)).toBe(true);
    const left = await tamper(t, 'SELECT sequence, segment FROM access_log ORDER BY sequence');
    expect(left.map((r) => [Number(r.sequence), r.segment])).toEqual([
      [4, reads[3].slice(0, 10)],
      [5, reads[3].slice(0, 10)],
      [6, new Date().toISOString().slice(0, 10)],
    ]);
    const heads = await tamper(t, 'SELECT sequence, segment FROM access_log_heads');
    expect(heads.map((r) => [Number(r.sequence), r.segment])).toEqual([[3, reads[2].slice(0, 10)]]);

    let verified = verify(t);
    expect(verified.stdout).toMatch(/\naccess-log ok 3 \(after the signed head at entry 3\)\n$/);
    expect(verified.code).toBe(0);

    // The chain goes on from the kept entries; a run with nothing old enough changes nothing.
    await expectStatus(regie.send('get', walk.path(), { token: await walk.pm() }), 200);
    await writer.flush();
    expect(await retention.prune(new Date())).toMatchObject({ removed: 0, head: null });
    verified = verify(t);
    expect(verified.stdout).toMatch(/\naccess-log ok 4 \(after the signed head at entry 3\)\n$/);

    // Removing the oldest kept day without the key shows: the chain no longer starts where the head says.
    await tamper(t, 'DELETE FROM access_log WHERE sequence = 4');
    verified = verify(t);
    expect(verified.stdout).toMatch(/\nbroken access-log at entry 4: entry 4 is missing/);
    expect(verified.code).toBe(1);

    // A head moved on without the key does not verify either.
    await tamper(t, 'UPDATE access_log_heads SET sequence = 4');
    verified = verify(t);
    expect(verified.stdout).toMatch(/\nbroken access-log at entry 4: the segment head's signature does not hold\n$/);
    expect(verified.code).toBe(1);
  });
});
