import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { ChildScript } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { generateLog } from '../projections/support/log-generator';
import { cleanRebuild, differences, documentsIn } from './support/clean-rebuild';
import { figure } from './support/figures';
import { sized } from './support/size';

// Small: 50 batches of 200, each held open 15 ms, outlast three kills at most 200 ms apart.
const EVENTS = sized(10_000, 20_000);
const KILLS = sized(3, 50);

describe(`kill -9 at ${KILLS} random moments during projection catch-up`, () => {
  const dir = tempDir('regie-catch-up-kills-');
  let last = 0;

  beforeAll(async () => {
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    ({ lastPosition: last } = await generateLog(store, { initiatives: 20, events: EVENTS, chunk: 100 }));
    await store.close();
  }, 120_000);
  afterAll(() => dir.remove());

  // Each read-store transaction lingers a little before it commits, so a kill lands inside one more often than not.
  const run = (delayMs: number) =>
    new ChildScript('test/projections/support/runner-child.ts', { DATA_DIR: dir.path, REGIE_TEST_TX_DELAY_MS: String(delayMs), REGIE_TEST_BATCH: '200' });

  const committed = (child: ChildScript) => {
    const lines = child.lines.filter((l) => l.startsWith('committed '));
    return lines.length ? Number(lines[lines.length - 1].split(' ')[1]) : 0;
  };

  it(
    `every projection equals a clean rebuild afterwards (${EVENTS.toLocaleString('en')} events)`,
    async () => {
      expect(last).toBe(EVENTS);
      const killedAt: number[] = [];
      let previous = 0;
      for (let k = 0; k < KILLS; k++) {
        const child = run(15);
        await child.waitFor((l) => l === 'started' || l.startsWith('caught-up'), 60_000);
        if (child.lines.some((l) => l.startsWith('caught-up'))) break;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
        child.process.kill('SIGKILL');
        await child.exited();
        if (child.lines.some((l) => l.startsWith('caught-up'))) break;
        const reached = committed(child);
        // A run resumes from the checkpoints the last one left: it never starts over from 0.
        const first = child.lines.find((l) => l.startsWith('committed '));
        if (first) expect(Number(first.split(' ')[1])).toBeGreaterThanOrEqual(previous);
        previous = Math.max(previous, reached);
        killedAt.push(reached);
      }
      const resumed = run(0);
      await resumed.waitFor((l) => l.startsWith('caught-up'), 120_000);
      expect(await resumed.exited()).toBe(0);

      const diff = differences(await documentsIn(dir.path), await cleanRebuild(dir.path));
      figure(
        `${killedAt.length} kills (at positions ${killedAt.slice(0, 5).join(', ')}${killedAt.length > 5 ? ', …' : ''}); diff to a clean rebuild: ${diff.length}`,
      );
      expect(killedAt.length).toBeGreaterThanOrEqual(Math.min(KILLS, 3));
      expect(diff).toEqual([]);
    },
    sized(240_000, 600_000),
  );
});
