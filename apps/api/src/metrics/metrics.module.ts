import { Global, Module } from '@nestjs/common';
import { CommandMetrics } from './command-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsGuard } from './metrics.guard';
import { MetricsRegistry } from './metrics.registry';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, CommandMetrics, MetricsGuard],
  exports: [MetricsRegistry, CommandMetrics],
})
export class MetricsModule {}
