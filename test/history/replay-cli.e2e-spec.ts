import { parseAsOf } from '../../apps/api/src/history/as-of';
import { INITIATIVE_STREAM_PREFIX, kpiDashboardAsOf, portfolioAsOf } from '../../apps/api/src/history/history-views';
import { NO_SNAPSHOTS } from '../../apps/api/src/history/snapshots';
import { SNAPSHOT_EVERY } from '../../apps/api/src/history/stream-fold';
import { dashboardTable, portfolioTable } from '../../apps/cli/src/commands/replay.command';
import type { EventStore } from '../../libs/event-store/src';
import type { OpenedReadStore } from '../../libs/read-store/src';
import { generateLog } from '../projections/support/log-generator';
import { e2eStores, openAppStores } from '../support/e2e-store';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

const ADMIN = { sub: 'test', roles: ['admin'] as const };

/** `npm run cli -- replay`: the API's as-of folds, printed as plain tables, from the store the environment names. */
describe('the analyst CLI: replay --as-of', () => {
  const dir = tempDir('regie-replay-');
  let env: Record<string, string>;
  let events: EventStore;
  let read: OpenedReadStore;
  let id: string;
  let moment: string;
  /** the chosen initiative's last event: a fold to it passes a snapshot boundary */
  let late: string;

  beforeAll(async () => {
    const stores = await e2eStores({ DATA_DIR: dir.path });
    env = { DATA_DIR: dir.path, ...Object.fromEntries(Object.entries(stores.overrides).map(([k, v]) => [k, String(v)])) };
    ({ events, read } = await openAppStores({ dataDir: dir.path, databaseUrl: stores.databaseUrl }));
    await generateLog(events, { initiatives: 3, events: 2_400, seed: 3 });
    const streams = (await events.listStreams()).filter((s) => s.stream.startsWith(INITIATIVE_STREAM_PREFIX)).sort((a, b) => b.revision - a.revision);
    id = streams[0].stream.slice(INITIATIVE_STREAM_PREFIX.length);
    const stream = await events.readStream(streams[0].stream);
    if (stream.length <= SNAPSHOT_EVERY)
      throw new Error(`the longest generated initiative has ${stream.length} events; the snapshot check needs more than ${SNAPSHOT_EVERY}`);
    moment = stream[Math.floor(stream.length * 0.6)].data.occurredAt as string;
    late = stream[stream.length - 1].data.occurredAt as string;
  }, 120_000);

  afterAll(async () => {
    await read?.close();
    await events?.close();
    dir.remove();
  });

  const source = () => ({ store: events, snapshots: NO_SNAPSHOTS });

  it('prints the portfolio as of a moment: id, title, phase, days in phase, attainment, unmet, next review', async () => {
    const result = runCli(['replay', '--as-of', moment], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const asOf = parseAsOf(moment, new Date());
    const { items } = await portfolioAsOf(source(), ADMIN, asOf);
    expect(items).toHaveLength(3);
    expect(result.stdout).toBe(`portfolio as of ${asOf.iso}: 3 initiatives\n\n${portfolioTable(items)}`);
    expect(result.stdout.split('\n')[2]).toMatch(/^id\s+title\s+phase\s+days in phase\s+attainment\s+unmet\s+next review$/);
  });

  it("prints an initiative's KPI dashboard as of a moment, the same with or without snapshots, and a what-if", async () => {
    const asOf = parseAsOf(moment, new Date());
    const dashboard = await kpiDashboardAsOf(source(), id, ADMIN, { asOf });
    const withSnapshots = runCli(['replay', '--as-of', moment, '--initiative', id], env);
    expect(withSnapshots.code).toBe(0);
    expect(withSnapshots.stdout).toBe(
      `KPI dashboard of ${dashboard.title} (${id}) as of ${asOf.iso}; attainment ${Math.round(dashboard.attainment! * 1000) / 1000}\n\n${dashboardTable(dashboard)}`,
    );
    const rows = withSnapshots.stdout.trimEnd().split('\n').slice(4);
    expect(rows).toHaveLength(dashboard.effects.flatMap((e) => e.kpis).reduce((n, k) => n + Math.max(1, k.statusHistory.length), 0));
    // The read store's snapshots, as the API's: a fold that passes a boundary leaves one there.
    expect(runCli(['replay', '--as-of', late, '--initiative', id], env).code).toBe(0);
    expect(Number((await read.query<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots'))[0].n)).toBeGreaterThan(0);

    const without = runCli(['replay', '--as-of', moment, '--initiative', id, '--no-snapshots'], env);
    expect(without.stdout).toBe(withSnapshots.stdout);

    const whatIf = runCli(['replay', '--as-of', moment, '--initiative', id, '--tolerance', '0', '--risk-tolerance', '0'], env);
    const strict = await kpiDashboardAsOf(source(), id, ADMIN, { asOf, thresholds: { tolerance: 0, riskTolerance: 0 } });
    expect(whatIf.code).toBe(0);
    expect(whatIf.stdout).toContain('under tolerance 0, riskTolerance 0 (what if)');
    expect(whatIf.stdout.endsWith(dashboardTable(strict))).toBe(true);
  });

  it('refuses what it cannot answer, saying why', () => {
    const future = runCli(['replay', '--as-of', '2999-01-01'], env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/lies in the future/);
    const bands = runCli(['replay', '--as-of', moment, '--initiative', id, '--tolerance', '0.3', '--risk-tolerance', '0.2'], env);
    expect(bands.code).toBe(2);
    expect(bands.stderr).toMatch(/tolerance 0.3 exceeds riskTolerance 0.2/);
    const before = runCli(['replay', '--as-of', '2001-01-01', '--initiative', id], env);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/did not exist yet at 2001-01-01/);
  });
});
