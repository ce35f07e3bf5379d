/**
 * COMMAND_CONCURRENCY: commands beyond the limit wait their turn, reads never do, and a client that
 * leaves (in line or while its command runs) gives its turn back.
 */
import { connect, type Socket } from 'node:net';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('commands take turns; reads do not wait for them', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ COMMAND_CONCURRENCY: 1 });
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await t.close();
  });

  /** A command whose body never finishes arriving: it holds its turn until the socket goes. */
  const unfinishedCommand = async (): Promise<Socket> => {
    const token = await regie.member(p.police);
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/initiatives/${walk.id}/perspectives HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"partnerId":',
    );
    return socket;
  };
  const perspective = async (summary: string) =>
    fetch(`http://127.0.0.1:${port}/api/initiatives/${walk.id}/perspectives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await regie.member(p.police)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ partnerId: p.police.id, summary }),
    });

  it('while one command holds the only turn, the next waits and a read is answered; the next runs once the turn passes', async () => {
    const holder = await unfinishedCommand();
    await sleep(100);
    let waited = false;
    const next = perspective('the next in line').then((res) => ((waited = true), res));
    await sleep(300);
    expect(waited).toBe(false);
    const read = await fetch(`http://127.0.0.1:${port}/api/initiatives/${walk.id}`, { headers: { authorization: `Bearer ${await regie.admin()}` } });
    expect(read.status).toBe(200);
    expect(waited).toBe(false);
    holder.destroy();
    const answer = await next;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as CommandAnswer).revision).toBe(await walk.revision());
  });

  it('clients that leave, in line or holding the turn, give it back: the commands after them still run', async () => {
    const holder = await unfinishedCommand();
    await sleep(100);
    const leavers = await Promise.all([unfinishedCommand(), unfinishedCommand(), unfinishedCommand()]);
    await sleep(100);
    for (const s of leavers) s.destroy();
    holder.destroy();
    for (let i = 0; i < 3; i++) expect((await perspective(`after the leavers ${i}`)).status).toBe(200);
    // Each in the log once; none of the leavers' (their bodies never arrived).
    const shared = (await walk.history()).filter((e) => e.type === 'PerspectiveShared').map((e) => (e.data as { summary: string }).summary);
    expect(shared.filter((x) => x.startsWith('after the leavers')).sort()).toEqual(['after the leavers 0', 'after the leavers 1', 'after the leavers 2']);
  });
});
