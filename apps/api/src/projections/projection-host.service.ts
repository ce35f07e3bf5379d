import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EventStore } from '../../../../libs/event-store/src';
import { ALL_PROJECTIONS, ProjectionHost, ProjectionReader, type CatchUpPolicy } from '../../../../libs/projections/src';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import type { Environment } from '../config/environment';
import { KpiOffTrackSaga } from '../sagas/kpi-off-track.saga';
import { InjectEventStore } from '../store/event-store.provider';
import { InjectReadStore } from '../store/read-store.provider';
import { FOLLOWED_WHEN_NEAR, THREADED_PROJECTIONS, WorkerCatchUpThread } from './catch-up-thread';

/**
 * A cold catch-up of the embedded stores is bound by one core: part of it runs on a second thread,
 * which with PROJECTIONS_THREAD=follow goes on feeding those projections once they are there.
 */
const catchUpPolicy = (config: ConfigService<Environment, true>): CatchUpPolicy | undefined => {
  const minEvents = config.get('CATCH_UP_THREAD_MIN_EVENTS', { infer: true });
  const embedded = config.get('EVENT_STORE', { infer: true }) === 'sqlite' && config.get('READ_STORE', { infer: true }) === 'sqlite';
  if (!minEvents || !embedded) return undefined;
  const dataDir = config.get('DATA_DIR', { infer: true });
  return {
    minEvents,
    follow: config.get('PROJECTIONS_THREAD', { infer: true }) === 'follow',
    projections: THREADED_PROJECTIONS,
    followWhenNear: FOLLOWED_WHEN_NEAR,
    shareStreams: true,
    thread: new WorkerCatchUpThread({
      eventStore: { kind: 'sqlite', dataDir, dataKeySecret: config.get('DATA_KEY_SECRET', { infer: true }) },
      readStore: { kind: 'sqlite', dataDir },
      followGapMs: config.get('PROJECTIONS_FOLLOW_GAP_MS', { infer: true }),
    }),
  };
};

/**
 * The projection runner inside the API: feeds every projection and the KPI saga from the event
 * store once the app has started, and stops them (after the batch in flight) before the stores
 * close.
 */
@Injectable()
export class ProjectionHostService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly host: ProjectionHost;
  readonly reader: ProjectionReader;
  private readonly logger = new Logger('Projections');

  constructor(
    @InjectEventStore() store: EventStore,
    @InjectReadStore() readStore: OpenedReadStore,
    saga: KpiOffTrackSaga,
    config: ConfigService<Environment, true>,
  ) {
    this.host = new ProjectionHost({
      store,
      readStore,
      projections: [...ALL_PROJECTIONS],
      sagas: [saga.binding()],
      catchUp: catchUpPolicy(config),
      logger: {
        log: (m) => this.logger.log(m),
        warn: (m) => this.logger.warn(m),
        error: (m, e) => this.logger.error(m, e instanceof Error ? e.stack : String(e)),
      },
    });
    this.reader = new ProjectionReader(this.host.tables);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
  }

  /**
   * Nest runs this before the HTTP server drains, on purpose: stopping answers every pending
   * `?minPosition=` wait at once (stale, and marked so), so reads in flight at SIGTERM do not hold
   * the shutdown for up to 5 s. What they waited for is in the log and is projected on the next start.
   */
  async onModuleDestroy(): Promise<void> {
    await this.host.stop();
  }
}
