import {
  SCHEMA_VERSIONS,
  type EventOfType,
  type InitiativeEvent,
  type KpiFrequency,
  type PartnerRole,
  type Phase,
  type PilotOutcome,
} from '../../../../events';
import { evolve } from '../initiative.evolve';
import { initialState, type Initiative } from '../initiative.state';

export const ID = 'i-radicalisation';
export const NOW = '2025-03-01T09:00:00.000Z';
/** the fields every command carries */
export const base = { initiativeId: ID, now: NOW };

export interface TestPartner {
  partnerId: string;
  name: string;
}
export const municipality: TestPartner = { partnerId: 'p-municipality', name: 'Municipality' };
export const police: TestPartner = { partnerId: 'p-police', name: 'Police' };
export const youthCare: TestPartner = { partnerId: 'p-youth-care', name: 'Youth Care' };
export const prosecutor: TestPartner = { partnerId: 'p-prosecutor', name: 'Public Prosecutor' };

type Data<T extends InitiativeEvent['type']> = Omit<EventOfType<T>['data'], 'initiativeId' | 'occurredAt'>;

/** An event as the decider writes it for this initiative at NOW. */
export function event<T extends InitiativeEvent['type']>(type: T, data: Data<T>, occurredAt = NOW): EventOfType<T> {
  return { type, schemaVersion: SCHEMA_VERSIONS[type], data: { initiativeId: ID, ...data, occurredAt } } as unknown as EventOfType<T>;
}

export const initiativeStarted = () =>
  event('InitiativeStarted', {
    title: 'Preventing radicalisation',
    problemArea: 'radicalisation',
    regisseurPartnerId: municipality.partnerId,
    regisseurPartnerName: municipality.name,
  });
export const joined = (p: TestPartner, role: PartnerRole = 'participant', competence = 'its core work') =>
  event('PartnerJoined', { partnerId: p.partnerId, partnerName: p.name, role, competence });
export const regisseurJoined = () => joined(municipality, 'regisseur', 'network direction');
export const left = (p: TestPartner) => event('PartnerLeft', { partnerId: p.partnerId });
export const perspectiveShared = (p: TestPartner) => event('PerspectiveShared', { partnerId: p.partnerId, summary: `how ${p.name} sees it` });
export const urgencyConfirmed = (p: TestPartner) => event('UrgencyConfirmed', { partnerId: p.partnerId });
export const sharedPictureAgreed = () => event('SharedPictureAgreed', { summary: 'young people drift into extremism online' });
export const problemDefinitionAgreed = () => event('ProblemDefinitionAgreed', { statement: 'signals reach no one who can act' });
export const EFFECT = { id: 'e-1', description: 'Fewer young people radicalise' };
export const desiredEffectDefined = (effect = EFFECT) => event('DesiredEffectDefined', { effectId: effect.id, description: effect.description });
export const intentStated = () => event('IntentStated', { statement: 'act together before harm is done' });
export const buildingBlockAdded = (p: TestPartner, blockId = `b-${p.partnerId}`) =>
  event('BuildingBlockAdded', { blockId, partnerId: p.partnerId, description: `${p.name}'s part` });
export const kpiDefined = (kpiId = 'k-1', effectId = EFFECT.id, owner: TestPartner = police, frequency: KpiFrequency = 'quarterly') =>
  event('KpiDefined', {
    kpiId,
    name: 'Signals handled within two weeks',
    effectId,
    ownerPartnerId: owner.partnerId,
    unit: '%',
    direction: 'increase',
    baseline: 40,
    target: 80,
    targetDate: '2026-12-31',
    frequency,
  });
export const covenantDrafted = (version = 1) =>
  event('CovenantVersionDrafted', {
    version,
    purposes: ['signal sharing'],
    dataCategories: ['case references'],
    legalBasis: 'public task (art. 6(1)(e) GDPR)',
    retentionMonths: 24,
  });
export const covenantSigned = (p: TestPartner, version = 1) => event('CovenantSigned', { partnerId: p.partnerId, version });
export const pilotStarted = () => event('PilotStarted', { scope: 'two districts', startsOn: '2025-04-01', endsOn: '2025-09-30' });
export const pilotEvaluated = (outcome: PilotOutcome) => event('PilotEvaluated', { outcome, rationale: 'the cases tell' });
export const measurementRecorded = (period: string, value: number, kpiId = 'k-1', p: TestPartner = police) =>
  event('MeasurementRecorded', { kpiId, period, value, partnerId: p.partnerId });
export const wavePlanned = (waveId = 'w-1', partners: TestPartner[] = [police]) =>
  event('RolloutWavePlanned', { waveId, partnerIds: partners.map((p) => p.partnerId), plannedStart: '2026-01-05' });
export const waveCompleted = (waveId = 'w-1') => event('RolloutWaveCompleted', { waveId });
export const ambassadorAppointed = (p: TestPartner = police) => event('AmbassadorAppointed', { partnerId: p.partnerId, role: 'district chief' });
export const reviewScheduled = (reviewId = 'r-1', reason = 'cadence') => event('ReviewScheduled', { reviewId, dueOn: '2026-06-30', reason });
export const advanced = (from: Phase, to: Phase) => event('PhaseAdvanced', { from, to });

// Histories that walk the method with two partners, Municipality (regisseur) and Police, up to
// the point where each gate just holds.
export const exploreDone = (): InitiativeEvent[] => [
  initiativeStarted(),
  regisseurJoined(),
  joined(police),
  perspectiveShared(municipality),
  perspectiveShared(police),
  urgencyConfirmed(municipality),
  urgencyConfirmed(police),
  sharedPictureAgreed(),
];
export const defineDone = (): InitiativeEvent[] => [
  ...exploreDone(),
  advanced('explore', 'define'),
  problemDefinitionAgreed(),
  desiredEffectDefined(),
  intentStated(),
];
export const coDesignDone = (): InitiativeEvent[] => [
  ...defineDone(),
  advanced('define', 'co-design'),
  buildingBlockAdded(municipality),
  buildingBlockAdded(police),
  kpiDefined(),
  covenantDrafted(1),
  covenantSigned(municipality, 1),
  covenantSigned(police, 1),
];
export const pilotDone = (): InitiativeEvent[] => [...coDesignDone(), advanced('co-design', 'pilot'), pilotStarted(), pilotEvaluated('successful')];
export const integrateDone = (): InitiativeEvent[] => [...pilotDone(), advanced('pilot', 'integrate'), wavePlanned(), waveCompleted(), ambassadorAppointed()];

/** A history that has just entered the phase, with every earlier gate met. */
export function historyIn(phase: Phase): InitiativeEvent[] {
  switch (phase) {
    case 'explore':
      return [initiativeStarted(), regisseurJoined()];
    case 'define':
      return [...exploreDone(), advanced('explore', 'define')];
    case 'co-design':
      return [...defineDone(), advanced('define', 'co-design')];
    case 'pilot':
      return [...coDesignDone(), advanced('co-design', 'pilot')];
    case 'integrate':
      return [...pilotDone(), advanced('pilot', 'integrate')];
    case 're-legitimise':
      return [...integrateDone(), advanced('integrate', 're-legitimise')];
    case 'dissolved':
      return [
        ...historyIn('re-legitimise'),
        reviewScheduled(),
        event('ReviewConcluded', {
          reviewId: 'r-1',
          verdict: 'dissolve',
          rationale: 'goal reached',
          decidedBy: { sub: 'sg-1', partner: municipality.partnerId },
          evidence: null,
        }),
        event('InitiativeDissolved', { reason: 'goal reached', reviewId: 'r-1' }),
      ];
  }
}

export const stateOf = (events: InitiativeEvent[]): Initiative => {
  const state = events.reduce(evolve, initialState);
  if (!state.started) throw new Error('the history does not start an initiative');
  return state;
};
