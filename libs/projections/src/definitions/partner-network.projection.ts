import type { Phase } from '../../../../events';
import { isVisible, type Actor, type InitiativeState } from '../../../initiative/src';
import type { Projection } from '../projection';
import { eventFilter, type EventFilter, type Reads } from '../event-filter';
import { emptySlice, foldSlice, MEMBERSHIP, PHASE_MOVES } from '../slice';
import { partnerRegistryProjection, type PartnerDoc } from './partner-registry.projection';

/** The registry entry; who takes part, where the initiative is, contributions and the covenant. */
const SLICE = eventFilter({
  PartnerRegistered: true,
  InitiativeStarted: true,
  PartnerJoined: true,
  PartnerLeft: true,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: false,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: true,
  KpiDefined: false,
  KpiTargetRevised: false,
  MeasurementRecorded: false,
  CovenantVersionDrafted: true,
  CovenantSigned: true,
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
  PhaseAdvanced: true,
  PhaseReturned: true,
  InitiativeDissolved: true,
  FreeTextErased: true,
} satisfies EventFilter & Reads<typeof MEMBERSHIP.table> & Reads<typeof PHASE_MOVES.table>);

/**
 * Two kinds of documents: `partner:<id>` (the registry entry, so an unknown partner is a 404 from
 * this projection alone) and `initiative:<id>` (who takes part, their contributions, the covenant,
 * folded by the decider's evolve). A covenant version concerns every partner of the initiative,
 * so keying by initiative keeps each event to one document.
 */
export type NetworkDoc = { kind: 'partner'; partner: PartnerDoc } | { kind: 'initiative'; state: InitiativeState };

export const PARTNER_PREFIX = 'partner:';
export const INITIATIVE_PREFIX = 'initiative:';

export const partnerNetworkProjection: Projection<NetworkDoc> = {
  name: 'partner-network',
  oneStreamPerDocument: true,
  // 2: a partner that leaves loses its covenant signature (it signs again when it rejoins)
  version: 2,
  documentIds(event) {
    if (event.type === 'PartnerRegistered') return [PARTNER_PREFIX + event.data.partnerId];
    return SLICE.reads(event) ? [INITIATIVE_PREFIX + event.data.initiativeId] : [];
  },
  reduce(doc, event, stored) {
    if (event.type === 'PartnerRegistered') {
      const partner = partnerRegistryProjection.reduce(doc?.kind === 'partner' ? doc.partner : undefined, event, stored, event.data.partnerId);
      return partner ? { kind: 'partner', partner } : null;
    }
    const state = foldSlice(SLICE, doc?.kind === 'initiative' ? doc.state : emptySlice(), event);
    return state.started ? { kind: 'initiative', state } : null;
  },
};

export interface NetworkEntry {
  initiativeId: string;
  title: string;
  phase: Phase;
  role: string;
  /** false once the partner left; its history stays */
  active: boolean;
  joinedAt: string;
  leftAt: string | null;
  contributions: Array<{ id: string; description: string; hoursPerMonth: number | null; committedAt: string }>;
  /** null while no covenant is drafted */
  covenant: { version: number; signed: boolean } | null;
}

export interface PartnerNetwork {
  partner: PartnerDoc;
  initiatives: NetworkEntry[];
}

/** The initiatives the partner takes (or took) part in, among those the actor may see. */
export function networkOf(partner: PartnerDoc, initiatives: InitiativeState[], actor: Actor): PartnerNetwork {
  const entries: NetworkEntry[] = [];
  for (const s of initiatives) {
    if (!s.started || !isVisible(s, actor)) continue;
    const member = s.partners.find((p) => p.partnerId === partner.id);
    if (!member) continue;
    entries.push({
      initiativeId: s.id,
      title: s.title,
      phase: s.phase,
      role: member.role,
      active: member.active,
      joinedAt: member.joinedAt,
      leftAt: member.leftAt,
      contributions: s.contributions
        .filter((c) => c.partnerId === partner.id)
        .map((c) => ({ id: c.id, description: c.description, hoursPerMonth: c.hoursPerMonth, committedAt: c.committedAt })),
      covenant: s.covenant ? { version: s.covenant.version, signed: s.covenant.signedBy.includes(partner.id) } : null,
    });
  }
  entries.sort((a, b) => a.title.localeCompare(b.title) || a.initiativeId.localeCompare(b.initiativeId));
  return { partner, initiatives: entries };
}
