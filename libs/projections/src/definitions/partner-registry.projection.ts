import type { PartnerKind } from '../../../../events';
import { evolvePartner, initialPartnerState, type PartnerState } from '../../../initiative/src';
import { eventFilter, type EventFilter } from '../event-filter';
import type { Projection } from '../projection';

/** GET /api/partners: every registered partner organisation. */
export interface PartnerDoc {
  id: string;
  name: string;
  kind: PartnerKind;
  registeredAt: string;
}

const toState = (doc: PartnerDoc | undefined): PartnerState =>
  doc ? { registered: true, partnerId: doc.id, name: doc.name, kind: doc.kind, registeredAt: doc.registeredAt } : initialPartnerState;

/** The registry: the partner events. */
const READS = eventFilter({
  PartnerRegistered: true,
  InitiativeStarted: false,
  PartnerJoined: false,
  PartnerLeft: false,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: false,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: false,
  KpiDefined: false,
  KpiTargetRevised: false,
  MeasurementRecorded: false,
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
  FreeTextErased: false,
} satisfies EventFilter);

export const partnerRegistryProjection: Projection<PartnerDoc> = {
  name: 'partner-registry',
  oneStreamPerDocument: true,
  version: 1,
  documentIds: (event) => (READS.reads(event) ? [event.data.partnerId] : []),
  reduce(doc, event) {
    if (!READS.reads(event)) return doc ?? null;
    const state = evolvePartner(toState(doc), event);
    return state.registered ? { id: state.partnerId, name: state.name, kind: state.kind, registeredAt: state.registeredAt } : null;
  },
};

/** Sorted by name, then id, so the list reads the same every time. */
export const partnerList = (docs: PartnerDoc[]): PartnerDoc[] => [...docs].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
