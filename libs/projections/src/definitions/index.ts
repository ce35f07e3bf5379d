import type { Projection } from '../projection';
import { kpiDashboardProjection } from './kpi-dashboard.projection';
import { partnerNetworkProjection } from './partner-network.projection';
import { partnerRegistryProjection } from './partner-registry.projection';
import { phaseAnalyticsProjection } from './phase-analytics.projection';
import { portfolioProjection } from './portfolio.projection';
import { reviewsProjection } from './reviews.projection';

export * from './kpi-dashboard.projection';
export * from './partner-network.projection';
export * from './partner-registry.projection';
export * from './phase-analytics.projection';
export * from './portfolio.projection';
export * from './reviews.projection';

/** Every read model the API serves, by name. */
export const PROJECTIONS = {
  partnerRegistry: partnerRegistryProjection,
  portfolio: portfolioProjection,
  kpiDashboard: kpiDashboardProjection,
  reviews: reviewsProjection,
  phaseAnalytics: phaseAnalyticsProjection,
  partnerNetwork: partnerNetworkProjection,
} as const;

export const ALL_PROJECTIONS: ReadonlyArray<Projection<unknown>> = Object.values(PROJECTIONS);
