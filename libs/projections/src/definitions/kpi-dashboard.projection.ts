import { kpiDashboardReducer, type KpiDashboardState } from '../kpi/kpi-dashboard';
import { DEFAULT_THRESHOLDS } from '../kpi/kpi-math';
import type { Projection } from '../projection';

const RELEVANT = new Set([
  'InitiativeStarted', 'PartnerJoined', 'PartnerLeft', 'DesiredEffectDefined', 'KpiDefined', 'KpiTargetRevised', 'MeasurementRecorded',
]);

const reduce = kpiDashboardReducer(DEFAULT_THRESHOLDS);

/** One joint KPI dashboard per initiative, under the default thresholds; the same reducer as kpiDashboardOf. */
export const kpiDashboardProjection: Projection<KpiDashboardState> = {
  name: 'kpi-dashboard',
  // 2: per-period statuses as the series stands, whatever order the periods arrived in
  version: 2,
  documentIds: (event) => (event.type !== 'PartnerRegistered' && RELEVANT.has(event.type) ? [event.data.initiativeId] : []),
  reduce: (doc, event) => reduce(doc, event) ?? null,
};
