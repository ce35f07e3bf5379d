import { kpiDashboardReducer, type KpiDashboardState } from '../kpi/kpi-dashboard';
import {
  isKpiSeriesId,
  kpiSeriesId,
  kpiSeriesReducer,
  reduceShell,
  type DashboardShell,
  type KpiDashboardDocument,
  type KpiSeriesDocument,
} from '../kpi/kpi-dashboard-documents';
import { DEFAULT_THRESHOLDS } from '../kpi/kpi-math';
import { renderKpiView } from '../kpi/kpi-dashboard-views';
import { eventFilter, type EventFilter, type Reads } from '../event-filter';
import type { Projection } from '../projection';
import { MEMBERSHIP } from '../slice';

/** Who may see the dashboard, its effects, its KPIs and their measurements. */
const READS = eventFilter({
  PartnerRegistered: false,
  InitiativeStarted: true,
  PartnerJoined: true,
  PartnerLeft: true,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: true,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: false,
  KpiDefined: true,
  KpiTargetRevised: true,
  MeasurementRecorded: true,
  CovenantVersionDrafted: false,
  CovenantSigned: false,
  TechnologyArranged: false,
  PilotStarted: false,
  PilotCaseRecorded: false,
  LessonRecorded: false,
  PilotEvaluated: false,
  RolloutWavePlanned: false,
  RolloutWaveCompleted: false,
  AmbassadorAppointed: false,
  ReviewScheduled: false,
  ReviewConcluded: false,
  PhaseAdvanced: false,
  PhaseReturned: false,
  InitiativeDissolved: false,
  FreeTextErased: true,
} satisfies EventFilter & Reads<typeof MEMBERSHIP.table>);

const reduceWhole = kpiDashboardReducer(DEFAULT_THRESHOLDS);

/**
 * The whole dashboard of an initiative as one document, folded from its stream: what the history
 * views (as of a moment, what-if) fold and snapshot. The same reducer as kpiDashboardOf.
 */
export const kpiDashboardHistory: Projection<KpiDashboardState> = {
  name: 'kpi-dashboard',
  // 2: per-period statuses as the series stands, whatever order the periods arrived in
  version: 2,
  documentIds: (event) => (READS.reads(event) ? [event.data.initiativeId] : []),
  reduce: (doc, event) => reduceWhole(doc, event) ?? null,
};

const reduceSeries = kpiSeriesReducer(DEFAULT_THRESHOLDS);

/**
 * The live joint KPI dashboards, under the default thresholds: per initiative a document of its
 * own and one per KPI (kpi-dashboard-documents.ts), which the dashboard query assembles.
 */
export const kpiDashboardProjection: Projection<KpiDashboardDocument> = {
  name: 'kpi-dashboard',
  oneStreamPerDocument: true,
  // 3: a document per KPI beside the initiative's; 4: each KPI's view rendered beside its document
  version: 4,
  documentIds: (event) => {
    if (!READS.reads(event)) return [];
    switch (event.type) {
      case 'KpiDefined':
        return [event.data.initiativeId, kpiSeriesId(event.data.initiativeId, event.data.kpiId)];
      case 'KpiTargetRevised':
      case 'MeasurementRecorded':
        return [kpiSeriesId(event.data.initiativeId, event.data.kpiId)];
      default:
        return [event.data.initiativeId];
    }
  },
  // An erasure reaches the notes in every KPI's series.
  familyOf: (event) => (event.type === 'FreeTextErased' ? event.data.initiativeId : null),
  reduce: (doc, event, stored, id) =>
    (isKpiSeriesId(id) ? reduceSeries(doc as KpiSeriesDocument | undefined, event, stored) : reduceShell(doc as DashboardShell | undefined, event, stored)) ??
    null,
  render: renderKpiView,
};
