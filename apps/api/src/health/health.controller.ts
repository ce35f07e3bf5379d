import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { Public } from '../auth/roles.decorator';
import { InjectReadStore } from '../store/read-store.provider';
import { EventStoreHealthIndicator } from './event-store.health';
import { ReadStoreHealthIndicator } from './read-store.health';

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  private readonly readStore: ReadStoreHealthIndicator;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: EventStoreHealthIndicator,
    indicators: HealthIndicatorService,
    @InjectReadStore() readStore: OpenedReadStore,
  ) {
    this.readStore = new ReadStoreHealthIndicator(readStore, indicators);
  }

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.store.isHealthy(), () => this.readStore.isHealthy()]);
  }
}
