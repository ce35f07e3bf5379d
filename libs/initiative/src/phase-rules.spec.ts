import { PHASES, type Phase } from '../../../events';
import { WrongPhase } from './domain-errors';
import { decide } from './initiative.decide';
import type { InitiativeCommand, InitiativeCommandType } from './initiative.commands';
import { PHASE_RULES } from './phase-rules';
import { given } from './testing/given';
import { base, historyIn, police, stateOf, youthCare } from './testing/fixtures';

type CommandOf<T extends InitiativeCommandType> = Extract<InitiativeCommand, { type: T }>;

/** One well-formed command of each kind, as a programme manager would give it. */
const SAMPLES: { [T in Exclude<InitiativeCommandType, 'StartInitiative'>]: CommandOf<T> } = {
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
};

const LIVE_PHASES = PHASES.filter((p) => p !== 'dissolved');
const cases = (Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>).flatMap((type) =>
  LIVE_PHASES.filter((phase) => !PHASE_RULES[type].allowedIn.includes(phase)).map((phase) => [type, phase] as const),
);

const decideIn = (phase: Phase, command: InitiativeCommand) => () => decide(command, stateOf(historyIn(phase)));

describe('each command belongs to its phases', () => {
  it.each(cases)('%s is refused in %s, and the refusal names that phase', (type, phase) => {
    const error = given(...historyIn(phase)).when(SAMPLES[type]).thenThrows(WrongPhase, `not in ${phase}`);
    expect(error.phase).toBe(phase);
    expect(error.allowed).toEqual(PHASE_RULES[type].allowedIn);
  });

  it.each((Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>).flatMap((type) =>
    PHASE_RULES[type].allowedIn.map((phase) => [type, phase] as const),
  ))('%s is not refused for its phase in %s', (type, phase) => {
    let thrown: unknown;
    try { decideIn(phase, SAMPLES[type])(); } catch (error) { thrown = error; }
    expect(thrown).not.toBeInstanceOf(WrongPhase);
  });

  it.each(Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>)('a dissolved initiative refuses %s', (type) => {
    given(...historyIn('dissolved'))
      .when(SAMPLES[type])
      .thenThrows(WrongPhase, 'is dissolved: a dissolved initiative accepts no more commands');
  });
});

describe('what a wrong-phase refusal says', () => {
  it('no solution talk in define: building blocks wait for co-design', () => {
    given(...historyIn('define'))
      .when(SAMPLES.AddBuildingBlock)
      .thenThrows(WrongPhase, 'building blocks can be added in co-design, not in define');
  });

  it('no KPIs in define', () => {
    given(...historyIn('define')).when(SAMPLES.DefineKpi).thenThrows(WrongPhase, 'KPIs can be defined in co-design, not in define');
  });

  it('no pilot in define', () => {
    given(...historyIn('define')).when(SAMPLES.StartPilot).thenThrows(WrongPhase, 'a pilot can be started in pilot, not in define');
  });

  it('lists every phase a command is allowed in', () => {
    given(...historyIn('explore'))
      .when(SAMPLES.CommitContribution)
      .thenThrows(WrongPhase, 'contributions can be committed in co-design, pilot or integrate, not in explore');
  });

  it('measurements start with the pilot', () => {
    given(...historyIn('co-design'))
      .when(SAMPLES.RecordMeasurement)
      .thenThrows(WrongPhase, 'KPI measurements can be recorded in pilot, integrate or re-legitimise, not in co-design');
  });
});
