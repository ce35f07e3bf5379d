import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { EventStoreHealthIndicator } from './event-store.health';

@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheckService, private readonly store: EventStoreHealthIndicator) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.store.isHealthy()]);
  }
}
