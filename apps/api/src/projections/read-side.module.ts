import { Module } from '@nestjs/common';
import { AnalyticsController } from '../queries/analytics.controller';
import { InitiativeReadModelsController } from '../queries/initiative-read-models.controller';
import { KpiDashboardHandler } from '../queries/kpi-dashboard.query';
import { PartnerNetworkHandler } from '../queries/partner-network.query';
import { PartnerQueriesController } from '../queries/partner-queries.controller';
import { PartnerRegistryHandler } from '../queries/partner-registry.query';
import { PhaseDurationsHandler } from '../queries/phase-durations.query';
import { PortfolioHandler } from '../queries/portfolio.query';
import { ReadConsistency } from '../queries/read-consistency';
import { ReviewsHandler } from '../queries/reviews.query';
import { KpiOffTrackSaga } from '../sagas/kpi-off-track.saga';
import { ProjectionHostService } from './projection-host.service';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionsController } from './projections.controller';

/** The read side: the projection runner, the queries it serves, and the KPI saga it feeds. */
@Module({
  controllers: [InitiativeReadModelsController, PartnerQueriesController, AnalyticsController, ProjectionsController],
  providers: [
    ProjectionHostService,
    ProjectionMetrics,
    KpiOffTrackSaga,
    ReadConsistency,
    PortfolioHandler,
    KpiDashboardHandler,
    ReviewsHandler,
    PhaseDurationsHandler,
    PartnerRegistryHandler,
    PartnerNetworkHandler,
  ],
  exports: [ProjectionHostService],
})
export class ReadSideModule {}
