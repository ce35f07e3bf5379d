/**
 * A command on an initiative the state cache lacks (after a restart) starts from the portfolio's
 * copy of its state and reads only the events after that copy's revision: a copy that lags behind
 * the log is caught up from the log, never trusted past its revision.
 */
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { ProjectionTables, type PortfolioDoc } from '../../libs/projections/src';
import type { OpenedReadStore } from '../../libs/read-store/src';
import { openAppStores } from '../support/e2e-store';
import { expectAnswer, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';

describe("commands after a restart start from the portfolio's copy of the state", () => {
  let t: TestApp;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  // The app's data outlives each app: restarts come back to it (on PostgreSQL to the same database).
  const data = tempDir('regie-copy-');

  const withReadStore = async <T>(fn: (read: OpenedReadStore) => Promise<T>): Promise<T> => {
    const { events, read } = await openAppStores(t);
    try {
      return await fn(read);
    } finally {
      await events.close();
      await read.close();
    }
  };
  const portfolioCopy = async (read: OpenedReadStore): Promise<string> => {
    const { body } = await new ProjectionTables(read).liveDocument('portfolio', walk.id);
    if (body === null) throw new Error('the portfolio has no document of the initiative');
    return body;
  };
  const overwriteCopy = (read: OpenedReadStore, body: string) =>
    read.execute("UPDATE projection_documents SET body = ? WHERE name = 'portfolio' AND id = ?", [body, walk.id]);
  /** Waits until the portfolio has seen `position`, so the copy in the read store is up to date. */
  const portfolioAt = async (position: number) => {
    const regie = new Regie(t);
    await expectAnswer(regie.send('get', `/api/initiatives?minPosition=${position}`, { token: await regie.admin() }), 200);
  };
  const restart = async () => {
    await t.close();
    t = await startTestApp({ DATA_DIR: data.path });
    walk = InitiativeWalk.of(new Regie(t), walk.id, p.haarlem, [p.haarlem, p.police, p.ggz]);
  };

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: data.path });
    const regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.ggz] });
  });
  afterAll(async () => {
    await t?.close();
    data.remove();
  });

  it('a copy that lags behind the log is caught up from it: the revision counts on, and a partner that left since may not act', async () => {
    await portfolioAt((await walk.history()).at(-1)!.position);
    const behind = await withReadStore(portfolioCopy);
    const revisionBehind = (JSON.parse(behind) as PortfolioDoc).revision;
    expect(revisionBehind).toBe(await walk.revision());

    // After the copy was taken: the police share their view, then leave.
    await walk.ok('post', '/perspectives', { partnerId: p.police.id, summary: 'How the police see it' }, { token: await walk.regie.member(p.police) });
    const left = await walk.ok<CommandAnswer>('delete', `/partners/${p.police.id}`);
    await portfolioAt(left.body.position);
    // The projection lags (as if it had stopped before these two events): its copy is the old one again.
    await withReadStore((read) => overwriteCopy(read, behind));
    await restart();

    const refused = await walk.send('post', '/perspectives', {
      body: { partnerId: p.police.id, summary: 'still here?' },
      token: await walk.regie.member(p.police),
    });
    expect(refused.status).toBe(404);
    const next = await walk.ok<CommandAnswer>(
      'post',
      '/perspectives',
      { partnerId: p.ggz.id, summary: 'How mental-health care sees it' },
      { token: await walk.regie.member(p.ggz), headers: { 'If-Match': `"${left.body.revision}"` } },
    );
    expect(next.body.revision).toBe(revisionBehind + 3);
  });

  it('the copy is where a command starts: one edited by hand at the current revision shows through', async () => {
    const revision = await walk.revision();
    await portfolioAt((await walk.history()).at(-1)!.position);
    const copy = JSON.parse(await withReadStore(portfolioCopy)) as PortfolioDoc;
    expect(copy.revision).toBe(revision);
    // Only a test does this: the read store is as trusted as the log beside it, and a copy claims no more than its revision.
    const edited = { ...copy, state: { ...copy.state, partners: copy.state.partners.map((x) => (x.partnerId === p.ggz.id ? { ...x, active: false } : x)) } };
    await withReadStore((read) => overwriteCopy(read, JSON.stringify(edited)));
    await restart();
    const refused = await walk.send('post', '/urgency-confirmations', { body: { partnerId: p.ggz.id }, token: await walk.regie.member(p.ggz) });
    expect(refused.status).toBe(404);
  });
});
