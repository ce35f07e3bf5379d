import { kpiDashboardReducer, type KpiDashboardState } from '../kpi/kpi-dashboard';
import { DEFAULT_THRESHOLDS } from '../kpi/kpi-math';
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

const reduce = kpiDashboardReducer(DEFAULT_THRESHOLDS);

/** One joint KPI dashboard per initiative, under the default thresholds; the same reducer as kpiDashboardOf. */
export const kpiDashboardProjection: Projection<KpiDashboardState> = {
  name: 'kpi-dashboard',
  // 2: per-period statuses as the series stands, whatever order the periods arrived in
  version: 2,
  documentIds: (event) => (READS.reads(event) ? [event.data.initiativeId] : []),
  reduce: (doc, event) => reduce(doc, event) ?? null,
};
