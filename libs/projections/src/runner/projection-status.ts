import type { Build, Slot } from './slot';
import type { GenerationRow } from './projection-tables';

export interface RebuildProgress {
  generation: number;
  version: number;
  checkpoint: number;
  /** 0..1 of the store's current last position */
  progress: number;
  eventsPerSecond: number | null;
  etaSeconds: number | null;
  startedAt: string;
  /** 'here' when this process builds it, 'elsewhere' for another process (the CLI, another instance) */
  builtBy: 'here' | 'elsewhere';
}

export interface ProjectionStatus {
  name: string;
  kind: 'projection' | 'saga';
  version: number;
  state: 'live' | 'rebuilding';
  /** the generation queries read, and what it has seen */
  generation: number | null;
  liveVersion: number | null;
  checkpoint: number;
  lastPosition: number;
  /** events in the store the live generation has not seen yet */
  lag: number;
  rebuild: RebuildProgress | null;
  error: string | null;
  /** since when its batches have failed (ISO-8601), or null: a readiness check tells a blip from a stop */
  failingSince: string | null;
}

/** What a status needs of a slot: no groups, no database. */
export type StatusInput = Pick<Slot, 'kind' | 'live' | 'error'> &
  Partial<Pick<Slot, 'failingSince'>> & {
    def: { name: string; version: number };
    build: Pick<Build, 'generation' | 'version' | 'checkpoint' | 'folded' | 'startedAt'> | null;
  };

export interface StatusContext {
  /** every generation row of the read store */
  rows: GenerationRow[];
  lastPosition: number;
  now: number;
  /** a build elsewhere whose writer was quiet this long is not shown as running */
  staleBuildMs: number;
}

/**
 * Where a projection stands, from what this process knows and what the generation table says.
 * The checkpoint is the higher of the two: another process may feed the live generation, and
 * this process may have committed a batch the rows were read before.
 */
export function projectionStatus(slot: StatusInput, { rows, lastPosition, now, staleBuildMs }: StatusContext): ProjectionStatus {
  const { name, version } = slot.def;
  const live = slot.live;
  const checkpoint = Math.max(live?.checkpoint ?? 0, rows.find((r) => r.name === name && r.state === 'live')?.checkpoint ?? 0);
  const rebuild = slot.build
    ? buildHere(slot.build, lastPosition, now)
    : buildElsewhere(
        rows.find((r) => r.name === name && r.state === 'building' && now - Date.parse(r.heartbeatAt) < staleBuildMs),
        lastPosition,
      );
  const outdated = live !== null && live.version !== version;
  return {
    name,
    kind: slot.kind,
    version,
    state: rebuild || outdated ? 'rebuilding' : 'live',
    generation: live?.generation ?? null,
    liveVersion: live?.version ?? null,
    checkpoint,
    lastPosition,
    lag: Math.max(0, lastPosition - checkpoint),
    rebuild,
    error: slot.error,
    failingSince: slot.failingSince ? new Date(slot.failingSince).toISOString() : null,
  };
}

const share = (done: number, lastPosition: number): number => (lastPosition ? Math.min(1, done / lastPosition) : 1);

/** Half a second of folding is too little to tell a rate (and so an ETA) from noise. */
function buildHere(b: NonNullable<StatusInput['build']>, lastPosition: number, now: number): RebuildProgress {
  const seconds = (now - b.startedAt) / 1000;
  const done = Math.max(b.folded, b.checkpoint);
  const rate = seconds > 0.5 && done > 0 ? done / seconds : null;
  return {
    generation: b.generation,
    version: b.version,
    checkpoint: b.checkpoint,
    progress: share(done, lastPosition),
    eventsPerSecond: rate === null ? null : Math.round(rate),
    etaSeconds: rate ? Math.max(0, Math.round((lastPosition - done) / rate)) : null,
    startedAt: new Date(b.startedAt).toISOString(),
    builtBy: 'here',
  };
}

/** Another process only tells the table its commits: a checkpoint, no rate. */
function buildElsewhere(row: GenerationRow | undefined, lastPosition: number): RebuildProgress | null {
  if (!row) return null;
  return {
    generation: row.generation,
    version: row.version,
    checkpoint: row.checkpoint,
    progress: share(row.checkpoint, lastPosition),
    eventsPerSecond: null,
    etaSeconds: null,
    startedAt: row.createdAt,
    builtBy: 'elsewhere',
  };
}
