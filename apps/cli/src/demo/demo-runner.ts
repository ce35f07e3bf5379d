import { CommandBus } from '@nestjs/cqrs';
import { type Actor, type DemoUser, writeDemoUsers } from '../../../../libs/auth/src';
import type { EventStore, StoredEvent } from '../../../../libs/event-store/src';
import type { Initiative } from '../../../../libs/initiative/src';
import { createApp } from '../../../api/src/app.factory';
import { ProjectionHostService } from '../../../api/src/projections/projection-host.service';
import { EVENT_STORE } from '../../../api/src/store/event-store.provider';
import { ManualClock } from '../../../api/src/write/clock';
import { fold, InitiativeRepository } from '../../../api/src/write/initiative.repository';
import { Calendar, STORY_BEGINS } from './calendar';
import { careAndSafety } from './care-and-safety';
import { cityKeyFigures } from './city-key-figures';
import { MUNICIPALITIES, POLICE, REGIONAL_PARTNERS } from './organisations';
import { provinceNetwork } from './province-network';
import { DemoWorld, type Scene, sceneFor } from './script';
import { Timeline } from './timeline';

/**
 * `npm run demo`: two years of three networks, written through the real app into an empty store.
 * The storylines run side by side on one manual clock, so every event's occurredAt is the moment
 * it would have happened and the log is in time order across initiatives.
 */

export interface DemoOptions {
  dataDir: string;
  /** the real today (read once by the CLI): the history ends just before it */
  today: Date;
  /** called after every command, for a progress line */
  onProgress?: (progress: { at: Date; commands: number }) => void;
}

export interface DemoSummary {
  dataDir: string;
  events: number;
  /** the first and last occurredAt in the log */
  from: string;
  to: string;
  partners: number;
  initiatives: Array<{ id: string; title: string; phase: string; events: number }>;
  /** how many years the storylines' calendar moved to end just before today */
  shiftYears: number;
}

export class StoreNotEmpty extends Error {
  override readonly name = 'StoreNotEmpty';
}

/** Prologue: the application's administrator fills the partner registry for the region. */
async function partnerRegistry(scene: Scene): Promise<void> {
  await scene.on(STORY_BEGINS, '08:30');
  for (const organisation of [...MUNICIPALITIES, ...REGIONAL_PARTNERS]) await scene.as(scene.admin).register(organisation);
}

const STORYLINES: ReadonlyArray<{ name: string; play: (scene: Scene) => Promise<void> }> = [
  { name: 'registry', play: partnerRegistry },
  { name: 'province', play: provinceNetwork },
  { name: 'city', play: cityKeyFigures },
  { name: 'care', play: careAndSafety },
];

export async function runDemo({ dataDir, today, onProgress }: DemoOptions): Promise<DemoSummary> {
  const calendar = Calendar.anchoredAt(today);
  const clock = new ManualClock(calendar.instant(STORY_BEGINS, '08:00'));
  const app = await createApp({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 0 }, { clock });
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const existing = await store.lastPosition();
    if (existing > 0) {
      throw new StoreNotEmpty(
        `the store in ${dataDir} already holds ${existing} events: the demo only fills an empty store. ` +
          'Point DATA_DIR at a new directory (DATA_DIR=./demo-data npm run demo) or remove this one first.',
      );
    }
    const readSide = projectionHostOf(app);
    const initiatives = app.get(InitiativeRepository);
    const world = new DemoWorld(
      app.get(CommandBus),
      clock,
      calendar,
      (w) => onProgress?.({ at: clock.now(), commands: w.commands }),
      async (id) => (await initiatives.load(id)).state as Initiative,
      async (position) => {
        if (readSide) await readSide.waitFor(readSide.names('saga'), position, 10_000);
      },
    );
    await new Timeline(clock).run(
      STORYLINES.map(
        ({ name, play }, i) =>
          (waitUntil) =>
            play(sceneFor(world, name, i + 1, waitUntil)),
      ),
    );
    await settle(store, readSide);
    writeDemoUsers(dataDir, demoUsers(world));
    return await summarise(store, dataDir, calendar.shiftYears);
  } finally {
    await app.close();
  }
}

/**
 * Who the web app offers to sign in as: everyone who acted in the story, and an analyst of the
 * police, who take part in all three networks (analysts read; nobody in the story needed one).
 */
function demoUsers(world: DemoWorld): DemoUser[] {
  const police = world.registry.get(POLICE.name)!;
  const people: Actor[] = [...world.people.values(), { sub: `analyst-${POLICE.code}-1`, roles: ['analyst'], partner: police.id }];
  return people.map((who) => ({ ...who, ...(who.partner && { partnerName: world.nameOf(who.partner) }) }));
}

/** The app's read side, when this build of the app has one. */
function projectionHostOf(app: Awaited<ReturnType<typeof createApp>>) {
  try {
    return app.get(ProjectionHostService, { strict: false }).host;
  } catch {
    return null;
  }
}

/**
 * Lets the app finish what it does with the demo's events before it closes: the read side catches
 * up (so `npm start` serves complete projections at once) and reactions such as a saga's review land.
 */
async function settle(store: EventStore, readSide: ReturnType<typeof projectionHostOf>): Promise<void> {
  if (readSide) {
    await readSide.waitFor(readSide.names(), await store.lastPosition(), 30_000);
    return;
  }
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const now = await store.lastPosition();
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (;;) {
    const batch = await store.readAll(all.length ? all[all.length - 1].position : 0, 1000);
    if (!batch.length) return all;
    all.push(...batch);
  }
}

async function summarise(store: EventStore, dataDir: string, shiftYears: number): Promise<DemoSummary> {
  const events = await readEverything(store);
  const byStream = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const stream = byStream.get(event.stream) ?? [];
    stream.push(event);
    byStream.set(event.stream, stream);
  }
  const times = events
    .map((e) => (typeof e.data.occurredAt === 'string' ? e.data.occurredAt : ''))
    .filter(Boolean)
    .sort();
  const initiatives = [...byStream.entries()]
    .filter(([stream]) => stream.startsWith('initiative-'))
    .map(([, stream]) => {
      const state = fold(stream) as Initiative;
      return { id: state.id, title: state.title, phase: state.phase, events: stream.length, startedAt: state.startedAt };
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map(({ startedAt: _, ...initiative }) => initiative);
  return {
    dataDir,
    events: events.length,
    from: times[0] ?? '',
    to: times[times.length - 1] ?? '',
    partners: [...byStream.keys()].filter((s) => s.startsWith('partner-')).length,
    initiatives,
    shiftYears,
  };
}
