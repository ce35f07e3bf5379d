import type { InitiativeCommandOf, InitiativeCommandType } from '../initiative.commands';
import { base, police, youthCare } from './fixtures';

/** One well-formed command of each kind, as a programme manager would give it. */
export const SAMPLES: { [T in Exclude<InitiativeCommandType, 'StartInitiative'>]: InitiativeCommandOf<T> } = {
  JoinPartner: { type: 'JoinPartner', ...base, partnerId: youthCare.partnerId, partnerName: youthCare.name, role: 'participant', competence: 'youth work' },
  RemovePartner: { type: 'RemovePartner', ...base, partnerId: police.partnerId },
  SharePerspective: { type: 'SharePerspective', ...base, partnerId: police.partnerId, summary: 'we see it on the street' },
  AgreeSharedPicture: { type: 'AgreeSharedPicture', ...base, summary: 'one picture' },
  ConfirmUrgency: { type: 'ConfirmUrgency', ...base, partnerId: police.partnerId },
  AgreeProblemDefinition: { type: 'AgreeProblemDefinition', ...base, statement: 'the problem' },
  DefineDesiredEffect: { type: 'DefineDesiredEffect', ...base, effectId: 'e-9', description: 'an effect' },
  StateIntent: { type: 'StateIntent', ...base, statement: 'the intent' },
  AddBuildingBlock: { type: 'AddBuildingBlock', ...base, blockId: 'b-9', partnerId: police.partnerId, description: 'a block' },
  CommitContribution: { type: 'CommitContribution', ...base, contributionId: 'c-9', partnerId: police.partnerId, description: 'two officers' },
  DefineKpi: {
    type: 'DefineKpi', ...base, kpiId: 'k-9', name: 'a KPI', effectId: 'e-1', ownerPartnerId: police.partnerId, unit: '%',
    direction: 'increase', baseline: 1, target: 2, targetDate: '2026-12-31', frequency: 'yearly',
  },
  ReviseKpiTarget: { type: 'ReviseKpiTarget', ...base, kpiId: 'k-1', target: 90, reason: 'going well' },
  DraftCovenant: { type: 'DraftCovenant', ...base, purposes: ['p'], dataCategories: ['d'], legalBasis: 'l', retentionMonths: 12 },
  SignCovenant: { type: 'SignCovenant', ...base, partnerId: police.partnerId, version: 1 },
  ArrangeTechnology: { type: 'ArrangeTechnology', ...base, description: 'a shared case board' },
  StartPilot: { type: 'StartPilot', ...base, scope: 'one district', startsOn: '2025-04-01', endsOn: '2025-06-30' },
  RecordPilotCase: { type: 'RecordPilotCase', ...base, caseId: 'case-9', caseRef: 'C-9', partnerIds: [police.partnerId], learning: 'talk earlier' },
  RecordLesson: { type: 'RecordLesson', ...base, lessonId: 'l-9', lesson: 'talk earlier' },
  EvaluatePilot: { type: 'EvaluatePilot', ...base, outcome: 'successful', rationale: 'it worked' },
  RecordMeasurement: { type: 'RecordMeasurement', ...base, kpiId: 'k-1', period: '2025-Q2', value: 50, partnerId: police.partnerId },
  PlanRolloutWave: { type: 'PlanRolloutWave', ...base, waveId: 'w-9', partnerIds: [police.partnerId], plannedStart: '2026-01-05' },
  CompleteRolloutWave: { type: 'CompleteRolloutWave', ...base, waveId: 'w-1' },
  AppointAmbassador: { type: 'AppointAmbassador', ...base, partnerId: police.partnerId, role: 'district chief' },
  ScheduleReview: { type: 'ScheduleReview', ...base, reviewId: 'r-9', dueOn: '2026-06-30' },
  ConcludeReview: {
    type: 'ConcludeReview', ...base, reviewId: 'r-1', verdict: 'continue', rationale: 'still needed',
    decidedBy: { sub: 'sg-1', partner: police.partnerId }, evidence: {},
  },
  Advance: { type: 'Advance', ...base, to: 'define' },
  Return: { type: 'Return', ...base, to: 'co-design', reason: 'rework' },
  EraseFreeText: { type: 'EraseFreeText', ...base, reason: 'the covenant retention ran out' },
};

