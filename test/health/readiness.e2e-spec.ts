import Database from 'better-sqlite3';
import { join } from 'node:path';
import { bodyOf, expectStatus, HAARLEM_NETWORK, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** What /health and /health/ready answer (Terminus): each indicator's result under its name. */
type HealthReport = { info: Record<string, Record<string, unknown>>; details: Record<string, Record<string, unknown>> };

// Readiness tells a load balancer whether this instance can serve; liveness only whether it runs.
// The projection failure here is real: the read store refuses the portfolio's documents (a trigger
// in read.db, as a full or broken disk would), so the runner stops feeding it and retries.

describe('/health: liveness apart from readiness, and readiness that sees a stopped projection', () => {
  let t: TestApp;
  let regie: Regie;
  let readDb: Database.Database;
  let regisseur: string;

  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' });
    regie = new Regie(t);
    regisseur = Object.values(await regie.registerPartners(HAARLEM_NETWORK))[0].id;
    readDb = new Database(join(t.dataDir, 'read.db'));
    readDb.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    readDb?.close();
    await t.close();
  });

  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`waited 20 s for ${what}`);
  };

  it('is live and ready while the stores answer and every projection is fed', async () => {
    expect((await t.http().get('/health/live')).status).toBe(200);
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(bodyOf<HealthReport>(ready).info).toMatchObject({ eventStore: { status: 'up' }, readStore: { status: 'up' }, projections: { status: 'up' } });
  });

  it('answers 503 naming the stopped projection and its error, stays live, and is ready again once it feeds', async () => {
    readDb.exec(`
      CREATE TRIGGER refuse_portfolio_insert BEFORE INSERT ON projection_documents WHEN NEW.name = 'portfolio'
        BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;
      CREATE TRIGGER refuse_portfolio_update BEFORE UPDATE ON projection_documents WHEN NEW.name = 'portfolio'
        BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END;`);
    const pm = await regie.token('programme-manager', regisseur);
    await expectStatus(
      regie.send('post', '/api/initiatives', { token: pm, body: { title: 'Readiness', problemArea: 'nuisance', regisseurPartnerId: regisseur } }),
      201,
    );

    await waitFor(async () => (await t.http().get('/health/ready')).status === 503, 'readiness to fail');
    const ready = await t.http().get('/health/ready');
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bodyOf<HealthReport>(ready).details.projections.stopped).toEqual(
      expect.arrayContaining([expect.objectContaining({ projection: 'portfolio', error: expect.stringContaining('the disk refused the write') as unknown })]),
    );
    expect((await t.http().get('/health')).status).toBe(503);
    expect((await t.http().get('/health/live')).status).toBe(200);

    readDb.exec('DROP TRIGGER refuse_portfolio_insert; DROP TRIGGER refuse_portfolio_update;');
    await waitFor(async () => (await t.http().get('/health/ready')).status === 200, 'readiness to return');
    const admin = await regie.admin();
    const portfolio = await expectStatus(regie.send('get', '/api/initiatives', { token: admin }), 200);
    expect(bodyOf<Array<{ title: string }>>(portfolio).map((i) => i.title)).toContain('Readiness');
  });
});
