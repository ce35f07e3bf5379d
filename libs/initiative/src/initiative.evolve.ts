import type { InitiativeEvent, Phase } from '../../../events';
import { eraseText } from './erase-text';
import type { Initiative, InitiativeState } from './initiative.state';
import { withCaseTextDay } from './retention';
import { hasMeasured, withMeasured } from './measured-periods';

function enterPhase(s: Initiative, phase: Phase, at: string): Initiative {
  const phaseHistory = s.phaseHistory.map((stay, i) => (i === s.phaseHistory.length - 1 ? { ...stay, leftAt: at } : stay));
  return { ...s, phase, phaseEnteredAt: at, phaseHistory: [...phaseHistory, { phase, enteredAt: at, leftAt: null }] };
}

function started(event: Extract<InitiativeEvent, { type: 'InitiativeStarted' }>): Initiative {
  const { initiativeId, title, problemArea, regisseurPartnerId, occurredAt } = event.data;
  return {
    started: true,
    id: initiativeId,
    title,
    problemArea,
    regisseurPartnerId,
    phase: 'explore',
    startedAt: occurredAt,
    phaseEnteredAt: occurredAt,
    phaseHistory: [{ phase: 'explore', enteredAt: occurredAt, leftAt: null }],
    partners: [],
    perspectives: [],
    sharedPicture: null,
    urgencyConfirmations: [],
    problemDefinition: null,
    desiredEffects: [],
    intent: null,
    buildingBlocks: [],
    contributions: [],
    kpis: [],
    covenant: null,
    technology: [],
    pilot: null,
    previousPilots: [],
    pilotCases: [],
    lessons: [],
    rolloutWaves: [],
    ambassadors: [],
    reviews: [],
    dissolution: null,
  };
}

/** Folds one event into the state; never mutates, so earlier states stay valid for as-of reads. */
export function evolve(state: InitiativeState, event: InitiativeEvent): InitiativeState {
  if (event.type === 'InitiativeStarted') return started(event);
  // Events before a start cannot come from the decider; a reader ignores them rather than crash.
  if (!state.started) return state;
  const s = state;
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'PartnerJoined': {
      const { partnerId, partnerName: name, role, competence } = event.data;
      const joined = { partnerId, name, role, competence, active: true, joinedAt: at, leftAt: null };
      const known = s.partners.some((p) => p.partnerId === partnerId);
      return {
        ...s,
        partners: known ? s.partners.map((p) => (p.partnerId === partnerId ? joined : p)) : [...s.partners, joined],
      };
    }
    case 'PartnerLeft': {
      const { partnerId } = event.data;
      // A partner that leaves is no longer bound by the covenant; should it rejoin, it signs the
      // current version again rather than carry a signature from its earlier membership.
      const covenant = s.covenant && { ...s.covenant, signedBy: s.covenant.signedBy.filter((id) => id !== partnerId) };
      return {
        ...s,
        partners: s.partners.map((p) => (p.partnerId === partnerId ? { ...p, active: false, leftAt: at } : p)),
        covenant,
      };
    }
    case 'PerspectiveShared': {
      const { partnerId, summary } = event.data;
      return {
        ...s,
        perspectives: [...s.perspectives.filter((p) => p.partnerId !== partnerId), { partnerId, summary, sharedAt: at }],
      };
    }
    case 'SharedPictureAgreed':
      return { ...s, sharedPicture: { summary: event.data.summary, agreedAt: at } };
    case 'UrgencyConfirmed':
      return { ...s, urgencyConfirmations: [...s.urgencyConfirmations, { partnerId: event.data.partnerId, confirmedAt: at }] };
    case 'ProblemDefinitionAgreed':
      return { ...s, problemDefinition: { statement: event.data.statement, agreedAt: at } };
    case 'DesiredEffectDefined':
      return {
        ...s,
        desiredEffects: [...s.desiredEffects, { id: event.data.effectId, description: event.data.description, definedAt: at }],
      };
    case 'IntentStated':
      return { ...s, intent: { statement: event.data.statement, statedAt: at } };
    case 'BuildingBlockAdded': {
      const { blockId: id, partnerId, description } = event.data;
      return { ...s, buildingBlocks: [...s.buildingBlocks, { id, partnerId, description, addedAt: at }] };
    }
    case 'ContributionCommitted': {
      const { contributionId: id, partnerId, description, hoursPerMonth } = event.data;
      return {
        ...s,
        contributions: [...s.contributions, { id, partnerId, description, hoursPerMonth: hoursPerMonth ?? null, committedAt: at }],
      };
    }
    case 'KpiDefined': {
      const { kpiId: id, name, effectId, ownerPartnerId, unit, direction, baseline, target, targetDate, frequency } = event.data;
      const kpi = {
        id,
        name,
        effectId,
        ownerPartnerId,
        unit,
        direction,
        baseline,
        target,
        targetDate,
        frequency,
        definedAt: at,
        measuredPeriods: [],
        targetRevisions: [],
      };
      return { ...s, kpis: [...s.kpis, kpi] };
    }
    case 'KpiTargetRevised': {
      const { kpiId, target, targetDate, previousTarget, previousTargetDate, reason } = event.data;
      const revision = { target, targetDate, previousTarget, previousTargetDate, reason, revisedAt: at };
      return {
        ...s,
        kpis: s.kpis.map((k) => (k.id === kpiId ? { ...k, target, targetDate, targetRevisions: [...k.targetRevisions, revision] } : k)),
      };
    }
    case 'CovenantVersionDrafted': {
      const { version, purposes, dataCategories, legalBasis, retentionMonths } = event.data;
      return {
        ...s,
        covenant: { version, purposes, dataCategories, legalBasis, retentionMonths, draftedAt: at, signedBy: [] },
      };
    }
    case 'CovenantSigned': {
      const { covenant } = s;
      if (!covenant || covenant.version !== event.data.version) return s;
      return { ...s, covenant: { ...covenant, signedBy: [...covenant.signedBy, event.data.partnerId] } };
    }
    case 'TechnologyArranged':
      return { ...s, technology: [...s.technology, { description: event.data.description, arrangedAt: at }] };
    case 'PilotStarted': {
      const { scope, startsOn, endsOn } = event.data;
      return { ...s, pilot: { scope, startsOn, endsOn, startedAt: at, evaluation: null } };
    }
    case 'PilotCaseRecorded': {
      const { caseId: id, caseRef, partnerIds, learning } = event.data;
      return withCaseTextDay({ ...s, pilotCases: [...s.pilotCases, { id, caseRef, partnerIds, learning, recordedAt: at }] }, at);
    }
    case 'LessonRecorded':
      return { ...s, lessons: [...s.lessons, { id: event.data.lessonId, lesson: event.data.lesson, recordedAt: at }] };
    case 'PilotEvaluated': {
      if (!s.pilot) return s;
      const { outcome, rationale } = event.data;
      return { ...s, pilot: { ...s.pilot, evaluation: { outcome, rationale, evaluatedAt: at } } };
    }
    case 'MeasurementRecorded': {
      const { kpiId, period, note } = event.data;
      const measured = note ? withCaseTextDay(s, at) : s;
      return {
        ...measured,
        kpis: measured.kpis.map((k) =>
          k.id === kpiId && !hasMeasured(k.measuredPeriods, period) ? { ...k, measuredPeriods: withMeasured(k.measuredPeriods, period) } : k,
        ),
      };
    }
    case 'RolloutWavePlanned': {
      const { waveId: id, partnerIds, plannedStart } = event.data;
      return { ...s, rolloutWaves: [...s.rolloutWaves, { id, partnerIds, plannedStart, plannedAt: at, completedAt: null }] };
    }
    case 'RolloutWaveCompleted':
      return {
        ...s,
        rolloutWaves: s.rolloutWaves.map((w) => (w.id === event.data.waveId ? { ...w, completedAt: at } : w)),
      };
    case 'AmbassadorAppointed':
      return {
        ...s,
        ambassadors: [...s.ambassadors, { partnerId: event.data.partnerId, role: event.data.role, appointedAt: at }],
      };
    case 'ReviewScheduled': {
      const { reviewId: id, dueOn, reason, kpiId } = event.data;
      const review = {
        id,
        dueOn,
        reason,
        kpiId: kpiId ?? null,
        scheduledAt: at,
        verdict: null,
        rationale: null,
        returnTo: null,
        decidedBy: null,
        decidedAt: null,
      };
      return { ...s, reviews: [...s.reviews, review] };
    }
    case 'ReviewConcluded': {
      const { reviewId, verdict, rationale, returnTo, decidedBy } = event.data;
      return {
        ...s,
        reviews: s.reviews.map((r) => (r.id === reviewId ? { ...r, verdict, rationale, returnTo: returnTo ?? null, decidedBy, decidedAt: at } : r)),
      };
    }
    case 'PhaseAdvanced':
      return enterPhase(s, event.data.to, at);
    case 'PhaseReturned': {
      const returned = enterPhase(s, event.data.to, at);
      // A changed problem or approach needs a new pilot; the old one is kept aside for the record.
      if (!s.pilot || (event.data.to !== 'define' && event.data.to !== 'co-design')) return returned;
      return { ...returned, pilot: null, previousPilots: [...s.previousPilots, s.pilot] };
    }
    case 'InitiativeDissolved':
      return {
        ...enterPhase(s, 'dissolved', at),
        dissolution: { reason: event.data.reason, reviewId: event.data.reviewId ?? null, dissolvedAt: at },
      };
    case 'FreeTextErased': {
      const { initiativeText, caseDays, retentionMonths, reason } = event.data;
      const erasure = { initiativeText, caseDays, retentionMonths, reason, erasedAt: at };
      return { ...eraseText(s, erasure), erasures: [...(s.erasures ?? []), erasure] };
    }
    default:
      return assertNever(event);
  }
}

function assertNever(event: never): never {
  throw new Error(`evolve has no case for ${(event as { type: string }).type}`);
}
