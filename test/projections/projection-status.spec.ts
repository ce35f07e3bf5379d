import { projectionStatus, type StatusInput } from '../../libs/projections/src/runner/projection-status';
import type { GenerationRow } from '../../libs/projections/src/runner/projection-tables';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const live: GenerationRow = {
  name: 'portfolio',
  generation: 1,
  version: 1,
  state: 'live',
  checkpoint: 400,
  owner: null,
  createdAt: '2025-06-01T11:00:00.000Z',
  heartbeatAt: '2025-06-01T11:59:59.000Z',
};
const slot = (over: Partial<StatusInput> = {}): StatusInput => ({
  def: { name: 'portfolio', version: 1 },
  kind: 'projection',
  live: { ...live },
  build: null,
  error: null,
  ...over,
});
const status = (s: StatusInput, rows: GenerationRow[] = [live], lastPosition = 1000) =>
  projectionStatus(s, { rows, lastPosition, now: NOW, staleBuildMs: 30_000 });

describe('what GET /api/projections says about a projection', () => {
  it('a live projection: its checkpoint and how far behind the store it is', () => {
    expect(status(slot())).toEqual({
      name: 'portfolio',
      kind: 'projection',
      version: 1,
      state: 'live',
      generation: 1,
      liveVersion: 1,
      checkpoint: 400,
      lastPosition: 1000,
      lag: 600,
      rebuild: null,
      error: null,
      failingSince: null,
    });
  });

  it('takes the checkpoint another instance committed when it is ahead of what this one knows', () => {
    expect(status(slot(), [{ ...live, checkpoint: 900 }])).toMatchObject({ checkpoint: 900, lag: 100 });
  });

  it('a rebuild here shows its progress, rate and time left once it has run long enough to tell', () => {
    const build = { generation: 2, version: 1, checkpoint: 0, folded: 250, startedAt: NOW - 5_000 };
    expect(status(slot({ build })).rebuild).toEqual({
      generation: 2,
      version: 1,
      checkpoint: 0,
      progress: 0.25,
      eventsPerSecond: 50,
      etaSeconds: 15,
      startedAt: new Date(NOW - 5_000).toISOString(),
      builtBy: 'here',
    });
    expect(status(slot({ build: { ...build, startedAt: NOW - 100 } })).rebuild).toMatchObject({ eventsPerSecond: null, etaSeconds: null });
  });

  it('a rebuild elsewhere shows while its writer is heard of, and not once it went quiet', () => {
    const building: GenerationRow = {
      ...live,
      generation: 2,
      state: 'building',
      checkpoint: 500,
      owner: 'cli',
      heartbeatAt: new Date(NOW - 1_000).toISOString(),
    };
    expect(status(slot(), [live, building])).toMatchObject({ state: 'rebuilding', rebuild: { builtBy: 'elsewhere', progress: 0.5 } });
    expect(status(slot(), [live, { ...building, heartbeatAt: new Date(NOW - 60_000).toISOString() }])).toMatchObject({ state: 'live', rebuild: null });
  });

  it('an outdated live version counts as rebuilding even before the new build started', () => {
    expect(status(slot({ def: { name: 'portfolio', version: 2 } }))).toMatchObject({ state: 'rebuilding', version: 2, liveVersion: 1 });
  });
});
