import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { MetricsGuard } from './metrics.guard';
import { MetricsRegistry } from './metrics.registry';

/** Prometheus scrape endpoint: behind METRICS_TOKEN or an admin's token (MetricsGuard), not the user-facing AuthGuard. */
@ApiExcludeController()
@Public()
@UseGuards(MetricsGuard)
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
