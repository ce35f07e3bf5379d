import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src';
import { ALL_PROJECTIONS, ProjectionHost, ProjectionReader } from '../../../../libs/projections/src';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { KpiOffTrackSaga } from '../sagas/kpi-off-track.saga';
import { InjectEventStore } from '../store/event-store.provider';
import { InjectReadStore } from '../store/read-store.provider';

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

  constructor(@InjectEventStore() store: EventStore, @InjectReadStore() readStore: OpenedReadStore, saga: KpiOffTrackSaga) {
    this.host = new ProjectionHost({
      store,
      readStore,
      projections: [...ALL_PROJECTIONS],
      sagas: [saga.binding()],
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
