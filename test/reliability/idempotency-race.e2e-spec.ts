import { startTestApp, type TestApp } from '../support/test-app';
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import { figure, tally } from './support/figures';
import { sized } from './support/size';

/** How many copies of one keyed request arrive at once. */
const COPIES = sized(20, 20);
/** How many keys are raced, one after the other. */
const ROUNDS = sized(2, 10);

describe(`one Idempotency-Key sent ${COPIES} times at once`, () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
  });
  afterAll(async () => {
    await t.close();
  });

  // 409 is allowed while the first copy is still in flight; any answer given must be the one answer.
  const expectOneAnswer = (answers: Array<{ status: number; body: unknown }>, success: number) => {
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== success && s !== 409)).toEqual([]);
    const bodies = new Set(answers.filter((a) => a.status === success).map((a) => JSON.stringify(a.body)));
    expect(bodies.size).toBe(1);
    return statuses;
  };

  it(`a command on an initiative: executed once, ${COPIES} identical answers (${ROUNDS} keys)`, async () => {
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await logPosition(regie);
      const body = { partnerId: p.police.id, summary: `round ${round}: we see the networks` };
      const answers = await Promise.all(
        Array.from({ length: COPIES }, () => walk.send('post', '/perspectives', { headers: { 'Idempotency-Key': `race-${round}` }, body })),
      );
      statuses.push(...expectOneAnswer(answers, 200));
      expect(await logPosition(regie)).toBe(before + 1);
    }
    figure(`${tally(statuses)} over ${ROUNDS} keys; 1 append per key`);
  });

  it(`a creating command: one initiative, ${COPIES} answers naming the same id`, async () => {
    const before = await logPosition(regie);
    const token = await regie.pm(p.haarlem);
    const answers = await Promise.all(
      Array.from({ length: COPIES }, () =>
        regie.send('post', '/api/initiatives', {
          token,
          headers: { 'Idempotency-Key': 'race-start' },
          body: { title: 'Raced network', problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id },
        }),
      ),
    );
    const statuses = expectOneAnswer(answers, 201);
    figure(tally(statuses));
    // InitiativeStarted and the regisseur's PartnerJoined: one start's events.
    expect(await logPosition(regie)).toBe(before + 2);
  });

  it('the same key with another body: 422 problem, nothing appended', async () => {
    const before = await logPosition(regie);
    const res = await walk.send('post', '/perspectives', {
      headers: { 'Idempotency-Key': 'race-0' },
      body: { partnerId: p.police.id, summary: 'something else' },
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(res).type).toBe('https://regie.dev/problems/idempotency-key-reused');
    expect(await logPosition(regie)).toBe(before);
  });
});
