import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import { Public } from '../auth/roles.decorator';
import { StoreFailures } from '../http/store-failures';
import { ApiPublic } from '../openapi/api-answers.decorators';
import { ProjectionHostService } from '../projections/projection-host.service';
import { InjectReadStore } from '../store/read-store.provider';
import { EventStoreHealthIndicator } from './event-store.health';
import { ProjectionsHealthIndicator } from './projections.health';
import { ReadStoreHealthIndicator } from './read-store.health';
import { StoreWritesHealthIndicator } from './store-writes.health';
import { HealthReport, Liveness } from './health.schema';

// terminus documents its 503 as plain JSON; it leaves as a problem document (ProblemDetailsFilter), with info, error and details as extensions.
const Readiness = () => HealthCheck({ noCache: true, swaggerDocumentation: false });

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
  private readonly writes: StoreWritesHealthIndicator;

  constructor(
    private readonly health: HealthCheckService,
    private readonly store: EventStoreHealthIndicator,
    indicators: HealthIndicatorService,
    @InjectReadStore() readStore: OpenedReadStore,
    modules: ModuleRef,
    failures: StoreFailures,
  ) {
    this.readStore = new ReadStoreHealthIndicator(readStore, indicators);
    this.writes = new StoreWritesHealthIndicator(failures, indicators);
    this.projections = new ProjectionsHealthIndicator(projectionHostOf(modules), indicators);
  }

  @Get()
  @Readiness()
  @ApiPublic({ summary: 'Readiness (as /health/ready): 503 when a store does not answer or a projection stopped' }, { throttled: false })
  @ApiOkResponse({ type: HealthReport, description: 'ready' })
  check() {
    return this.ready();
  }

  @Get('ready')
  @Readiness()
  @ApiPublic(
    { summary: 'Readiness: the event store and the read store answer, neither refused a write in the last 15 s, and every projection is being fed' },
    { throttled: false },
  )
  @ApiOkResponse({ type: HealthReport, description: 'ready' })
  ready() {
    return this.health.check([
      () => this.store.isHealthy(),
      () => this.readStore.isHealthy(),
      () => this.writes.isHealthy(),
      () => this.projections.isHealthy(),
    ]);
  }

  @Get('live')
  @ApiPublic({ summary: 'Liveness: the process answers; says nothing about the stores' }, { throttled: false })
  @ApiOkResponse({ type: Liveness, description: 'alive' })
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
