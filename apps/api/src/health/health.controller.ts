import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { Public } from '../auth/roles.decorator';
import { ProjectionHostService } from '../projections/projection-host.service';
import { InjectReadStore } from '../store/read-store.provider';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProjectionsHealthIndicator } from './projections.health';
import { ReadStoreHealthIndicator } from './read-store.health';

/**
 * Liveness (is the process answering at all: restart it if not) apart from readiness (can it serve:
 * both stores answer and no projection has stopped; route traffic elsewhere if not).
 */
@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  private readonly readStore: ReadStoreHealthIndicator;
  private readonly projections: ProjectionsHealthIndicator;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: EventStoreHealthIndicator,
    indicators: HealthIndicatorService,
    @InjectReadStore() readStore: OpenedReadStore,
    modules: ModuleRef,
  ) {
    this.readStore = new ReadStoreHealthIndicator(readStore, indicators);
    this.projections = new ProjectionsHealthIndicator(projectionHostOf(modules), indicators);
  }

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness (as /health/ready): 503 when a store does not answer or a projection stopped' })
  check() {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the event store and the read store answer, and every projection is being fed' })
  ready() {
    return this.health.check([() => this.store.isHealthy(), () => this.readStore.isHealthy(), () => this.projections.isHealthy()]);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers; says nothing about the stores' })
  live() {
    return { status: 'ok' };
  }
}

const projectionHostOf = (modules: ModuleRef) => {
  try {
    return modules.get(ProjectionHostService, { strict: false }).host;
  } catch {
    return null;
  }
};
