import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '../../../../libs/event-store/src';
import { InjectEventStore } from '../store/event-store.provider';

@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    @InjectEventStore() private readonly store: EventStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy() {
    const indicator = this.health.check('eventStore');
    try {
      await this.store.ping();
      return indicator.up({ adapter: this.store.name, lastPosition: await this.store.lastPosition() });
    } catch (error) {
      return indicator.down({ adapter: this.store.name, message: (error as Error).message });
    }
  }
}
